"""An edit recomputes only the waves it touches (plus "all waves"); the debounce follows the region's size.

The region is the ``waves`` fixture: firms A–E, January A–B, B–C; April A–B, C–D; July C–D, D–E,
computed once. A snapshot recomputed by a run gets a new ``computed_at``; one kept (its wave's
inputs unchanged) keeps it and gets the new input version.
"""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import pytest
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from coding.analysis.layers import LAYERS
from coding.models import Interaction
from coding.worker import pipeline, services, tasks
from coding.worker.loader import load_region_inputs
from coding.worker.models import AnalysisSnapshot, RegionAnalysisState
from tests import factories
from tests.analysis_worker.worker import comparable, stored_as_derived_now, wait_for

Snapshots = dict[tuple[int | None, str], tuple[dt.datetime, int]]


def _state(region) -> RegionAnalysisState:
    return RegionAnalysisState.objects.get(region=region)


def _run(region) -> dict[str, Any]:
    return tasks.recompute_region(region.pk, _state(region).version)


def _snapshots(region) -> Snapshots:
    rows = AnalysisSnapshot.objects.filter(region=region)
    rows = rows.values_list("wave_id", "layer", "computed_at", "input_version")
    return {(wave_id, layer): (computed_at, version) for wave_id, layer, computed_at, version in rows}


def _recomputed_waves(before: Snapshots, after: Snapshots) -> set[int | None]:
    """The waves (None: all waves) whose snapshots the run recomputed, checked to be every layer or none."""
    waves: dict[int | None, set[bool]] = {}
    for key, (computed_at, _version) in after.items():
        waves.setdefault(key[0], set()).add(computed_at != before[key][0])
    assert all(len(flags) == 1 for flags in waves.values()), "a wave's layers are recomputed together"
    return {wave_id for wave_id, flags in waves.items() if flags == {True}}


def _edit(tie: Interaction, rating: int) -> None:
    tie.refresh_from_db()
    tie.rating_time = rating
    tie.save()


def _all_as_derived_now(region) -> None:
    """Every stored snapshot equals a derivation from the region's current data, stored as the run
    stores it."""
    inputs = load_region_inputs(region.pk)
    for snapshot in AnalysisSnapshot.objects.filter(region=region):
        expected = stored_as_derived_now(snapshot, inputs)["result"]
        assert comparable(snapshot.result) == expected, (snapshot.wave_id, snapshot.layer)


@pytest.mark.django_db
def test_an_edit_of_a_january_tie_recomputes_all_waves_and_january_but_not_the_other_waves(
    client, alice, region, waves
):
    january, april, july = waves["january"].pk, waves["april"].pk, waves["july"].pk
    before = _snapshots(region)
    _edit(waves["ties"][("January", "AB")], 1)
    version = _state(region).version
    marks = _state(region).touched_wave_versions
    assert marks[str(january)] == version and marks[str(april)] < version and marks[str(july)] < version

    run = _run(region)

    after = _snapshots(region)
    assert _recomputed_waves(before, after) == {None, january}
    assert {input_version for _computed_at, input_version in after.values()} == {version}
    assert (run["snapshots"], run["kept"]) == (2 * len(LAYERS), 2 * len(LAYERS))
    assert _state(region).computed_version == version
    _all_as_derived_now(region)  # the kept ones too: their inputs did not change
    client.force_login(alice)
    for wave in (april, july):
        status = client.get(reverse("analysis:region-status", args=[region.pk]), {"wave": wave}).json()
        assert (status["status"], status["input_version"], status["as_of"]) == ("ok", version, "")


@pytest.mark.django_db
def test_an_actor_edit_recomputes_every_wave(region, waves):
    before = _snapshots(region)
    firm = waves["firms"]["C"]
    firm.name = "Firm C renamed"
    firm.save()
    assert _state(region).touched_all_version == _state(region).version

    run = _run(region)

    assert _recomputed_waves(before, _snapshots(region)) == {None, *(waves[m].pk for m in ("january", "april", "july"))}
    assert (run["snapshots"], run["kept"]) == (4 * len(LAYERS), 0)
    _all_as_derived_now(region)


@pytest.mark.django_db
def test_two_edits_before_the_run_recompute_both_waves(region, waves):
    before = _snapshots(region)
    _edit(waves["ties"][("January", "BC")], 2)
    _edit(waves["ties"][("July", "DE")], 3)

    _run(region)

    assert _recomputed_waves(before, _snapshots(region)) == {None, waves["january"].pk, waves["july"].pk}
    _all_as_derived_now(region)


