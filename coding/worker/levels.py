"""The two levels on the analysis page (docs/levels.md): the level as coded (the result's own
figures) beside the organisation level (``result["levels"]["organisation"]``).

Kept apart from ``views`` so the page's level-specific reading sits in one place: which record of
the organisation level belongs to which card, and the sentence saying what each level is.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from coding.analysis import glossary
from coding.analysis.levels import organisation_result
from coding.worker.page_words import PageWords


def organisation_level(result: dict[str, Any]) -> dict[str, Any]:
    """The organisation level of a stored result; empty for results stored before it existed."""
    return organisation_result(result) or {}


def levels_context(
    result: dict[str, Any],
    organisation: dict[str, Any],
    records: Callable[[list[dict[str, Any]]], list[dict[str, Any]]],
    actor_rows: Callable[[list[dict[str, Any]]], list[dict[str, Any]]],
    words: PageWords,
) -> dict[str, Any]:
    """What the page shows about the levels, and the organisation level's records and actors."""
    if not organisation:
        return {"levels": None}
    as_coded = (result.get("levels") or {}).get("as_coded") or {}
    folding = organisation.get("folding") or {}
    shown = records(organisation.get("classifications", []))
    as_coded_names = {record["name"] for record in result.get("classifications", [])}
    return {
        "levels": {
            "as_coded": words.term(glossary.LEVELS, "as_coded"),
            "organisation": words.term(glossary.LEVELS, "organisation"),
            "as_coded_vertices": as_coded.get("vertices", 0),
            "as_coded_organisations": as_coded.get("organisations", 0),
            "as_coded_persons": as_coded.get("persons", 0),
            "vertices": folding.get("vertices", 0),
            "folded_persons": len(folding.get("folded_person_ids", [])),
            "unaffiliated_persons": len(folding.get("unaffiliated_person_ids", [])),
            "internal_ties": len(folding.get("internal_tie_ids", [])),
        },
        "organisation_records": {record["name"]: record for record in shown},
        "organisation_only_records": [record for record in shown if record["name"] not in as_coded_names],
        "organisation_actor_rows": actor_rows(organisation.get("actors", [])),
    }


def with_organisation(rows: list[dict[str, Any]], organisation_records: dict[str, dict[str, Any]]) -> None:
    """Each as-coded record gets its organisation-level twin (same name) under "organisation"."""
    for row in rows:
        row["organisation"] = organisation_records.get(row["name"])
