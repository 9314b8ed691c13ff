"""The "Informant reciprocity" section of the region analysis page (a figure of data quality)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from cases.models import Region, Wave
from coding.analysis.reciprocity import CATEGORIES, LABELS
from coding.quality.selectors import regions_reciprocity


def analysis_section(region: Region, wave: Wave | None) -> dict[str, Any]:
    """Counts per category, the confirmed share, and each category's ties linked to their evidence."""
    found = regions_reciprocity([region.pk], wave_id=wave.pk if wave else None)[region.pk]
    interview_url = {i: reverse("interviews:detail", args=[i]) for i in found.interview_titles}

    def interviews(ids: tuple[int, ...]) -> list[dict[str, str]]:
        return [{"title": found.interview_titles[i], "url": interview_url[i]} for i in ids]

    groups: dict[str, list[dict[str, Any]]] = {category: [] for category in CATEGORIES}
    for item in found.ties:
        groups[item.category].append(
            {
                "label": found.labels[item.tie_id],
                "url": reverse("coding:interaction-detail", args=[item.tie_id]),
                "source_interviews": interviews(item.source_interviews),
                "target_interviews": interviews(item.target_interviews),
            }
        )
    summary = found.summary
    return {
        "reciprocity": {
            "summary": summary,
            "groups": [(category, LABELS[category], summary[category], groups[category]) for category in CATEGORIES],
        }
    }


def comparison_rows(regions: list[tuple[int, str]]) -> list[dict[str, Any]]:
    """One row per compared region (over all its ties): the counts and the confirmed share."""
    found = regions_reciprocity([region_id for region_id, _name in regions])
    return [{"region_id": region_id, "name": name, **found[region_id].summary} for region_id, name in regions]
