"""The server-drawn SVG charts (coding/charts/svg.py): well-formed, and bars as tall as their share."""

from __future__ import annotations

import pytest
from lxml import etree

from coding.charts import svg

NS = {"s": "http://www.w3.org/2000/svg"}


def _bars(document: str) -> list[etree._Element]:
    root = etree.fromstring(document)
    return [rect for rect in root.findall("s:rect", NS) if rect.find("s:title", NS) is not None]


def test_a_stacked_bar_of_100_percent_fills_the_plot_exactly():
    document = svg.bars(
        title="Mix",
        categories=["Alpha"],
        series=[svg.Series("cooperation only", [60.0], "#2e7d32"), svg.Series("several modes", [40.0], "#777777")],
        unit="% of ties",
        high=100.0,
    )
    lower, upper = _bars(document)
    plot = svg.HEIGHT - svg.MARGIN_TOP - svg.MARGIN_BOTTOM  # 320 − 30 − 64 = 226 px for 100 %
    assert float(lower.get("height")) == pytest.approx(0.6 * plot, abs=0.1)
    assert float(upper.get("height")) == pytest.approx(0.4 * plot, abs=0.1)
    assert float(upper.get("y")) == pytest.approx(svg.MARGIN_TOP, abs=0.1)  # the stack reaches the top
    assert upper.find("s:title", NS).text == "Alpha · several modes: 40"


def test_names_are_escaped_and_the_extremes_are_labelled():
    points = [svg.Point(0.1, 9.0, "A & <B>"), svg.Point(0.9, 0.0, "C"), svg.Point(0.4, 1.0, "D")]
    root = etree.fromstring(svg.scatter(title="t", points=points, x_label="x", y_label="y", labelled=2))
    titles = [title.text for title in root.iter("{http://www.w3.org/2000/svg}title")]
    assert "A & <B>: 0.1, 9" in titles
    named = [text.text for text in root.findall("s:text[@data-role='extreme']", NS)]
    assert named == ["A & <B>", "C"]  # farthest along y and along x; D is neither
