"""Saved QCA models go stale when their data change and a real Celery worker recomputes them;
without a broker they are recomputed in the request.

The specification reads region variables only: the regions' own network analyses, which the
worker also runs after the fixture's codings, then change nothing the model reads.
"""

from __future__ import annotations

import base64
import json

import pytest

from coding.qca import services
from coding.qca.models import QcaModel
from coding.variables.services import values_set
from tests.analysis_worker.conftest import clean_broker, sent, start_worker  # noqa: F401 - fixtures
from tests.analysis_worker.worker import wait_for
from tests.qca.conftest import spec

pytestmark = [pytest.mark.worker, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _clean_broker(clean_broker):  # noqa: F811
    """Autouse fixtures run first: the broker is emptied before the data fixtures enqueue."""


def variables_only(qca_study) -> dict:
    body = spec(qca_study)
    body["conditions"] = body["conditions"][:1]  # ASSOC
    return body


def queued_models(sent) -> list[int]:  # noqa: F811
    """Model ids of the ``recompute_qca_model`` messages waiting in this run's broker queue."""
    ids = []
    for raw in sent.redis.lrange(sent.queue, 0, -1):
        envelope = json.loads(raw)
        if envelope["headers"].get("task") == "coding.qca.tasks.recompute_qca_model":
            args, _kwargs, _embed = json.loads(base64.b64decode(envelope["body"]))
            ids.append(args[0])
    return ids


def row_of(model: QcaModel, number: int) -> dict:
    return next(row for row in model.result["truth_table"]["rows"] if row["number"] == number)


def test_a_value_change_makes_the_model_stale_and_the_worker_recomputes_it(qca_study, start_worker):  # noqa: F811
    model = services.qca_model_create(
        study=qca_study["study"], user=None, name="m", spec_json=variables_only(qca_study)
    )
    # ASSOC = 1 holds Aachen and Chemnitz, neither grew: row 2, incl 0.
    assert (row_of(model, 2)["incl"], row_of(model, 2)["contradictory"]) == (0.0, False)
    chemnitz = qca_study["regions"]["Chemnitz"]
    values_set(variable=qca_study["gdp"], values={chemnitz.pk: 3.0})  # Chemnitz grows now
    model.refresh_from_db()
    assert model.status == "stale"
    start_worker()
    wait_for(lambda: QcaModel.objects.get(pk=model.pk).status == "ok", what="the recomputation")
    model.refresh_from_db()
    # Row 2 now holds Aachen (0) and Chemnitz (1): incl 1/2, cases on both sides.
    assert (row_of(model, 2)["incl"], row_of(model, 2)["contradictory"]) == (0.5, True)


def test_a_change_no_signal_reports_is_found_on_read_and_recomputed(qca_study, start_worker):  # noqa: F811
    model = services.qca_model_create(
        study=qca_study["study"], user=None, name="m", spec_json=variables_only(qca_study)
    )
    aachen = qca_study["regions"]["Aachen"]
    aachen.name = "Aachen-Düren"
    aachen.save()  # a case's name: no QCA signal, but the fingerprint differs
    assert services.model_refresh(model=model).status == "stale"
    start_worker()
    wait_for(lambda: QcaModel.objects.get(pk=model.pk).status == "ok", what="the recomputation")
    model.refresh_from_db()
    assert row_of(model, 2)["cases"] == ["Aachen-Düren", "Chemnitz"]


def test_without_a_broker_the_model_is_recomputed_at_once(qca_study, sent):  # noqa: F811
    model = services.qca_model_create(
        study=qca_study["study"], user=None, name="m", spec_json=variables_only(qca_study)
    )
    sent.down()
    values_set(variable=qca_study["gdp"], values={qca_study["regions"]["Chemnitz"].pk: 3.0})
    model.refresh_from_db()
    assert model.status == "ok"
    assert row_of(model, 2)["incl"] == 0.5


def test_data_that_no_longer_fit_leave_the_last_result_marked_failed(qca_study, sent):  # noqa: F811
    model = services.qca_model_create(
        study=qca_study["study"], user=None, name="m", spec_json=variables_only(qca_study)
    )
    sent.down()
    values_set(variable=qca_study["gdp"], values={qca_study["regions"]["Chemnitz"].pk: ""})  # cleared
    model.refresh_from_db()
    assert model.status == "failed"
    assert "case Chemnitz: GROWTH has no value" in model.error
    assert row_of(model, 2)["incl"] == 0.0  # the last result stays, marked


def test_a_stored_reanalysis_of_a_region_marks_the_studys_models_stale(qca_study, sent):  # noqa: F811
    from celery.signals import task_success

    from coding.worker.tasks import recompute_region

    model = services.qca_model_create(study=qca_study["study"], user=None, name="m", spec_json=spec(qca_study))
    region = qca_study["regions"]["Aachen"]
    task_success.send(sender=recompute_region, result={"region": region.pk, "stored": False})
    assert QcaModel.objects.get().status == "ok"  # nothing new was stored
    task_success.send(sender=recompute_region, result={"region": region.pk, "stored": True})
    # Marked stale, and the recomputation sent to the broker (its message waits in this run's queue).
    assert QcaModel.objects.get().status == "stale"
    assert queued_models(sent) == [model.pk]
