from __future__ import annotations

from cluster_site.celery import app as celery_app

__all__ = ("celery_app",)