@pytest.mark.django_db
def test_a_tie_moved_to_another_wave_touches_both(region, waves):
    before = _snapshots(region)
    tie = waves["ties"][("April", "CD")]
    tie.wave = waves["july"]
    tie.save()

    _run(region)

    assert _recomputed_waves(before, _snapshots(region)) == {None, waves["april"].pk, waves["july"].pk}
    _all_as_derived_now(region)


@pytest.mark.django_db
def test_a_run_overtaken_before_its_group_ran_loses_no_touched_wave(region, waves, sent):
    """The run of the January edit stores "all/all" and sends the rest to a broker no worker reads;
    an April edit follows. The next run must still recompute January, which nothing stored since."""
    before = _snapshots(region)
    _edit(waves["ties"][("January", "AB")], 1)
    pipeline.region_recompute(region_id=region.pk, input_version=_state(region).version, task_id="t1", spread=True)
    _edit(waves["ties"][("April", "AB")], 2)

    _run(region)

    assert _recomputed_waves(before, _snapshots(region)) == {None, waves["january"].pk, waves["april"].pk}
    _all_as_derived_now(region)


@pytest.mark.django_db
def test_a_coding_touches_the_waves_of_the_ties_it_is_evidence_for(region, waves):
    july, april = waves["july"], waves["april"]
    interview = factories.InterviewFactory(region=region)
    coding = factories.CodingFactory(interview=interview)
    waves["ties"][("July", "DE")].evidence.add(coding)
    assert _state(region).touched_wave_versions[str(july.pk)] == _state(region).version
    _run(region)

    coding.memo = "A note"
    coding.save()
    marks = _state(region).touched_wave_versions
    assert marks[str(july.pk)] == _state(region).version > marks[str(april.pk)]
    coding.interactions.add(waves["ties"][("April", "CD")])  # from the coding's side
    assert _state(region).touched_wave_versions[str(april.pk)] == _state(region).version
    coding.delete()
    version = _state(region).version
    marks = _state(region).touched_wave_versions
    assert marks[str(july.pk)] == marks[str(april.pk)] == version > marks[str(waves["january"].pk)]
    assert _state(region).touched_all_version < version


@pytest.mark.django_db(transaction=True)
def test_concurrent_edits_of_two_waves_both_leave_their_mark(region, waves, sent):
    january_tie, july_tie = waves["ties"][("January", "AB")], waves["ties"][("July", "CD")]
    first_saved, release = threading.Event(), threading.Event()

    def edit(tie: Interaction, hold: bool) -> None:
        try:
            with transaction.atomic():
                _edit(tie, 2)
                if hold:
                    first_saved.set()
                    release.wait(30)
        finally:
            connection.close()

    first = threading.Thread(target=edit, args=(january_tie, True))
    first.start()
    assert first_saved.wait(30)
    second = threading.Thread(target=edit, args=(july_tie, False))
    second.start()
    wait_for(_an_edit_waits_for_a_row_lock, timeout=30, what="the second edit to queue on the state row")
    release.set()
    first.join(30)
    second.join(30)

    state = _state(region)
    marks = {int(wave): version for wave, version in state.touched_wave_versions.items()}
    # One edit's bump after the other's, each with its own wave's mark (the April mark is older).
    assert sorted([marks[waves["january"].pk], marks[waves["july"].pk]]) == [state.version - 1, state.version]
    assert marks[waves["april"].pk] < state.version - 1


def _an_edit_waits_for_a_row_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0] > 0


@pytest.mark.parametrize(
    ("ties", "seconds"),
    [
        (0, 0.1),
        (1_000, 0.1),
        (5_500, 0.1 + (5_500 - 1_000) / (10_000 - 1_000) * (1.0 - 0.1)),  # 0.55: half way
        (10_000, 1.0),
        (50_000, 1.0),
    ],
)
def test_the_debounce_is_short_for_small_regions_and_grows_to_one_second(ties, seconds):
    assert services.debounce_seconds(ties) == pytest.approx(seconds)


@pytest.mark.django_db
def test_an_edit_is_sent_with_the_debounce_of_its_region_size(region, waves, sent, django_capture_on_commit_callbacks):
    assert _state(region).tie_count == 6  # stored by the fixture's run
    delays = []
    for tie_count in (6, 50_000):  # the second as a large region's last run would have stored it
        RegionAnalysisState.objects.filter(region=region).update(tie_count=tie_count, enqueued_at=None)
        sent.redis.delete(sent.queue)
        before = timezone.now()
        with django_capture_on_commit_callbacks(execute=True):
            _edit(waves["ties"][("April", "AB")], tie_count % 5)
        [(_args, headers)] = sent.runs()
        delays.append((dt.datetime.fromisoformat(headers["eta"]) - before).total_seconds())
    small, large = delays
    assert 0.1 <= small < 0.85, small
    assert 1.0 <= large < 1.75, large
