"""Writes of QCA: saving, changing and deleting a study's QCA models, and keeping their results current.

A model is saved only with a result: the specification is run first, and any problem (a source
that does not exist, a case without a value, anchors out of order, a condition with no variation)
is a ``QcaInputError`` naming the place, the case and the condition; nothing is written then.

Freshness: a result records the fingerprint of the case data it was computed from. Edits that
signals report (variable values, codings; ``coding.qca.staleness``) mark the study's models stale
and enqueue their recomputation; every read compares the fingerprint as well (``model_refresh``),
so changes no signal sees (an analysis snapshot stored by the worker, a renamed region) are caught
when someone looks. When the broker cannot take the task, the model is computed at once: QCA on a
few dozen cases takes milliseconds.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from functools import partial
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cases.models import Study
from coding.analysis.message import Message, message
from coding.qca import selectors
from coding.qca.calibration import CalibrationError
from coding.qca.casedata import CaseRow
from coding.qca.engine import analyse
from coding.qca.models import QcaModel, QcaStatus
from coding.qca.spec import Spec, SpecError, parse_spec

logger = logging.getLogger(__name__)


class QcaInputError(ValueError):
    """Input that cannot be analysed: ``place`` is the field (``conditions[0].calibration``,
    ``name``), ``case`` and ``condition`` what the message names."""

    def __init__(
        self, place: str, text: str, *, case: str = "", condition: str = "", said: Message | str | None = None
    ) -> None:
        super().__init__(text)
        self.place = place
        self.message = text  # English, as stored and logged
        self.said = text if said is None else said  # for the page (``coding.templatetags.says.say``)
        self.case = case
        self.condition = condition


@dataclass(frozen=True)
class Analysis:
    spec: Spec
    rows: list[CaseRow]
    result: dict[str, Any]
    fingerprint: str


def qca_analyse(*, study: Study, spec_json: object) -> Analysis:
    """Run a specification on the study's current data (reads only); ``QcaInputError`` if it cannot run."""
    try:
        spec = parse_spec(spec_json)
        rows, sources = selectors.case_table_and_sources(study, spec)
        if spec.solution == "intermediate" and not spec.dir_exp:
            raise SpecError(
                "dir_exp", message("the intermediate solution needs directional expectations for some condition.")
            )
        result = analyse(spec, rows)
        result["sources"] = sources
    except SpecError as error:
        raise QcaInputError(error.place, str(error), said=error.said) from error
    except CalibrationError as error:
        raise QcaInputError(
            _place(spec, error.condition), str(error), case=error.case, condition=error.condition, said=error.said
        ) from error
    return Analysis(spec, rows, result, selectors.fingerprint(spec, rows))


def _place(spec: Spec, condition: str) -> str:
    if condition == spec.outcome.name:
        return "outcome"
    names = spec.condition_names
    return f"conditions[{names.index(condition)}]" if condition in names else "conditions"


def _check_name(study: Study, name: str, exclude: int | None = None) -> str:
    name = name.strip()
    if not name or len(name) > 200:
        said = message("Give the model a name of at most 200 characters.")
        raise QcaInputError("name", str(said), said=said)
    same_name = QcaModel.objects.filter(study=study, name=name)
    if exclude is not None:
        same_name = same_name.exclude(pk=exclude)
    if same_name.exists():
        said = message("The study already has a QCA model named “{name}”.", name=name)
        raise QcaInputError("name", str(said), said=said)
    return name


def _store(model: QcaModel, analysis: Analysis) -> None:
    model.spec = analysis.spec.as_json()
    model.result = analysis.result
    model.fingerprint = analysis.fingerprint
    model.status = QcaStatus.OK
    model.error = ""
    model.computed_at = timezone.now()


@transaction.atomic
def qca_model_create(*, study: Study, user: User | AnonymousUser | None, name: str, spec_json: object) -> QcaModel:
    name = _check_name(study, name)
    analysis = qca_analyse(study=study, spec_json=spec_json)
    model = QcaModel(study=study, name=name, created_by=user if isinstance(user, User) else None)
    _store(model, analysis)
    model.full_clean()
    model.save()
    return model


@transaction.atomic
def qca_model_update(*, model: QcaModel, name: str, spec_json: object) -> QcaModel:
    model.name = _check_name(model.study, name, exclude=model.pk)
    _store(model, qca_analyse(study=model.study, spec_json=spec_json))
    model.full_clean()
    model.save()
    return model


