# The two commands of the README:
#   make run   - the app on the embedded default (SQLite, file-system broker, a worker, demo data)
#   make test  - the whole test suite against real PostgreSQL, Redis and Chromium (what CI runs)
# Both set up everything they need on a fresh machine (Python 3.11 with pip, nothing else).

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test lint services clean-var translations

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed-run: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.installed-run

# The embedded default: DEBUG on, SQLite under var/, the Celery broker in var/broker.
run: export DJANGO_DEBUG := true
run: $(VENV)/.installed-run translations
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo --url http://$(HOST):$(PORT)/
	@echo "Worker log: var/worker.log"
	@$(BIN)/celery -A cluster_site worker --beat --schedule=var/celerybeat-schedule --concurrency=1 \
	   --loglevel=INFO --logfile=var/worker.log & \
	 worker=$$!; trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	 $(BIN)/python manage.py recompute_stale; \
	 $(BIN)/python manage.py runserver $(HOST):$(PORT)

services:
	bash .ci/services

# The German interface: .po files (in git) compiled to .mo (not in git) with GNU gettext.
translations:
	@if command -v msgfmt >/dev/null; then \
	  DJANGO_DEBUG=true $(BIN)/python manage.py compilemessages --ignore=.venv --verbosity 0; \
	else echo "GNU gettext (msgfmt) is missing, so pages stay English: apt-get install gettext"; fi

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy

test: services $(VENV)/.installed-dev lint translations
	DJANGO_SETTINGS_MODULE=cluster_site.settings_test DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
	  $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest

clean-var:
	rm -rf var
