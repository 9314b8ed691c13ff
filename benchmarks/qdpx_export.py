"""Time and peak memory of the .qdpx export (and its import) for a larger study.

Run: ``.venv/bin/pytest -q -s -p no:cacheprovider benchmarks/qdpx_export.py`` (needs the test
database settings, like the suite). Builds REGIONS × INTERVIEWS interviews of ~TEXT_CHARS
characters with CODINGS_PER_INTERVIEW codings each (bulk inserts), then reports the export's wall
time, the peak of Python allocations (tracemalloc) and the zip size; then imports the file into
an empty study and reports the same.
"""

from __future__ import annotations

import io
import random
import tempfile
import time
import tracemalloc

import pytest

from cases.choices import Role
from cases.models import Interview
from coding.exchange.refi import qdpx_export, qdpx_import
from coding.models import Coding
from tests import factories

REGIONS, INTERVIEWS, CODINGS_PER_INTERVIEW, TEXT_CHARS = 4, 50, 25, 20_000
WORDS = [
    "Kooperation",
    "rivalry",
    "Reinraum",
    "foundry",
    "café",
    "Göteborg",
    "trust",
    "Vertrauen",
    "engineers",
    "😀",
    "lecture",
]


def _study(coders: list) -> object:
    rng = random.Random(6)
    study = factories.StudyFactory(title="Benchmark study")
    for coder in coders:
        factories.MembershipFactory(study=study, user=coder, role=Role.CODER)
    parents = [factories.CodeFactory(scheme=study.coding_scheme, name=f"Top {i}") for i in range(8)]
    codes = parents + [
        factories.CodeFactory(scheme=study.coding_scheme, parent=parent, name=f"{parent.name}.{j}")
        for parent in parents
        for j in range(5)
    ]
    for r in range(REGIONS):
        region = factories.RegionFactory(study=study, name=f"Region {r}")
        interviews = Interview.objects.bulk_create(
            Interview(region=region, title=f"Interview {r}.{i}", transcript=_text(rng)) for i in range(INTERVIEWS)
        )
        rows = []
        for interview in interviews:
            for _ in range(CODINGS_PER_INTERVIEW):
                start = rng.randrange(0, len(interview.transcript) - 200)
                end = start + rng.randrange(20, 200)
                rows.append(Coding(interview=interview, code=rng.choice(codes), coder=rng.choice(coders),
                                   start=start, end=end, quote=interview.transcript[start:end]))  # fmt: skip
        # A random twin (same passage, code and coder) would break coding_unique_passage_code_coder.
        twins = {(id(c.interview), c.code.pk, c.coder.pk, c.start, c.end): c for c in rows}
        Coding.objects.bulk_create(list(twins.values()), batch_size=2000)
    return study


def _text(rng: random.Random) -> str:
    words: list[str] = []
    while sum(map(len, words)) + len(words) < TEXT_CHARS:
        words.append(rng.choice(WORDS))
    return " ".join(words).replace("Göteborg ", "Göteborg\r\n")


def _measure(label: str, action) -> object:
    tracemalloc.start()
    started = time.perf_counter()
    result = action()
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"{label}: {elapsed:.2f} s, peak Python allocations {peak / 2**20:.1f} MiB")
    return result


@pytest.mark.django_db
def test_export_and_import_a_larger_study() -> None:
    coders = [factories.UserFactory(username=f"coder{i}") for i in range(5)]
    study = _study(coders)
    codings = Coding.objects.filter(interview__region__study=study).count()
    transcripts = REGIONS * INTERVIEWS * TEXT_CHARS
    print(f"\n{REGIONS * INTERVIEWS} interviews, {codings} codings, ~{transcripts / 1e6:.1f} M characters of text")
    with tempfile.TemporaryFile() as handle:
        started = time.perf_counter()
        qdpx_export(study, handle)
        print(f"export without tracemalloc: {time.perf_counter() - started:.2f} s")
        handle.seek(0)
        handle.truncate()
        _measure("export", lambda: qdpx_export(study, handle))
        size = handle.tell()
        print(f"zip: {size / 2**20:.1f} MiB")
        handle.seek(0)
        content = handle.read()
    target = factories.StudyFactory(title="Benchmark copy")
    started = time.perf_counter()
    result = qdpx_import(upload=io.BytesIO(content), study=target, region=None, default_coder=coders[0])
    print(f"import (plain timing, into an empty study): {time.perf_counter() - started:.2f} s")
    assert result.codings == codings
