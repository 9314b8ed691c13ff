"""Production settings and the two ways to run the stack: docker-compose.yml and the SQLite default."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
# Variables the test settings set for this process; a child process must not inherit them.
TEST_ONLY_ENV = (
    "DJANGO_SETTINGS_MODULE",
    "DATABASE_URL",
    "DATABASE_TEST_NAME",
    "REDIS_URL",
    "CELERY_BROKER_URL",
    "CELERY_RESULT_BACKEND",
    "DJANGO_SECRET_KEY",
    "DJANGO_DEBUG",
    "DJANGO_SECURE_SSL_REDIRECT",
    "CACHE_URL",
    "DJANGO_ALLOW_ASYNC_UNSAFE",  # set by the browser tests for their own process
)


def clean_env(**extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in TEST_ONLY_ENV}
    return {**env, **extra}


def manage(*args: str, env: dict[str, str], timeout: int = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )


PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "cluster_site.settings",
    "DJANGO_SECRET_KEY": "k3y-" + "x7Qp9vLm2Rt8Wz4Nc6Hb1Js5Dg0Fa3Ek" * 2,
    "DJANGO_ALLOWED_HOSTS": "clusters.example.org",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres",
}


def test_check_deploy_passes_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=clean_env(**PRODUCTION_ENV))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = clean_env(**PRODUCTION_ENV)
    del env["DJANGO_SECRET_KEY"]
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_malformed_setting_is_reported_by_name():
    result = manage("check", env=clean_env(**PRODUCTION_ENV, DATABASE_CONN_MAX_AGE="sixty"))
    assert result.returncode != 0
    assert "DATABASE_CONN_MAX_AGE" in result.stderr


class TestDockerCompose:
    """Docker does not run here: read the compose file against what the settings read."""

    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    settings_source = (ROOT / "cluster_site" / "settings.py").read_text(encoding="utf-8")

    def test_production_services(self):
        assert {"postgres", "redis", "web", "worker"} <= set(self.compose["services"])

    def test_every_app_variable_is_read_by_the_settings(self):
        read = set(re.findall(r'env_(?:str|bool|int|list)\(\s*"([A-Z_]+)"', self.settings_source))
        for name in ("web", "worker"):
            environment = self.compose["services"][name]["environment"]
            unknown = set(environment) - read
            assert not unknown, f"{name} sets variables the settings never read: {unknown}"
            assert {"DJANGO_SECRET_KEY", "DATABASE_URL", "CELERY_BROKER_URL"} <= set(environment)

    def test_database_and_broker_point_at_the_compose_services(self):
        environment = self.compose["services"]["web"]["environment"]
        assert "@postgres:5432/" in environment["DATABASE_URL"]
        assert environment["CELERY_BROKER_URL"].startswith("redis://redis:6379")
        assert environment["DJANGO_DEBUG"] == "false"

    def test_web_and_worker_share_the_uploads_the_import_jobs_wait_in(self):
        """The web stores an import's file under MEDIA_ROOT and the worker reads it (coding/jobs)."""
        for name in ("web", "worker"):
            service = self.compose["services"][name]
            media_root = service["environment"]["DJANGO_MEDIA_ROOT"]
            assert f"media:{media_root}" in service["volumes"], name
        assert "media" in self.compose["volumes"]
        assert f"mkdir -p {media_root}" in (ROOT / "Dockerfile").read_text(encoding="utf-8"), "owned by the app user"

    def test_web_runs_gunicorn_and_worker_runs_celery(self):
        dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
        assert "gunicorn" in dockerfile and "collectstatic" in dockerfile
        assert "cluster_site/gunicorn_conf.py" in dockerfile
        assert "celery -A cluster_site worker" in self.compose["services"]["worker"]["command"]


def test_gunicorn_config_loads_the_app_with_production_settings():
    """The Dockerfile's and README's gunicorn command, checked without serving."""
    gunicorn = Path(sys.executable).parent / "gunicorn"
    command = [str(gunicorn), "--check-config", "-c", "cluster_site/gunicorn_conf.py", "cluster_site.wsgi"]
    env = clean_env(**PRODUCTION_ENV, WEB_CONCURRENCY="2")
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_embedded_sqlite_default_migrates_seeds_and_serves(tmp_path):
    """The README's run command in miniature: no server, SQLite and the broker under a var folder."""
    env = clean_env(CLUSTER_VAR_DIR=str(tmp_path), DJANGO_DEBUG="true")
    for args in (("migrate", "--noinput"), ("seed_demo", "--password", "smoke-test-pass")):
        result = manage(*args, env=env)
        assert result.returncode == 0, result.stdout + result.stderr
    assert "demo / smoke-test-pass" in result.stdout
    assert (tmp_path / "db.sqlite3").exists()
    probe = "\n".join(
        [
            "from django.test import Client",
            "from cases.models import Region",
            "client = Client(HTTP_HOST='localhost')",
            "assert client.login(username='demo', password='smoke-test-pass')",
            "assert client.get('/studies/').status_code == 200",
            "pks = list(Region.objects.values_list('pk', flat=True))",
            "assert len(pks) == 3, pks",
            "assert all(client.get(f'/regions/{pk}/').status_code == 200 for pk in pks)",
            # The comparison and every export run on SQLite too (no PostgreSQL-only SQL).
            "from cases.models import Study",
            "study = Study.objects.get()",
            "def body(url):",
            "    response = client.get(url)",
            "    assert response.status_code == 200, (url, response.status_code)",
            "    return b''.join(response.streaming_content) if response.streaming else response.content",
            "assert b'Cambridgeshire' in body(f'/studies/{study.pk}/compare/')",
            "assert body(f'/studies/{study.pk}/compare/networks/')",
            "assert body(f'/studies/{study.pk}/compare/export/xlsx/')",
            "for fmt in ('graphml', 'gexf', 'pajek', 'qdc', 'qdpx', 'qdpx-pseudonymised'):",
            "    assert body(f'/studies/{study.pk}/export/{fmt}/'), fmt",
            "for table in ('actors', 'interactions', 'codings'):",
            "    assert body(f'/studies/{study.pk}/tables/{table}.xlsx'), table",
            "assert b'Cambridgeshire' in body(f'/studies/{study.pk}/export/dump.json?pseudonymised=1')",
            # Analysis in-process, then the privacy services that rewrite texts, history and results.
            "from coding.worker import tasks",
            "from coding.worker.models import AnalysisSnapshot, RegionAnalysisState",
            "for state in RegionAnalysisState.objects.all():",
            "    tasks.recompute_region(state.region_id, state.version)",
            "from django.contrib.auth import get_user_model",
            "from coding.privacy.services import withdraw_consent",
            "from cases.models import Actor",
            "from coding.privacy.services import pseudonymise_person",
            "demo = get_user_model().objects.get(username='demo')",
            "person = Actor.objects.filter(kind='person', interviews__isnull=False).first()",
            "real_name = person.name",
            "pseudonymise_person(person, by=demo)",
            "withdraw_consent(person, by=demo)",
            "snapshots = AnalysisSnapshot.objects.filter(region_id=person.region_id)",
            "assert snapshots and real_name not in str([snapshot.result for snapshot in snapshots])",
            "print('ok')",
        ]
    )
    result = manage("shell", "-c", probe, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().endswith("ok")
