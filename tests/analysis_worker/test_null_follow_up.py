"""The structure rule's null model as a follow-up (coding.worker.null_follow_up): the run stores every
snapshot without it, the structure record saying so; the stability follow-up of the layer completes
it, and a newer result stored meanwhile wins."""

from __future__ import annotations

import datetime as dt

import pytest

from cases.models import Wave
from coding.analysis.derive import derive_region
from coding.analysis.message import from_json
from coding.worker import services, tasks
from coding.worker.evidence import snapshot_fields
from coding.worker.loader import load_region_inputs
from coding.worker.models import AnalysisSnapshot, RegionAnalysisState
from coding.worker.null_follow_up import null_model_store, null_models_complete
from tests import factories

pytestmark = pytest.mark.django_db

# 12 firms in two rings of six, each ring closed by chords, the rings joined by one tie: 12 actors
# with a tie and 19 connected pairs pass the rule's minimums (10 and 15), so the null model runs.
RING = [(0, 1), (1, 2), (2, 3), (3, 4), (4, 5), (5, 0), (0, 2), (0, 3), (3, 5)]
PAIRS = [*RING, *((a + 6, b + 6) for a, b in RING), (0, 6)]


@pytest.fixture
def two_rings(region, sent):
    """``sent`` keeps the broker's messages: the stability follow-ups are sent, not run."""
    firms = [factories.OrganisationFactory(region=region, name=f"Firm {i}") for i in range(12)]
    wave = factories.WaveFactory(region=region, label="W1", start=dt.date(2020, 1, 1))
    for a, b in PAIRS:
        factories.InteractionFactory(region=region, source=firms[a], target=firms[b], rating_time=3, wave=wave)
    return region


def _structure(result: dict) -> dict:
    return next(record for record in result["classifications"] if record["name"] == "structure")


def _snapshot(region, layer: str = "all") -> AnalysisSnapshot:
    return AnalysisSnapshot.objects.get(region=region, wave=None, layer=layer)


def test_the_core_leaves_only_the_null_model_out_when_asked():
    """Every figure of the quick pass is the full derivation's; only the test's outcome is missing."""
    from benchmarks.analysis import random_region
    from coding.analysis.thresholds import AnalysisSettings

    actors, ties, outcomes = random_region(60, 200, seed=3)
    settings = AnalysisSettings(structure_null_draws=19)
    quick = derive_region(actors, ties, outcomes, settings, null_models=False)
    full = derive_region(actors, ties, outcomes, settings)
    assert quick["null_model_pending"] is True and "null_model_pending" not in full
    for level in (quick, quick["levels"]["organisation"]):
        assert _structure(level)["label"] == "null_model_pending"
        assert "19 degree-preserving random networks" in str(from_json(_structure(level)["reason"]))
    assert _structure(full)["label"] != "null_model_pending"
    assert {key: value for key, value in _structure(quick)["figures"].items() if not key.endswith("_null")} == {
        key: value for key, value in _structure(full)["figures"].items() if not key.endswith("_null")
    }
    assert _structure(quick)["figures"]["closure_null"] is None and _structure(full)["figures"]["closure_null"]
    others = [record for record in quick["classifications"] if record["name"] != "structure"]
    assert others == [record for record in full["classifications"] if record["name"] != "structure"]
    assert quick["metrics"] == full["metrics"] and quick["actors"] == full["actors"]


def test_the_run_publishes_without_the_null_model_and_the_follow_up_completes_it(two_rings):
    state = RegionAnalysisState.objects.get(region=two_rings)
    tasks.recompute_region(two_rings.pk, state.version)
    first = _snapshot(two_rings)
    assert first.result["null_model_pending"] is True and _structure(first.result)["label"] == "null_model_pending"
    # Layers outside structure_null_layers never wait: their label says they are not tested.
    assert "null_model_pending" not in _snapshot(two_rings, "cooperation").result

    inputs = load_region_inputs(two_rings.pk)
    assert null_models_complete(inputs=inputs, input_version=state.version, layer="all") == 2  # all waves, W1
    done = _snapshot(two_rings)
    assert "null_model_pending" not in done.result and done.computed_at > first.computed_at
    expected = derive_region(inputs.actors, inputs.ties, inputs.outcomes, inputs.settings, wave_order=inputs.wave_ids)
    # Stored as the run stores a result: the record's ties split into a sample and the evidence.
    assert _structure(done.result) == _structure(snapshot_fields(expected)["result"])
    assert done.evidence["ties"]["structure"] == sorted(_structure(expected)["tie_ids"])
    wave = Wave.objects.get(region=two_rings)
    assert "null_model_pending" not in AnalysisSnapshot.objects.get(region=two_rings, wave=wave, layer="all").result
    # Nothing left: a second follow-up (a repeated message) stores nothing.
    assert null_models_complete(inputs=inputs, input_version=state.version, layer="all") == 0


def test_a_newer_result_stored_meanwhile_wins(two_rings):
    state = RegionAnalysisState.objects.get(region=two_rings)
    tasks.recompute_region(two_rings.pk, state.version)
    pending = _snapshot(two_rings)
    newer_time = pending.computed_at + dt.timedelta(seconds=5)
    AnalysisSnapshot.objects.filter(pk=pending.pk).update(computed_at=newer_time, result={"newer": True})
    stored = null_model_store(
        snapshot_id=pending.pk, input_version=state.version, computed_at=pending.computed_at, result={"late": True}
    )
    assert stored == 0 and _snapshot(two_rings).result == {"newer": True}


def test_the_stability_follow_up_of_the_layer_completes_the_null_model_first(two_rings):
    two_rings.study.analysis_settings = {"stability_runs": 20}  # the checks themselves are not under test
    two_rings.study.save()
    state = RegionAnalysisState.objects.get(region=two_rings)
    tasks.recompute_region(two_rings.pk, state.version)
    services.region_stability(region_id=two_rings.pk, input_version=state.version, layer="all")
    result = _snapshot(two_rings).result
    assert "null_model_pending" not in result and _structure(result)["label"] != "null_model_pending"
    assert result["stability"]["status"] != "failed"  # the checks were stored on the completed result
