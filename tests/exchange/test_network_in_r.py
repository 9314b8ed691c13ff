"""Our network files read by R (Debian's r-base-core, r-cran-igraph, r-cran-sna): default
``igraph::betweenness()`` and ``igraph::constraint()`` on the read graph, and ``sna::brokerage``
with the file's ``actor_type`` groups, give the figures of the stored analysis.

The reference is R itself (tests/exchange/read_network.R). Under CI these tests must run
(.ci/services installs R); elsewhere they are skipped, saying why, when R is missing.
"""

from __future__ import annotations

import csv
import io
import math
import os
import shutil
import subprocess
from functools import cache
from pathlib import Path

import pytest

from tests.exchange.network_fixtures import TOLERANCE, cambridgeshire, florentine_families, network_url, store_snapshots

pytestmark = pytest.mark.django_db

SCRIPT = Path(__file__).with_name("read_network.R")
# sna's raw.nli columns -> our role counts (Gould & Fernandez 1989; sna's ?brokerage).
SNA_ROLES = {
    "w_I": "brokerage_coordinator",
    "w_O": "brokerage_itinerant",
    "b_IO": "brokerage_representative",
    "b_OI": "brokerage_gatekeeper",
    "b_O": "brokerage_liaison",
    "t": "brokerage_total",
}


@cache
def r_missing() -> str:
    """Why R cannot read our files here, or "" when it can."""
    if shutil.which("Rscript") is None:
        return "Rscript is not installed"
    check = subprocess.run(["Rscript", "-e", "library(igraph); library(sna)"], capture_output=True, text=True)
    return f"R lacks igraph or sna: {check.stderr.strip()[-200:]}" if check.returncode else ""


@pytest.fixture(autouse=True)
def _r():
    reason = r_missing()
    if reason and os.environ.get("CI") == "true":
        pytest.fail(f"{reason}; .ci/services installs r-base-core r-cran-igraph r-cran-sna")
    if reason:
        pytest.skip(f"{reason} (apt-get install r-base-core r-cran-igraph r-cran-sna)")


def read_in_r(content: bytes, fmt: str, tmp_path: Path) -> list[dict[str, str]]:
    path = tmp_path / f"network.{fmt}"
    path.write_bytes(content)
    run = subprocess.run(
        ["Rscript", str(SCRIPT), str(path), fmt], capture_output=True, text=True, timeout=120, check=False
    )
    assert run.returncode == 0, run.stderr
    return list(csv.DictReader(io.StringIO(run.stdout)))


def r_number(text: str) -> float | None:
    return None if text in ("NA", "NaN") else float(text)


def assert_close(found: str, expected: float | None, what: str) -> None:
    value = r_number(found)
    if expected is None:
        assert value is None or math.isnan(value), what
    else:
        assert value is not None and math.isclose(value, expected, rel_tol=0, abs_tol=TOLERANCE), what


def check_graphml_in_r(client, region, result: dict, tmp_path: Path, **query: str) -> None:
    rows = read_in_r(client.get(network_url(region, "graphml", **query)).getvalue(), "graphml", tmp_path)
    ours = {f"a{row['id']}": row for row in result["actors"]}
    assert sorted(row["id"] for row in rows) == sorted(ours)
    for row in rows:
        assert (row["directed"], row["weighted"]) == ("FALSE", "FALSE")
        actor = ours[row["id"]]
        assert_close(row["betweenness"], actor["betweenness"], f"{row['id']} betweenness")
        assert_close(row["constraint"], actor["constraint"], f"{row['id']} constraint")
        for sna_role, role in SNA_ROLES.items():
            assert_close(row[sna_role], actor[role], f"{row['id']} {role}")


def test_r_reads_the_demo_cambridgeshire_graphml_with_our_betweenness_constraint_and_brokerage(client, tmp_path):
    region = cambridgeshire()
    wave = region.waves.order_by("start").first()
    keys = [(None, "all"), (None, "strong"), (wave.pk, "all")]
    results = store_snapshots(region, keys)
    client.force_login(region.study.memberships.get(user__username="viewer").user)
    # The demo has persons (their group is their employer's type) and ties rated 0 (strength 0).
    assert any(row["kind"] == "person" and row["actor_type"] != "person" for row in results[(None, "all")]["actors"])
    assert any(tie["strength"] == 0 for tie in results[(None, "all")]["ties"])
    check_graphml_in_r(client, region, results[(None, "all")], tmp_path)
    check_graphml_in_r(client, region, results[(None, "strong")], tmp_path, layer="strong")
    check_graphml_in_r(client, region, results[(wave.pk, "all")], tmp_path, wave=str(wave.pk))


def test_r_reads_the_florentine_families_graphml_with_our_figures(client, carol, region, tmp_path):
    florentine_families(region)
    result = store_snapshots(region, [(None, "all")])[(None, "all")]
    client.force_login(carol)
    check_graphml_in_r(client, region, result, tmp_path)


def test_r_reads_the_demo_pajek_with_our_betweenness_and_constraint(client, tmp_path):
    region = cambridgeshire()
    result = store_snapshots(region, [(None, "all")])[(None, "all")]
    client.force_login(region.study.memberships.get(user__username="viewer").user)
    rows = read_in_r(client.get(network_url(region, "pajek")).getvalue(), "pajek", tmp_path)
    # Pajek vertices come in the file's order, which is the analysis' order (by actor id).
    assert len(rows) == len(result["actors"])
    for row, actor in zip(rows, result["actors"], strict=True):
        assert (row["directed"], row["weighted"]) == ("FALSE", "FALSE")
        assert_close(row["betweenness"], actor["betweenness"], f"{actor['id']} betweenness")
        assert_close(row["constraint"], actor["constraint"], f"{actor['id']} constraint")
