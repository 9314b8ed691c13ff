"""Fault test: the cache's Redis goes down; logins and logged-in pages keep working.

The production cache settings (settings.py evaluated with CACHE_URL set) point at a Redis server
of this test's own, on a free loopback port, so the shared one is never stopped. Sessions are then
read from Redis and written through to the database, and the login throttle counts in Redis.
Once that server is stopped, sessions are read from the database, the throttle fails open with a
warning, and no page answers 500.
"""

from __future__ import annotations

import logging
import runpy
from collections.abc import Iterator

import pytest
import redis
from django.test import Client
from django.urls import reverse

from tests.analysis_worker.test_redis_down import RedisServer, free_port
from tests.foundation.test_deployment import ROOT

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"  # tests/factories.py
CACHE_SETTINGS = ("CACHES", "SESSION_ENGINE", "DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS")


@pytest.fixture
def cache_redis(monkeypatch, settings) -> Iterator[RedisServer]:
    server = RedisServer(free_port())
    server.start()
    monkeypatch.setenv("CACHE_URL", server.url)
    production = runpy.run_path(str(ROOT / "cluster_site" / "settings.py"))
    for name in CACHE_SETTINGS:
        if name in production:
            setattr(settings, name, production[name])  # clears the cache connections too
    yield server
    server.stop()


def non_5xx(response) -> int:
    assert response.status_code < 500, response.content[:500]
    return response.status_code


def test_logins_and_logged_in_pages_work_while_the_cache_redis_is_down(cache_redis, alice, staff, caplog):
    browser = Client(raise_request_exception=False)
    assert browser.post(reverse("login"), {"username": "alice", "password": PASSWORD}).status_code == 302
    assert redis.Redis.from_url(cache_redis.url).dbsize() > 0, "the session was cached in this Redis"

    cache_redis.stop()
    caplog.set_level(logging.WARNING)

    page = browser.get(reverse("cases:study-list"))
    assert non_5xx(page) == 200
    assert '<span class="who">alice</span>' in page.content.decode(), "the session read from the database"

    visitor = Client(raise_request_exception=False)
    assert non_5xx(visitor.get(reverse("login"))) == 200
    wrong = visitor.post(reverse("login"), {"username": "alice", "password": "wrong"})
    assert non_5xx(wrong) == 200 and "Please enter a correct username and password" in wrong.content.decode()
    assert non_5xx(visitor.post(reverse("login"), {"username": "alice", "password": PASSWORD})) == 302
    assert '<span class="who">alice</span>' in visitor.get(reverse("cases:study-list")).content.decode()

    admin = Client(raise_request_exception=False)
    assert non_5xx(admin.get(reverse("admin:login"))) == 200
    assert non_5xx(admin.post(reverse("admin:login"), {"username": "staff", "password": PASSWORD})) == 302
    assert non_5xx(admin.get(reverse("admin:index"))) == 200

    api = Client(raise_request_exception=False)
    token = api.post(reverse("api:token"), {"username": "alice", "password": PASSWORD})
    assert non_5xx(token) == 200 and token.json()["token"]

    throttle_warnings = [r for r in caplog.records if r.name == "cluster_site.login_throttle"]
    assert throttle_warnings and all(r.levelno == logging.WARNING for r in throttle_warnings)
    assert "Login throttling is off" in throttle_warnings[0].getMessage()
