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


def _more(items: list[Any]) -> int:
    """How many of ``items`` come after the first ``LISTED``."""
    return max(0, len(items) - LISTED)


def _joined(names: list[str], separator: str = ", ") -> str:
    """The first ``LISTED`` names joined, and how many more there are."""
    text = separator.join(names[:LISTED])
    if more := _more(names):
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
        "gatekeepers_more": _more(location["regional_gatekeepers"]),
        "representatives": named(location["regional_representatives"]),
        "representatives_more": _more(location["regional_representatives"]),
        "itinerants": named(location["external_itinerants"]),
        "itinerants_more": _more(location["external_itinerants"]),
        "hierarchy_levels": [(word(level), row) for level, row in concepts["hierarchy_levels"].items()],
        "spin_offs": {
            **spin_offs,
            "rows": [
                (names.get(pair["spin_off"], ""), names.get(pair["parent"], ""), len(pair["tie_ids"]), pair["modes"])
                for pair in spin_offs["pairs"][:LISTED]
            ],
            "rows_more": _more(spin_offs["pairs"]),
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
