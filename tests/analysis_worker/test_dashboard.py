"""Issue 16: the analysis page as a dashboard — a summary first, charts with their figures as tables,
nested figures as small tables, and a query count that does not grow with the region.

The network fixture (conftest.py): Firm 0, Firm 1, Firm 2 (SMEs) in a cooperation triangle, the
Researcher (of the University) in rivalry with Firm 0, the University itself without ties.
"""

from __future__ import annotations

import re

import networkx as nx
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape
from lxml import etree

from coding.analysis.message import render
from coding.worker import tasks
from coding.worker.actor_table import ACTORS_PER_PAGE
from coding.worker.models import AnalysisSnapshot, RegionAnalysisState
from tests import factories

SVG = "{http://www.w3.org/2000/svg}"


def _computed(region) -> None:
    tasks.recompute_region(region.pk, RegionAnalysisState.objects.get(region=region).version)


def _page(client, region, **params) -> str:
    response = client.get(reverse("analysis:region", args=[region.pk]), params)
    assert response.status_code == 200
    return response.content.decode()


def _between(html: str, start: str, end: str) -> str:
    begin = html.index(start)
    return html[begin : html.index(end, begin)]


def _chart(html: str, key: str) -> str:
    return _between(html, f'id="chart-{key}"', "</figure>")


def _table_rows(fragment: str) -> list[list[str]]:
    """The rows of the first table in ``fragment`` as lists of cell texts."""
    body = _between(fragment, "<tbody>", "</tbody>")
    return [re.findall(r"<t[hd][^>]*>([^<]*)</t[hd]>", row) for row in re.findall(r"<tr>(.*?)</tr>", body)]


def test_the_summary_comes_first_with_each_classification_its_label_and_reason(client, network, region, alice):
    _computed(region)
    client.force_login(alice)
    html = _page(client, region)
    records = AnalysisSnapshot.objects.get(region=region, wave=None, layer="all").result["classifications"]
    assert records
    summary = _between(html, 'id="analysis-summary"', "</section>")
    assert html.index('id="analysis-summary"') < html.index('id="analysis-network"')  # before the picture
    for record in records:
        line = _between(summary, f'data-summary="{record["name"]}"', "</li>")
        assert f'data-summary-label="{record["label"]}"' in line
        assert escape(render(record["reason"])) in line  # the record's own reason, in English
    toc = _between(html, 'id="analysis-toc"', "</nav>")
    for anchor in ("analysis-summary", "analysis-charts", "analysis-classifications", "analysis-actors-section"):
        assert f'href="#{anchor}"' in toc and f'id="{anchor}"' in html


def test_nested_figures_are_small_tables_not_bracketed_strings(client, network, region, alice):
    _computed(region)
    client.force_login(alice)
    html = _page(client, region)
    cell = _between(html, 'data-metric="ei_actor_type">', "</table></td>") + "</table>"
    assert "(External" not in cell and "; internal" not in cell
    groups = _between(cell, "<caption>groups</caption>", "</table>")
    # By hand: Firm: SME has the triangle's 3 pairs inside and Firm 0–Researcher across: (1 − 3) / 4;
    # University (the Researcher's type) has that one pair across and none inside: (1 − 0) / 1.
    columns = [c.lower() for c in re.findall(r'<th scope="col">([^<]*)</th>', groups)[1:]]  # jsonb's key order
    rows = {row[0]: dict(zip(columns, row[1:], strict=True)) for row in _table_rows(groups)}
    assert rows["Firm: SME"] == {"external": "1", "internal": "3", "index": "-0.5"}
    assert rows["University"] == {"external": "1", "internal": "0", "index": "1"}


def test_each_chart_is_an_svg_with_names_on_hover_and_its_figures_as_a_table(client, network, region, alice):
    _computed(region)
    client.force_login(alice)
    html = _page(client, region)
    for key in ("degree", "constraint", "brokerage", "ei"):
        chart = _chart(html, key)
        svg = etree.fromstring(_between(chart, "<svg", "</svg>") + "</svg>")
        assert svg.tag == f"{SVG}svg" and svg.find(f"{SVG}title") is not None
        assert "<details><summary>" in chart and 'data-chart-download="svg"' in chart
        assert 'data-chart-download="png"' in chart
    # Degree by hand: Firm 0 has 3 contacts, Firm 1 and Firm 2 two, the Researcher one, the University none.
    assert _table_rows(_chart(html, "degree")) == [["0", "1"], ["1", "1"], ["2", "2"], ["3", "1"]]
    # Betweenness from networkx on the same graph; Firm 0 is the only broker and is named on the chart.
    graph = nx.Graph([("Firm 0", "Firm 1"), ("Firm 1", "Firm 2"), ("Firm 0", "Firm 2"), ("Researcher", "Firm 0")])
    expected = nx.betweenness_centrality(graph, normalized=False)
    constraint = _chart(html, "constraint")
    rows = {row[0]: float(row[2]) for row in _table_rows(constraint)}
    assert rows == pytest.approx(expected)
    assert re.search(r'data-role="extreme">Firm 0<', constraint)
    assert "<title>Firm 0: " in constraint  # the name on hover
    # E-I by actor type: the same hand figures as the nested table
    assert _table_rows(_chart(html, "ei")) == [["Firm: SME", "1", "3", "-0.5"], ["University", "1", "0", "1.0"]]


def test_the_actor_table_scrolls_in_a_labelled_region_and_keeps_its_explanations(client, network, region, alice):
    _computed(region)
    client.force_login(alice)
    html = _page(client, region)
    box = html[html.rindex("<div", 0, html.index('id="analysis-actors"')) : html.index('id="analysis-actors"')]
    assert 'tabindex="0"' in box and 'role="region"' in box and "aria-label=" in box
    head = _between(html, 'id="analysis-actors"', "</thead>")
    # Each heading links to the table sorted by it on the server (coding/worker/actor_table.py).
    assert head.count('<a class="sort-link" href="?') == head.count("<th ")
    degree = r'title="Contacts in the undirected projection."><a class="sort-link" href="[^"]*"[^>]*>Degree'
    assert re.search(degree, head)


def test_the_query_count_is_the_same_for_a_small_and_a_larger_region(client, study, alice):
    counts = []
    for size in (4, 60):
        region = factories.RegionFactory(study=study)
        actors = [factories.OrganisationFactory(region=region) for _ in range(size)]
        for i, source in enumerate(actors):
            for target in actors[i + 1 : i + 4]:
                factories.InteractionFactory(region=region, source=source, target=target)
        _computed(region)
        client.force_login(alice)
        with CaptureQueriesContext(connection) as queries:
            html = _page(client, region)
        assert html.count("data-actor=") == min(size, ACTORS_PER_PAGE)  # one page of the table
        counts.append(len(queries))
    # 14 + the stored layout's positions (coding/layout) + the actors' Colour-by categories (coding/colour_by)
    assert counts[0] == counts[1] and counts[1] <= 17
