"""Playwright in real Chromium on the demo study (coding/demo): a QCA of its three regions set up in
the form, the truth table read and checked against a computation by hand, and a case followed from
the truth table to the passages behind one of its values.

The demo has no study variables, so the outcome is a network figure (density over all ties, as
the worker stored it) and the conditions are two codes' shares of a region's interviews, counted
here straight from the codings. Thresholds sit between observed values so that each set varies.
"""

from __future__ import annotations

import itertools

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command
from playwright.sync_api import expect

from cases.models import Interview, Region, Study
from coding.codebook.default_scheme import install_default_scheme
from coding.demo.loader import STUDY_TITLE
from coding.models import Code, Coding
from coding.workbench.views.retrieval import PAGE_SIZE
from coding.worker.models import AnalysisSnapshot
from tests.comparison.conftest import compute

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PASSWORD = "demo-browser-pw-1"


@pytest.fixture
def demo(transactional_db):
    install_default_scheme(django_apps, None)  # an earlier live-server test's flush removed it
    call_command("seed_demo", "--password", PASSWORD)
    study = Study.objects.get(title=STUDY_TITLE)
    regions = list(Region.objects.filter(study=study).order_by("name", "pk"))
    for region in regions:
        compute(region)
    return study, regions


def share(code: Code, region: Region) -> float:
    """Interviews of the region with a passage coded ``code`` (a code without sub-codes), by hand."""
    coded = Interview.objects.filter(region=region, codings__code=code).distinct().count()
    return coded / Interview.objects.filter(region=region).count()


def split(values: list[float]) -> float | None:
    """A threshold with some values at or above it and some below (None if all are equal)."""
    distinct = sorted(set(values))
    return (distinct[0] + distinct[1]) / 2 if len(distinct) > 1 else None


def test_a_qca_of_the_demo_regions_and_a_case_followed_to_its_passages(demo, page, log_in, screenshot):
    study, regions = demo
    density = [
        AnalysisSnapshot.objects.get(region=r, wave=None, layer="all").result["metrics"]["density"] for r in regions
    ]
    leaves = Code.objects.filter(scheme=study.coding_scheme, children__isnull=True).order_by("pk")
    varied = [(code, [share(code, r) for r in regions]) for code in leaves]
    varied = [(code, values, split(values)) for code, values in varied if split(values) is not None]
    # Two codes that do not split the regions the same way, so the truth table has rows to tell apart.
    (code_a, shares_a, cut_a), (code_b, shares_b, cut_b) = next(
        (a, b) for a, b in itertools.combinations(varied, 2) if [v >= a[2] for v in a[1]] != [v >= b[2] for v in b[1]]
    )
    cut_y = split(density)
    y = [int(value >= cut_y) for value in density]
    a = [int(value >= cut_a) for value in shares_a]
    b = [int(value >= cut_b) for value in shares_b]
    expected: dict[int, list[str]] = {}
    for region, in_a, in_b in zip(regions, a, b, strict=True):
        expected.setdefault(in_a * 2 + in_b + 1, []).append(region.name)  # QCA's row numbers

    log_in("demo", PASSWORD)
    page.goto(f"/studies/{study.pk}/compare/")
    page.click("#qca-link")
    page.fill("#id_outcome-name", "DENSE")
    page.select_option("#id_outcome-source", "metric:density")
    page.fill("#id_outcome-thresholds", repr(cut_y))
    for prefix, name, code, cut in (("c0", "CODEA", code_a, cut_a), ("c1", "CODEB", code_b, cut_b)):
        page.fill(f"#id_{prefix}-name", name)
        page.select_option(f"#id_{prefix}-source", f"code:{code.pk}:share")
        page.fill(f"#id_{prefix}-thresholds", repr(cut))
    page.click("#qca-run")

    rows = page.locator("#qca-truth-table tbody tr")
    expect(rows).to_have_count(len(expected))
    for number, names in expected.items():
        row = page.locator(f'#qca-truth-table tr[data-row="{number}"]')
        expect(row.locator("a.qca-case")).to_have_text(names)
        members = [y[i] for i, region in enumerate(regions) if region.name in names]
        out = "1" if sum(members) / len(members) >= 0.8 else "0"  # crisp: incl is the share with the outcome
        expect(row).to_have_attribute("data-out", out)
    screenshot("qca-demo")

    # The first case of the first row, its CODEA share, and the passages behind it.
    first_number = min(expected)
    name = expected[first_number][0]
    region = next(r for r in regions if r.name == name)
    page.locator(f'#qca-truth-table tr[data-row="{first_number}"]').get_by_role("link", name=name).click()
    case_row = page.locator(f"#case-r{region.pk}")
    expect(case_row).to_be_in_viewport()
    case_row.locator("td").nth(1).get_by_role("link").click()
    page.wait_for_url(f"**/studies/{study.pk}/retrieval/?code={code_a.pk}&region={region.pk}")
    passages = Coding.objects.filter(code=code_a, interview__region=region).count()
    expect(page.locator("td.passage")).to_have_count(min(passages, PAGE_SIZE))
