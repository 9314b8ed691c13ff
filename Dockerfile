# Image of the web app and the worker (docker-compose.yml runs both from it).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
# GNU gettext compiles the interface's translations (locale/*/LC_MESSAGES/*.po) below.
RUN apt-get update && apt-get install -y --no-install-recommends gettext && rm -rf /var/lib/apt/lists/*
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

COPY . .
# Static files are collected at build time and served by whitenoise from STATIC_ROOT.
RUN DJANGO_SECRET_KEY=build-only DATABASE_URL=sqlite:////tmp/build.sqlite3 \
    python manage.py collectstatic --noinput \
 && DJANGO_SECRET_KEY=build-only python manage.py compilemessages --ignore=.venv

RUN useradd --create-home --uid 1000 app && mkdir -p /app/var/media && chown -R app /app/var
USER app

EXPOSE 8000
# Workers, timeout and logging in cluster_site/gunicorn_conf.py (WEB_CONCURRENCY overrides the count).
CMD ["gunicorn", "cluster_site.wsgi:application", "-c", "cluster_site/gunicorn_conf.py"]
