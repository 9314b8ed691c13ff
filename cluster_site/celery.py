"""The Celery app: settings come from Django's settings under the CELERY_ namespace."""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cluster_site.settings")

app = Celery("cluster_site")
app.config_from_object("django.conf:settings", namespace="CELERY")
# The tasks live in the worker feature (coding/worker/tasks.py), not in an app's tasks.py.
app.autodiscover_tasks(["coding.worker", "coding.partitions", "coding.qca"])
# Re-queues stale analyses whenever a worker (re)connects to the broker (see the step's docstring).
app.steps["consumer"].add("coding.worker.tasks:StaleAnalysisSweep")
