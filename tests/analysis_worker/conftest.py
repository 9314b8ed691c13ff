"""Fixtures of the analysis-worker tests: a small region network and the real broker queue, read back."""

from __future__ import annotations

import base64
import datetime as dt
import json
import socket
from collections.abc import Iterator

import pytest
import redis
from django.conf import settings
from kombu import pools as kombu_pools

from cluster_site.celery import app as celery_app
from coding.worker import tasks
from coding.worker.models import RegionAnalysisState
from coding.worker.task_options import redis_queue_keys
from tests import factories


class BrokerQueue:
    """The real Redis queue of this run's broker, read back: which recompute runs were sent.

    ``down()`` points the Celery app at a closed port, as when Redis is unreachable, and
    ``up()`` points it back; nothing is faked, the app really fails to connect.
    """

    TASK = "coding.worker.tasks.recompute_region"

    def __init__(self) -> None:
        self.url = settings.CELERY_BROKER_URL
        self.queue = settings.CELERY_TASK_DEFAULT_QUEUE  # this session's own (settings_test)
        self.redis = redis.Redis.from_url(self.url)
        self.redis.delete(*redis_queue_keys(self.queue))

    def runs(self) -> list[tuple[tuple, dict]]:
        """(args, headers) of every queued ``recompute_region`` message, oldest first."""
        found = []
        for raw in reversed(self.redis.lrange(self.queue, 0, -1)):  # LPUSH: newest first
            envelope = json.loads(raw)
            headers = envelope["headers"]
            if headers.get("task") != self.TASK:
                continue
            args, _kwargs, _embed = json.loads(base64.b64decode(envelope["body"]))
            found.append((tuple(args), headers))
        return found

    def __len__(self) -> int:
        return len(self.runs())

    def down(self) -> None:
        self._switch(f"redis://127.0.0.1:{closed_port()}/0")

    def up(self) -> None:
        self._switch(self.url)

    @staticmethod
    def _switch(url: str) -> None:
        # Celery fixes the write URL from broker_url when first used: set both.
        celery_app.conf.broker_url = celery_app.conf.broker_write_url = url
        # Drop pooled connections so the next send really connects to ``url``.
        kombu_pools.reset()  # kombu keeps producer pools per broker URL, process-wide
        celery_app._pool = None
        celery_app.amqp._producer_pool = None


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nothing listens once the probe is closed


@pytest.fixture
def sent() -> Iterator[BrokerQueue]:
    queue = BrokerQueue()
    yield queue
    queue.up()
    queue.redis.delete(*redis_queue_keys(queue.queue))


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
    from tests.analysis_worker.worker import Worker

    workers: list[Worker] = []

    def _start(pool: str = "solo", **env: str) -> Worker:
        worker = Worker(tmp_path / f"worker-{len(workers)}.log", pool=pool, **env)
        workers.append(worker)
        return worker

    yield _start
    for worker in workers:
        worker.stop()
    for worker in workers:
        print(worker.log.read_text(errors="replace")[-30000:])  # shown on failure only


@pytest.fixture
def clean_broker():
    """Drop messages of earlier runs; autouse in worker modules so it runs before the data fixtures."""
    from tests.analysis_worker.worker import flush_broker

    flush_broker()


@pytest.fixture
def waves(region):
    """Firms A–E over three waves (tests/analysis_worker/test_wave_change.py works the figures out)."""
    firms = {name: factories.OrganisationFactory(region=region, name=f"Firm {name}") for name in "ABCDE"}
    made = [
        factories.WaveFactory(region=region, label=label, start=dt.date(2024, month, 1), end=None)
        for label, month in (("July", 7), ("January", 1), ("April", 4))  # created out of order on purpose
    ]
    july, january, april = made
    ties = {}
    for wave, pairs in ((january, ("AB", "BC")), (april, ("AB", "CD")), (july, ("CD", "DE"))):
        for pair in pairs:
            ties[(wave.label, pair)] = factories.InteractionFactory(
                region=region, wave=wave, source=firms[pair[0]], target=firms[pair[1]]
            )
    tasks.recompute_region(region.pk, RegionAnalysisState.objects.get(region=region).version)
    return {"firms": firms, "january": january, "april": april, "july": july, "ties": ties}
