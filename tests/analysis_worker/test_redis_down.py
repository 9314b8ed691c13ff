"""Fault test: Redis goes down during edits and comes back.

A Redis server of this test's own (a free loopback port, so the shared one is never stopped) is
the broker. While it is stopped, edits save and the pages keep serving the last good results,
marked stale; after it restarts, a real worker picks the work up and the results catch up.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator

import pytest
import redis
from django.urls import reverse

from tests.analysis_worker.conftest import BrokerQueue
from tests.analysis_worker.worker import cooperation_edges, up_to_date, wait_for

pytestmark = [pytest.mark.worker, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisServer:
    def __init__(self, port: int) -> None:
        self.port = port
        self.url = f"redis://127.0.0.1:{port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        binary = shutil.which("redis-server")
        assert binary, "redis-server is needed (it is installed with Redis)"
        self.process = subprocess.Popen(
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        wait_for(self.ping, timeout=15, what="the private redis-server")

    def ping(self) -> bool:
        try:
            return redis.Redis.from_url(self.url, socket_timeout=0.5).ping()
        except redis.ConnectionError:
            return False

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)


@pytest.fixture
def private_redis() -> Iterator[RedisServer]:
    server = RedisServer(free_port())
    server.start()
    BrokerQueue._switch(server.url)  # before any data exists, so its first run goes here too
    yield server
    server.stop()
    BrokerQueue._switch(BrokerQueue().url)  # the app's broker back to the shared test Redis


def test_edits_and_pages_survive_redis_down_and_results_catch_up(
    private_redis, client, alice, network, region, start_worker
):
    worker = start_worker(CELERY_BROKER_URL=private_redis.url, CELERY_RESULT_BACKEND=private_redis.url)
    wait_for(lambda: up_to_date(region), what="the first computation")
    assert cooperation_edges(region) == 3
    worker.stop()

    private_redis.stop()
    tie = network["ties"][2]
    tie.mode_cooperation, tie.mode_rivalry = False, True
    started = time.monotonic()
    tie.save()  # commits, then fails to enqueue: logged, the region stays stale
    assert time.monotonic() - started < 10, "an edit must not hang on the broker"
    tie.refresh_from_db()
    assert tie.mode_rivalry and not tie.mode_cooperation
    assert not up_to_date(region)

    client.force_login(alice)
    for url in (reverse("cases:region-detail", args=[region.pk]), reverse("analysis:region", args=[region.pk])):
        assert client.get(url).status_code == 200, url
    status = client.get(reverse("analysis:region-status", args=[region.pk])).json()
    assert cooperation_edges(region) == 3, "the last good result is kept while stale"
    assert status, "the status endpoint answers while Redis is down"

    private_redis.start()
    # The restarted worker's startup sweep re-queues the stale region; no manual step needed.
    start_worker(CELERY_BROKER_URL=private_redis.url, CELERY_RESULT_BACKEND=private_redis.url)
    wait_for(lambda: up_to_date(region), timeout=90, what="the recomputation after Redis returned")
    assert cooperation_edges(region) == 2


def test_a_running_worker_queues_edits_made_during_a_broker_outage_within_seconds_of_its_return(
    private_redis, client, alice, network, region, start_worker
):
    start_worker(CELERY_BROKER_URL=private_redis.url, CELERY_RESULT_BACKEND=private_redis.url)
    wait_for(lambda: up_to_date(region), what="the first computation")

    private_redis.stop()  # the worker stays up and keeps trying to reconnect
    tie = network["ties"][2]
    tie.mode_cooperation, tie.mode_rivalry = False, True
    tie.save()
    client.force_login(alice)
    assert client.get(reverse("analysis:region", args=[region.pk])).status_code == 200
    time.sleep(20)  # long enough for the worker's reconnect back-off to have grown
    assert not up_to_date(region)

    private_redis.start()
    returned = time.monotonic()
    wait_for(lambda: up_to_date(region), timeout=90, what="the recomputation after the broker returned")
    seconds = time.monotonic() - returned
    print(f"broker back -> region up to date: {seconds:.1f} s")
    assert cooperation_edges(region) == 2
    assert seconds < 10, "the worker reconnects and re-queues within seconds, not at the next beat"
