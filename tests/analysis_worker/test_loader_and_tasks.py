"""Loader, staleness signals, debounced enqueueing and the recompute task (called directly, no broker)."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from coding.analysis.layers import LAYERS
from coding.worker import pipeline, services, tasks
from coding.worker.loader import compute_snapshot, load_region_inputs
from coding.worker.models import AnalysisSnapshot, RegionAnalysisState, SnapshotStatus
from tests import factories


def _version(region) -> int:
    return RegionAnalysisState.objects.get(region=region).version


def _run(region) -> dict:
    """Run the task body in-process, as a worker would for the current version."""
    return tasks.recompute_region(region.pk, _version(region))


def test_loader_builds_inputs(network, region):
    inputs = load_region_inputs(region.pk)
    by_name = {actor.name: actor for actor in inputs.actors}
    assert by_name["Researcher"].interviewed and not by_name["Firm 0"].interviewed
    assert by_name["Researcher"].affiliation_id == network["university"].pk
    assert by_name["University"].org_type == "university"
    first = next(tie for tie in inputs.ties if tie.id == network["ties"][0].pk)
    assert first.ratings.time == 4 and first.ratings.intimacy == 3 and first.ratings.reciprocal_services is None
    assert first.coding_ids == (network["coding"].pk,)
    assert first.modes == frozenset({"cooperation"})
    rivalry = next(tie for tie in inputs.ties if tie.id == network["ties"][3].pk)
    assert rivalry.modes == frozenset({"rivalry"})
    (outcome,) = inputs.outcomes
    assert set(outcome.actor_ids) == {network["firms"][0].pk, network["university"].pk}
    assert outcome.with_external is False


def test_loader_query_count_does_not_grow_with_ties(region, django_assert_max_num_queries):
    actors = [factories.OrganisationFactory(region=region) for _ in range(12)]
    for i, source in enumerate(actors):
        for target in actors[i + 1 : i + 4]:
            factories.InteractionFactory(region=region, source=source, target=target)
    with django_assert_max_num_queries(8):
        inputs = load_region_inputs(region.pk)
    assert len(inputs.ties) == sum(len(actors[i + 1 : i + 4]) for i in range(12))


def test_compute_snapshot_matches_the_network(network, region):
    result = compute_snapshot(region.pk, None, "cooperation")
    assert result["layer"] == "cooperation"
    assert {tie["source"] for tie in result["ties"]} | {tie["target"] for tie in result["ties"]} == {
        firm.pk for firm in network["firms"]
    }
    assert len(compute_snapshot(region.pk, None, "rivalry")["ties"]) == 1
    with pytest.raises(ValueError, match="Unknown tie layer"):
        compute_snapshot(region.pk, None, "friendship")


def test_edits_bump_the_version(network, region, study):
    before = _version(region)
    network["ties"][1].rating_time = 2
    network["ties"][1].save()
    assert _version(region) == before + 1
    network["firms"][2].delete()  # cascades to two ties: one bump each, still just a counter
    after_delete = _version(region)
    assert after_delete > before + 1
    network["ties"][0].evidence.clear()
    assert _version(region) == after_delete + 1
    study.title = "Renamed"
    study.save()
    assert _version(region) == after_delete + 1, "a title change does not touch the analysis"
    study.analysis_settings = {"strong_tie_cutoff": 3}
    study.save()
    assert _version(region) == after_delete + 2


def test_burst_of_edits_enqueues_once(network, region, sent, django_capture_on_commit_callbacks):
    tie = network["ties"][1]
    for value in range(50):
        with django_capture_on_commit_callbacks(execute=True):
            tie.rating_time = value % 5
            tie.save()
    assert len(sent) == 1, "one queued run absorbs the burst"
    [(args, headers)] = sent.runs()
    assert args[0] == region.pk and headers["eta"], "sent with the debounce countdown"
    # The run starts (clearing the marker): the next edit enqueues a fresh run.
    _run(region)
    with django_capture_on_commit_callbacks(execute=True):
        tie.rating_time = 1
        tie.save()
    assert len(sent) == 2


def test_recompute_stores_every_snapshot_once(network, region, sent):
    wave = factories.WaveFactory(region=region)
    outcome = _run(region)
    assert outcome["stored"] is True
    snapshots = AnalysisSnapshot.objects.filter(region=region)
    assert snapshots.count() == 2 * len(LAYERS)  # all waves + the one wave, every layer
    assert set(snapshots.values_list("status", flat=True)) == {SnapshotStatus.OK}
    assert set(snapshots.values_list("input_version", flat=True)) == {_version(region)}
    state = RegionAnalysisState.objects.get(region=region)
    assert state.computed_version == state.version and state.enqueued_at is None
    assert snapshots.filter(wave=wave).count() == len(LAYERS)
    # A duplicate delivery of the same message does nothing.
    again = tasks.recompute_region(region.pk, state.version)
    assert again["skipped"] == "up to date"


def test_failing_layer_keeps_others(network, region, sent, monkeypatch):
    real = pipeline.derive_from_inputs

    def flaky(inputs, wave_id, layer, **options):
        if layer == "weak":
            raise ValueError("boom")
        return real(inputs, wave_id, layer, **options)

    monkeypatch.setattr(pipeline, "derive_from_inputs", flaky)
    _run(region)
    failed = AnalysisSnapshot.objects.get(region=region, wave=None, layer="weak")
    assert failed.status == SnapshotStatus.FAILED and "boom" in failed.error
    assert AnalysisSnapshot.objects.get(region=region, wave=None, layer="all").status == SnapshotStatus.OK


def test_broker_down_saves_the_edit_and_the_sweep_requeues(network, region, sent, django_capture_on_commit_callbacks):
    sent.down()
    tie = network["ties"][1]
    with django_capture_on_commit_callbacks(execute=True):
        tie.rating_time = 0
        tie.save()
    tie.refresh_from_db()
    assert tie.rating_time == 0, "the edit is saved even though nothing could be enqueued"
    state = RegionAnalysisState.objects.get(region=region)
    assert state.is_stale and state.enqueued_at is None and not sent
    sent.up()
    call_command("recompute_stale")
    assert [args[0] for args, _ in sent.runs()] == [region.pk]


def test_recompute_stale_now_computes(network, region):
    call_command("recompute_stale", "--now")
    assert not RegionAnalysisState.objects.get(region=region).is_stale
    assert AnalysisSnapshot.objects.filter(region=region, layer="all", wave=None, status="ok").exists()


def test_new_region_starts_stale_and_m2m_edits_count(network, region):
    fresh = factories.RegionFactory(study=region.study)
    assert RegionAnalysisState.objects.get(region=fresh).is_stale
    before = _version(region)
    interview = factories.InterviewFactory(region=region)  # +1
    interview.interviewees.add(network["firms"][1])  # +1
    outcome = factories.OutcomeFactory(region=region)  # +1
    outcome.actors.add(network["firms"][2])  # +1
    network["coding"].delete()  # +1 for the coding (its evidence link goes with it)
    assert _version(region) == before + 5


def test_waves_count_and_a_row_moved_to_another_region_marks_both(network, region, other_study):
    before = _version(region)
    wave = factories.WaveFactory(region=region)  # new snapshot keys: region ∪ wave
    assert _version(region) == before + 1
    wave.delete()
    assert _version(region) == before + 2
    elsewhere = factories.RegionFactory(study=region.study)
    elsewhere_before = _version(elsewhere)
    tie = network["ties"][1]
    # As the admin could: the tie and its ends move together to the other region.
    tie.region, tie.source, tie.target = (
        elsewhere,
        factories.OrganisationFactory(region=elsewhere),
        factories.OrganisationFactory(region=elsewhere),
    )
    tie.save()
    assert _version(region) == before + 3 and _version(elsewhere) > elsewhere_before
    region.refresh_from_db()
    region.study = other_study  # another study's analysis settings now apply
    region.save()
    assert _version(region) == before + 4


@pytest.mark.django_db(transaction=True)
def test_deleting_a_region_with_data_commits(network, region, sent):
    region.delete()  # really committed: the cascade fires the receivers of a vanishing region
    assert not RegionAnalysisState.objects.filter(region_id=network["firms"][0].region_id).exists()
    assert not sent


def test_region_without_state_gets_one_on_first_enqueue(network, region, sent):
    RegionAnalysisState.objects.filter(region=region).delete()  # e.g. created before this feature
    assert services.enqueue_recompute(region_id=region.pk) is True
    assert RegionAnalysisState.objects.get(region=region).enqueued_at is not None
    assert len(sent) == 1


@pytest.mark.parametrize(
    ("ties", "sizes"),
    # CHUNK_TIES = 5,000: 5,000 // 1,500 = 3 a task; 5,000 // 5,000 = 1; 5,000 // 50,000 = 0 → 1.
    [(1_500, [3, 3, 3, 3, 3, 3, 2]), (5_000, [1] * 20), (50_000, [1] * 20), (0, [20])],
)
def test_the_group_takes_several_snapshots_a_task_only_in_small_regions(ties, sizes):
    keys = [(wave, layer) for wave in (None, 1) for layer in LAYERS[:10]]
    chunks = pipeline.task_chunks(keys, ties)
    assert [len(chunk) for chunk in chunks] == sizes
    assert [key for chunk in chunks for key in chunk] == keys  # every snapshot once, in order


def test_a_chunked_task_stores_each_of_its_snapshots(network, region, sent):
    version = RegionAnalysisState.objects.get(region=region).version
    keys = [(None, "cooperation"), (None, "rivalry"), (None, "strong")]
    answer = tasks.recompute_snapshot(region.pk, version, None, "cooperation", keys=keys)
    assert answer["stored"] and answer["snapshots"] == 3
    stored = AnalysisSnapshot.objects.filter(region=region, input_version=version, status=SnapshotStatus.OK)
    assert sorted(stored.values_list("layer", flat=True)) == ["cooperation", "rivalry", "strong"]


def test_inputs_replaced_with_other_ties_compute_their_own_basis(network, region):
    from dataclasses import replace

    inputs = load_region_inputs(region.pk)
    assert set(inputs.basis.strengths) == {tie.id for tie in inputs.ties}
    # The stability checks derive resampled ties this way: strengths and folding must be theirs.
    fewer = replace(inputs, ties=inputs.ties[:2])
    assert set(fewer.basis.strengths) == {tie.id for tie in inputs.ties[:2]}
    assert {tie.id for tie in fewer.basis.folded.ties} <= {tie.id for tie in inputs.ties[:2]}
