"""The "Informant reciprocity" section of the region analysis page (a figure of data quality)."""

from __future__ import annotations

from html import escape  # the same five characters as django.utils.html.escape
from typing import Any

from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from cases.models import Region, Wave
from coding.analysis.reciprocity import CATEGORIES, LABELS
from coding.quality.selectors import regions_reciprocity
from coding.worker.page_html import url_for


def analysis_section(region: Region, wave: Wave | None) -> dict[str, Any]:
    """Counts per category, the confirmed share, and each category's ties linked to their evidence."""
    found = regions_reciprocity([region.pk], wave_id=wave.pk if wave else None)[region.pk]
    interview_url = {i: url_for("interviews:detail")(i) for i in found.interview_titles}
    tie_url = url_for("coding:interaction-detail")

    def interviews(ids: tuple[int, ...]) -> list[dict[str, str]]:
        return [{"title": found.interview_titles[i], "url": interview_url[i]} for i in ids]

    groups: dict[str, list[dict[str, Any]]] = {category: [] for category in CATEGORIES}
    for item in found.ties:
        groups[item.category].append(
            {
                "label": found.labels[item.tie_id],
                "url": tie_url(item.tie_id),
                "source_interviews": interviews(item.source_interviews),
                "target_interviews": interviews(item.target_interviews),
            }
        )
    summary = found.summary
    return {
        "reciprocity": {
            "summary": summary,
            "groups": [
                (category, gettext(LABELS[category]), summary[category], groups[category], _tie_list(groups[category]))
                for category in CATEGORIES
            ],
        }
    }


def _tie_list(ties: list[dict[str, Any]]) -> str:
    """A category's ties as ``<li>`` lines, built here: thousands of them made most of the page's time."""

    def links(interviews: list[dict[str, str]]) -> str:
        return ", ".join(f'<a href="{i["url"]}">{escape(i["title"])}</a>' for i in interviews)

    first, second = escape(gettext("for the first:")), escape(gettext("for the second:"))
    return mark_safe(  # noqa: S308 - every value escaped
        "".join(
            f'<li><a href="{tie["url"]}">{escape(tie["label"])}</a>'
            + (f" · {first} {links(tie['source_interviews'])}" if tie["source_interviews"] else "")
            + (f" · {second} {links(tie['target_interviews'])}" if tie["target_interviews"] else "")
            + "</li>"
            for tie in ties
        )
    )


def comparison_rows(regions: list[tuple[int, str]]) -> list[dict[str, Any]]:
    """One row per compared region (over all its ties): the counts and the confirmed share."""
    found = regions_reciprocity([region_id for region_id, _name in regions])
    return [{"region_id": region_id, "name": name, **found[region_id].summary} for region_id, name in regions]
