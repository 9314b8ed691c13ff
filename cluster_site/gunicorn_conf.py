"""gunicorn settings of the production web process (Dockerfile, README, benchmarks/loadtest.py).

Pages are short and mostly wait on PostgreSQL, so a few sync workers per core keep both cores
busy; measured with benchmarks/loadtest.py (README). WEB_CONCURRENCY overrides the count.
"""

from __future__ import annotations

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count() + 1))
timeout = 60
# Workers import Django once in the master and fork: faster start, shared memory pages.
preload_app = True
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
