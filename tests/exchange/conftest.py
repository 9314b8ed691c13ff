"""``jobs_in_the_request``: for tests that read what an import page makes at once.

Celery's eager mode runs ``run_job`` inside ``apply_async``, so a page's POST answers with the
finished job's page (redirect). The jobs themselves, with a real worker, the broker down and the
progress bar, are tested in tests/jobs/.
"""

from __future__ import annotations

import pytest

from cluster_site.celery import app as celery_app


@pytest.fixture
def jobs_in_the_request():
    before = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = before
