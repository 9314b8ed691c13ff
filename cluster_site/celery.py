"""The Celery app: settings come from Django's settings under the CELERY_ namespace."""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cluster_site.settings")

app = Celery("cluster_site")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
