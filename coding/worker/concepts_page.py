"""The analysis page's "Concepts of the article" section: the ``concepts`` of a result as rows.

Kept out of ``views`` (which formats the rest of the result) so each stays short; the figures
themselves come from ``coding.analysis.concepts`` and ``coding.analysis.humus``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.utils.translation import ngettext

from coding.analysis.concepts import POSITIONS, STRENGTHS
from coding.analysis.explanation import percent

# Actors (or pairs) a list of the section names; the rest are counted ("… and 4,949 more"): a
# 5,000-actor region's lists made 160 KB of the page. The actor table, sortable by the same
# figures, shows them all.
LISTED = 50


def _listed(items: list[Any]) -> tuple[list[Any], int]:
    """The first ``LISTED`` items and how many more there are."""
    return items[:LISTED], max(0, len(items) - LISTED)


def _joined(names: list[str], separator: str = ", ") -> str:
    """The first ``LISTED`` names joined, and how many more there are."""
    shown, more = _listed(names)
    text = separator.join(shown)
    if more:
        text += " " + ngettext("… and %(counter)s more", "… and %(counter)s more", more) % {"counter": more}
    return text


def concepts_context(
    concepts: Mapping[str, Any] | None,
    names: Mapping[int, str],
    wave_labels: Mapping[int, str],
    word: Callable[[Any], str],
) -> dict[str, Any] | None:
    """What the template shows; None for results computed before the concepts existed."""
    if not concepts:
        return None

    def named(items: list[dict[str, Any]]) -> list[tuple[str, int]]:
        return [(names.get(item["id"], str(item["id"])), item["count"]) for item in items[:LISTED]]

    weak_strong = concepts["weak_and_strong"]
    location = concepts["location_brokerage"]
    spin_offs = concepts["spin_offs"]
    return {
        "weak_and_strong": {
            **weak_strong,
            "combining_percent": percent(weak_strong["combining_share"])
            if weak_strong["combining_share"] is not None
            else "",
            "combining_names": _joined([names.get(i, str(i)) for i in weak_strong["combining_actor_ids"]]),
        },
        "trust_columns": [word(column) for column in (*POSITIONS, *STRENGTHS)],
        "trust_rows": [
            (word(basis), [row[column] for column in (*POSITIONS, *STRENGTHS)])
            for basis, row in concepts["trust_by_position"]["rows"].items()
        ],
        "trust_contacts": concepts["trust_by_position"]["contacts"],
        "gatekeepers": named(location["regional_gatekeepers"]),
        "gatekeepers_more": _listed(location["regional_gatekeepers"])[1],
        "representatives": named(location["regional_representatives"]),
        "representatives_more": _listed(location["regional_representatives"])[1],
        "itinerants": named(location["external_itinerants"]),
        "itinerants_more": _listed(location["external_itinerants"])[1],
        "hierarchy_levels": [(word(level), row) for level, row in concepts["hierarchy_levels"].items()],
        "spin_offs": {
            **spin_offs,
            "rows": [
                (names.get(pair["spin_off"], ""), names.get(pair["parent"], ""), len(pair["tie_ids"]), pair["modes"])
                for pair in _listed(spin_offs["pairs"])[0]
            ],
            "rows_more": _listed(spin_offs["pairs"])[1],
        },
        "humus": [
            {
                **step,
                "from_wave": wave_labels.get(step["from_wave_id"], str(step["from_wave_id"])),
                "to_wave": wave_labels.get(step["to_wave_id"], str(step["to_wave_id"])),
                "pair_names": _joined(
                    [" – ".join(names.get(a, str(a)) for a in pair["actors"]) for pair in step["pairs"]], "; "
                ),
            }
            for step in concepts["low_threshold_to_cooperation"]
        ],
    }
