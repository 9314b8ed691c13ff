"""Load test: 50 logged-in users against gunicorn on loopback, production-like settings.

Run from the project root (PostgreSQL and Redis on 127.0.0.1 as for the tests):

    .venv/bin/python benchmarks/loadtest.py --users 50 --seconds 30 --workers 3

It (re)creates the database ``cluster_loadtest``, migrates it, loads ``seed_demo``, opens one
session per simulated user, starts gunicorn (DEBUG off, Redis cache db 12) on a free port, drives
the main pages with locust in headless mode, prints request count, p50/p95/p99 and errors per
endpoint and overall, then stops gunicorn. Exit status 1 if p95 > 500 ms or any request failed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import subprocess
import sys
import time
from pathlib import Path

import gevent  # locust monkey-patches through gevent; the run waits with gevent.sleep
from locust import FastHttpUser, between, task
from locust.env import Environment

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
DB_NAME = "cluster_loadtest"
PG = "postgres://postgres@127.0.0.1:5432"

TARGETS: dict = {}  # filled in main(): page urls and session keys


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def app_env() -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": f"{PG}/{DB_NAME}",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "loadtest-" + "k" * 50,
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_SECURE_COOKIES": "false",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "CACHE_URL": "redis://127.0.0.1:6379/12",
    }


def manage(*args: str) -> str:
    out = subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=app_env(), capture_output=True, text=True)
    if out.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{out.stderr}")
    return out.stdout


# Runs inside `manage.py shell`: page urls of the seeded study and one session per user.
PREPARE = """
import json
from django.contrib.auth import get_user_model, SESSION_KEY, BACKEND_SESSION_KEY, HASH_SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from cases.models import Study, Region, Actor, Interview
user = get_user_model().objects.get(username="demo")
keys = []
for _ in range(USERS):
    s = SessionStore()
    s[SESSION_KEY] = str(user.pk)
    s[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    s[HASH_SESSION_KEY] = user.get_session_auth_hash()
    s.create()
    keys.append(s.session_key)
def ids(model):
    return list(model.objects.values_list("pk", flat=True)[:50])
print(json.dumps({"sessions": keys, "study": ids(Study), "region": ids(Region),
                  "actor": ids(Actor), "interview": ids(Interview)}))
"""


def prepare(users: int) -> None:
    subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", DB_NAME], check=True)
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", DB_NAME], check=True)
    manage("migrate", "--noinput")
    manage("collectstatic", "--noinput")
    manage("seed_demo")
    TARGETS.update(json.loads(manage("shell", "-c", PREPARE.replace("USERS", str(users))).splitlines()[-1]))


class Researcher(FastHttpUser):
    wait_time = between(0.5, 1.5)

    def on_start(self) -> None:
        self.session = random.choice(TARGETS["sessions"])

    def _get(self, kind: str, path: str) -> None:
        pk = random.choice(TARGETS[kind])
        self._fetch(path.format(pk), path.format("<pk>"))

    def _fetch(self, url: str, name: str) -> None:
        headers = {"Cookie": f"sessionid={self.session}"}
        with self.client.get(url, name=name, headers=headers, catch_response=True, allow_redirects=False) as r:
            if r.status_code != 200:
                r.failure(f"HTTP {r.status_code}")

    @task(2)
    def studies(self) -> None:
        self._fetch("/studies/", "/studies/")

    @task(2)
    def study(self) -> None:
        self._get("study", "/studies/{}/")

    @task(3)
    def region(self) -> None:
        self._get("region", "/regions/{}/")

    @task(3)
    def actor(self) -> None:
        self._get("actor", "/actors/{}/")

    @task(3)
    def interview(self) -> None:
        self._get("interview", "/interviews/{}/")

    # The API, as an export script or R session would page through it.
    @task(1)
    def api_actors(self) -> None:
        self._get("region", "/api/actors/?region={}")

    @task(1)
    def api_interactions(self) -> None:
        self._get("region", "/api/interactions/?region={}")

    @task(1)
    def api_codings(self) -> None:
        self._get("interview", "/api/codings/?interview={}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument(
        "--think", type=float, nargs=2, default=(0.5, 1.5), metavar=("MIN", "MAX"), help="seconds between requests"
    )
    parser.add_argument("--spawn-rate", type=float, default=10, help="users started per second")
    parser.add_argument("--warmup", type=float, default=5, help="seconds after the last user starts, not measured")
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: cluster_site/gunicorn_conf.py)")
    opts = parser.parse_args()
    Researcher.wait_time = between(*opts.think)
    prepare(opts.users)
    port = free_port()
    command = [str(Path(PY).parent / "gunicorn"), "cluster_site.wsgi", "-c", "cluster_site/gunicorn_conf.py"]
    command += ["--bind", f"127.0.0.1:{port}", "--access-logfile", "/dev/null"]
    if opts.workers:
        command += ["--workers", str(opts.workers)]
    gunicorn = subprocess.Popen(command, cwd=ROOT, env=app_env())
    try:
        time.sleep(3)
        Researcher.host = f"http://127.0.0.1:{port}"
        env = Environment(user_classes=[Researcher])
        runner = env.create_local_runner()
        # Users arrive over a few seconds, as people do; the measured window starts once all of
        # them are in and each worker has rendered its templates and opened its connection.
        runner.start(opts.users, spawn_rate=opts.spawn_rate)
        gevent.sleep(opts.users / opts.spawn_rate + opts.warmup)
        env.stats.reset_all()
        gevent.sleep(opts.seconds)
        runner.quit()
        stats = env.stats
        rows = [*sorted(stats.entries.values(), key=lambda e: e.name), stats.total]
        print(f"{'endpoint':28} {'reqs':>6} {'fail':>5} {'p50':>6} {'p95':>6} {'p99':>6}  (ms)")
        for e in rows:
            print(
                f"{e.name:28} {e.num_requests:6} {e.num_failures:5} "
                f"{e.get_response_time_percentile(0.5):6.0f} {e.get_response_time_percentile(0.95):6.0f} "
                f"{e.get_response_time_percentile(0.99):6.0f}"
            )
        for error in stats.errors.values():
            print("error:", error.name, error.error, error.occurrences)
        ok = stats.total.num_failures == 0 and stats.total.get_response_time_percentile(0.95) <= 500
        return 0 if ok else 1
    finally:
        gunicorn.terminate()
        gunicorn.wait(10)


if __name__ == "__main__":
    sys.exit(main())
