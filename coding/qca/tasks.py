"""Celery task of QCA: recompute one saved model when its inputs changed (``services``)."""

from __future__ import annotations

from celery import shared_task
from django.db import DatabaseError


@shared_task(acks_late=True, autoretry_for=(DatabaseError,), retry_backoff=2, max_retries=5)
def recompute_qca_model(model_id: int) -> str:
    """Takes an id, re-reads the model and its data, stores the new result; harmless twice."""
    from coding.qca.services import qca_model_recompute

    return qca_model_recompute(model_id=model_id)
