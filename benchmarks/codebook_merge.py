"""Time and queries of a codebook merge (preview, merge, undo) on a large code.

Run: ``.venv/bin/pytest -q -s -p no:cacheprovider benchmarks/codebook_merge.py`` (needs the test
database settings, like the suite). Builds INTERVIEWS interviews with CODINGS_PER_INTERVIEW codings
of code A each (bulk inserts), a fifth of them duplicated under code B by the same coder, and
prints wall time and query count of the preview, the merge and its undo.
"""

from __future__ import annotations

import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.models import Interview
from coding.codebook import reorganise, selectors, undo
from coding.models import Coding
from tests import factories

INTERVIEWS, CODINGS_PER_INTERVIEW = 200, 50
TEXT = "Respondent: we shared the clean room with the institute. " * 40


def _measure(label: str, action):
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        result = action()
        elapsed = time.perf_counter() - started
    print(f"{label}: {elapsed:.2f} s, {len(queries)} queries")
    return result


@pytest.mark.django_db
def test_merge_a_code_with_10000_codings() -> None:
    coders = [factories.UserFactory(username=f"coder{i}") for i in range(5)]
    lead = coders[0]
    study = factories.StudyFactory(title="Benchmark study")
    a = factories.CodeFactory(scheme=study.coding_scheme, name="A")
    b = factories.CodeFactory(scheme=study.coding_scheme, name="B")
    for child in range(20):
        factories.CodeFactory(scheme=study.coding_scheme, name=f"A.{child}", parent=a)
    region = factories.RegionFactory(study=study)
    interviews = Interview.objects.bulk_create(
        Interview(region=region, title=f"Interview {i}", transcript=TEXT) for i in range(INTERVIEWS)
    )
    rows = []
    for interview in interviews:
        for n in range(CODINGS_PER_INTERVIEW):
            start, coder = n * 10, coders[n % len(coders)]
            passage = {"interview": interview, "coder": coder, "start": start, "end": start + 30}
            rows.append(Coding(code=a, quote=TEXT[start : start + 30], memo=f"memo {n}", **passage))
            if n % 5 == 0:
                rows.append(Coding(code=b, quote=TEXT[start : start + 30], memo="on B", **passage))
    Coding.objects.bulk_create(rows, batch_size=2000)
    total = Coding.objects.filter(code=a).count()
    print(f"\n{INTERVIEWS} interviews, {total} codings of A, {len(rows) - total} duplicates under B")
    preview = _measure("preview", lambda: selectors.merge_preview(study=study, source=a, target=b))
    print(f"  {preview.counts}")
    operation = _measure(
        "merge",
        lambda: reorganise.codes_merge(study=study, source=a, target=b, fingerprint=preview.fingerprint, user=lead),
    )
    _measure("undo", lambda: undo.operation_undo(operation=operation, user=lead))
    assert Coding.objects.filter(code=a).count() == total