@transaction.atomic
def qca_model_delete(*, model: QcaModel) -> None:
    model.delete()


def qca_model_recompute(*, model_id: int) -> str:
    """Recompute one saved model on the current data (the worker's task); safe to run twice.

    Data that no longer fit the specification (a case lost a value) leave the last result in place
    with status "failed" and the reason, so the page can say what to fix; the fingerprint of those
    data is kept, so reads do not enqueue the same failure again until the data change.
    """
    model = QcaModel.objects.select_related("study").filter(pk=model_id).first()
    if model is None:
        return "deleted"
    now = timezone.now()
    try:
        analysis = qca_analyse(study=model.study, spec_json=model.spec)
    except QcaInputError as error:
        failed = {"status": QcaStatus.FAILED, "error": str(error), "updated_at": now}
        QcaModel.objects.filter(pk=model_id).update(**failed, fingerprint=_current_fingerprint(model) or "")
        return "failed"
    QcaModel.objects.filter(pk=model_id).update(
        result=analysis.result,
        fingerprint=analysis.fingerprint,
        status=QcaStatus.OK,
        error="",
        computed_at=now,
        updated_at=now,
    )
    return "ok"


def _current_fingerprint(model: QcaModel) -> str | None:
    """The fingerprint of the model's case data now; None when the specification no longer runs."""
    return _fingerprint_or_error(model)[0]


def _fingerprint_or_error(model: QcaModel) -> tuple[str | None, str]:
    try:
        spec = parse_spec(model.spec)
        return selectors.fingerprint(spec, selectors.case_table(model.study, spec)), ""
    except SpecError as error:  # e.g. a case or a variable of the specification was deleted
        return None, str(error)


def qca_models_mark_stale(study_ids: set[int]) -> None:
    """Mark the studies' models stale and enqueue their recomputation after the edit commits.

    Called by the receivers in ``coding.qca.staleness`` inside the edit's transaction. Only models
    that were current are enqueued (one conditional UPDATE claims them), so a burst of edits sends
    one task per model; failed models are tried again, the edit may have fixed their data.
    """
    if not study_ids:
        return
    # One query when there is nothing to do (most edits: a study without models, or all already stale).
    models = QcaModel.objects.filter(study_id__in=study_ids, status__in=[QcaStatus.OK, QcaStatus.FAILED])
    ids = set(models.values_list("pk", flat=True))
    if not ids:
        return
    QcaModel.objects.filter(pk__in=ids, status=QcaStatus.OK).update(status=QcaStatus.STALE, updated_at=timezone.now())
    for model_id in sorted(ids):
        transaction.on_commit(partial(enqueue_recompute, model_id=model_id))


def enqueue_recompute(*, model_id: int) -> bool:
    """Send the recomputation to the worker; if the broker cannot take it, compute it here and now."""
    from coding.qca.tasks import recompute_qca_model

    try:
        recompute_qca_model.apply_async(args=[model_id], retry=False)
    except Exception:
        logger.warning("Broker unavailable: computing QCA model %s in the request", model_id)
        qca_model_recompute(model_id=model_id)
        return False
    return True


# A stale model whose task has not come back in this time was lost (a broker restart): send it again.
REQUEUE_AFTER = timedelta(minutes=5)


def model_refresh(*, model: QcaModel) -> QcaModel:
    """On read: if the case data moved on since the stored result, mark the model stale and
    enqueue it (or compute it at once without a broker). Returns the row as it now stands."""
    current, error = _fingerprint_or_error(model)
    if current is None:  # a region or variable of the specification was deleted meanwhile
        QcaModel.objects.filter(pk=model.pk).update(status=QcaStatus.FAILED, error=error)
        model.status, model.error = QcaStatus.FAILED, error
        return model
    if current == model.fingerprint:
        return model
    now = timezone.now()
    claimed = QcaModel.objects.filter(pk=model.pk, status__in=[QcaStatus.OK, QcaStatus.FAILED]).update(
        status=QcaStatus.STALE, updated_at=now
    )
    lost = model.status == QcaStatus.STALE and model.updated_at < now - REQUEUE_AFTER
    if claimed or lost:
        if lost:
            QcaModel.objects.filter(pk=model.pk).update(updated_at=now)
        enqueue_recompute(model_id=model.pk)
    model.refresh_from_db()
    return model


def as_validation_error(error: QcaInputError) -> ValidationError:
    return ValidationError({error.place or "spec": [error.message]})
