"""Fixtures of the analysis-worker tests: a small region network and a recorder of enqueued runs."""

from __future__ import annotations

import pytest

from coding import tasks
from tests import factories


class SentRuns(list):
    """Stands in for the broker: records the ``recompute_region`` messages instead of sending them."""

    fail = False

    def apply_async(self, args: list, **options: object) -> object:
        if self.fail:
            raise ConnectionError("broker down")
        self.append((tuple(args), options))
        return type("Result", (), {"id": f"fake-{len(self)}"})()


@pytest.fixture
def sent(monkeypatch) -> SentRuns:
    runs = SentRuns()
    monkeypatch.setattr(tasks.recompute_region, "apply_async", runs.apply_async)
    return runs


@pytest.fixture
def network(region):
    """Three firms, a university and its researcher; a cooperation triangle plus a rivalry."""
    firms = [factories.OrganisationFactory(region=region, name=f"Firm {i}") for i in range(3)]
    university = factories.OrganisationFactory(region=region, name="University", org_type="university")
    researcher = factories.PersonFactory(region=region, name="Researcher", affiliation=university)
    interview = factories.InterviewFactory(region=region)
    interview.interviewees.add(researcher)
    coding = factories.CodingFactory(interview=interview)
    ties = [
        factories.InteractionFactory(region=region, source=firms[0], target=firms[1], rating_time=4, rating_intimacy=3),
        factories.InteractionFactory(region=region, source=firms[1], target=firms[2]),
        factories.InteractionFactory(region=region, source=firms[0], target=firms[2]),
        factories.InteractionFactory(
            region=region, source=researcher, target=firms[0], mode_cooperation=False, mode_rivalry=True
        ),
    ]
    ties[0].evidence.add(coding)
    outcome = factories.OutcomeFactory(region=region)
    outcome.actors.add(firms[0], university)
    return {"firms": firms, "university": university, "researcher": researcher, "ties": ties, "coding": coding}


@pytest.fixture
def start_worker(tmp_path):
    """Starts real Celery workers (``start_worker(**env)``); all are stopped at the end."""
    from .worker import Worker

    workers: list[Worker] = []

    def _start(**env: str) -> Worker:
        worker = Worker(tmp_path / f"worker-{len(workers)}.log", **env)
        workers.append(worker)
        return worker

    yield _start
    for worker in workers:
        worker.stop()
    for worker in workers:
        print(worker.log.read_text(errors="replace")[-3000:])  # shown on failure only


@pytest.fixture
def clean_broker():
    """Drop messages of earlier runs; autouse in worker modules so it runs before the data fixtures."""
    from .worker import flush_broker

    flush_broker()
