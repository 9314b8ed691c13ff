"""The analysis page's "Concepts of the article" section: the ``concepts`` of a result as rows.

Kept out of ``views`` (which formats the rest of the result) so each stays short; the figures
themselves come from ``coding.analysis.concepts`` and ``coding.analysis.humus``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from coding.analysis.concepts import POSITIONS, STRENGTHS
from coding.analysis.explanation import percent


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
        return [(names.get(item["id"], str(item["id"])), item["count"]) for item in items]

    weak_strong = concepts["weak_and_strong"]
    location = concepts["location_brokerage"]
    spin_offs = concepts["spin_offs"]
    return {
        "weak_and_strong": {
            **weak_strong,
            "combining_percent": percent(weak_strong["combining_share"])
            if weak_strong["combining_share"] is not None
            else "",
            "combining_names": [names.get(i, str(i)) for i in weak_strong["combining_actor_ids"]],
        },
        "trust_columns": [word(column) for column in (*POSITIONS, *STRENGTHS)],
        "trust_rows": [
            (word(basis), [row[column] for column in (*POSITIONS, *STRENGTHS)])
            for basis, row in concepts["trust_by_position"]["rows"].items()
        ],
        "trust_contacts": concepts["trust_by_position"]["contacts"],
        "gatekeepers": named(location["regional_gatekeepers"]),
        "representatives": named(location["regional_representatives"]),
        "itinerants": named(location["external_itinerants"]),
        "hierarchy_levels": [(word(level), row) for level, row in concepts["hierarchy_levels"].items()],
        "spin_offs": {
            **spin_offs,
            "rows": [
                (names.get(pair["spin_off"], ""), names.get(pair["parent"], ""), len(pair["tie_ids"]), pair["modes"])
                for pair in spin_offs["pairs"]
            ],
        },
        "humus": [
            {
                **step,
                "from_wave": wave_labels.get(step["from_wave_id"], str(step["from_wave_id"])),
                "to_wave": wave_labels.get(step["to_wave_id"], str(step["to_wave_id"])),
                "pair_names": [" – ".join(names.get(a, str(a)) for a in pair["actors"]) for pair in step["pairs"]],
            }
            for step in concepts["low_threshold_to_cooperation"]
        ],
    }
