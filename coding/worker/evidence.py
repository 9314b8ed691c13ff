"""Classification evidence kept small: a count and a bounded sample in the result, the full lists apart.

A classification record names every tie it rests on (``tie_ids``): "coordination regime" names
every mode-coded tie, 50,000 ids in a 5,000-actor region (issue 17), and a Grabher mix names each
typed tie's type (``figures["tie_types"]``). Stored as they are, every reader of the result (the
status of a page, the comparison, the API) carries those lists, and the analysis page looked up
and drew every named tie.

So when the worker stores a snapshot (``snapshot_fields``), each record keeps ``tie_count`` and a
sample of at most ``SAMPLE_SIZE`` tie ids — the first ones by id: the ids are the order ties were
coded in, so the sample is stable across recomputations while those ties exist, and a record has
no per-tie weight to rank by — and its ``tie_types`` only for the sampled ties. The full lists go
to the snapshot's ``evidence`` column, ``{"ties": {key: [ids]}, "tie_types": {key: {id: type}}}``,
read only when a reader asks for one record's evidence (``record_evidence``). The key is the one
the stability checks use (``coding.analysis.stability.classification_records``): the record's name
at the level as coded, ``levels.organisation.classifications:<name>`` at the organisation level.

Actors and the figures that list one entry per pair, person or tie (``LONG_FIGURES``: the
co-opetition pairs, the boundary spanners, the club-like core's rivalry ties) are kept the same
way: ``actor_count`` and the first ``ACTOR_SAMPLE_SIZE`` actor ids; a long figure's first
``SAMPLE_SIZE`` entries with its length in ``figure_counts``; the whole lists under
``evidence["actors"]`` and ``evidence["figures"]``.

A result whose organisation level is the level as coded (no person to fold) stores that level as
a mark, ``SAME_AS_CODED``, instead of a second copy of its actors, ties and records (half of a
5,000-actor snapshot's 25 MB); ``levels.organisation_result`` reads it back.

Results stored before this have the full ``tie_ids`` and no ``tie_count``: ``tie_count`` reads
them as ``len(tie_ids)`` and ``sample`` takes their first ``SAMPLE_SIZE``, so they still display.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import islice
from typing import Any, NamedTuple

from django.db.models import BooleanField, ExpressionWrapper, Q
from django.db.models.fields.json import KeyTransform
from django.utils.translation import gettext

from cases.models import Region
from coding.analysis.levels import LEVEL_KEYS, ORGANISATION_LEVEL, SAME_AS_CODED
from coding.analysis.stability import classification_records
from coding.models import Interaction
from coding.worker.models import AnalysisSnapshot
from coding.worker.page_html import tie_item, url_for

# Ties a stored record keeps (and the analysis page shows) of its evidence; entries of a long figure.
SAMPLE_SIZE = 20
# Actors a stored record keeps and the page names (a club-like core of a few dozen stays whole).
ACTOR_SAMPLE_SIZE = 50
# Figures with an entry per pair, person or tie, cut like the tie lists.
LONG_FIGURES = ("coopetition_pairs", "spanners", "core_rivalry_tie_ids")
# Ties per page of the full evidence.
PAGE_SIZE = 100
# A record key as ``classification_records`` makes them: path segments, then the record's name.
RECORD_KEY = re.compile(r"[a-z0-9_]+(\.[a-z0-9_]+)*(:[a-z0-9_]+)?")
RECORD_KEY_MAX = 200
# How ``classification_records`` keys the organisation level's records, before their names.
ORGANISATION_KEY = f"levels.{ORGANISATION_LEVEL}.classifications:"


def record_key(record: Mapping[str, Any], prefix: str = "") -> str:
    """The record's key in ``evidence`` (``prefix``: ``ORGANISATION_KEY`` at the organisation level)."""
    return f"{prefix}{record.get('name', '')}"


def tie_count(record: Mapping[str, Any]) -> int:
    """How many ties the record names (an older result without the count: its full list's length)."""
    count = record.get("tie_count")
    return count if isinstance(count, int) else len(record.get("tie_ids") or ())


def actor_count(record: Mapping[str, Any]) -> int:
    """How many actors the record names (an older result: its full list's length)."""
    count = record.get("actor_count")
    return count if isinstance(count, int) else len(record.get("actor_ids") or ())


def sample(record: Mapping[str, Any]) -> list[int]:
    """The tie ids the page shows: the stored sample, or the first of an older result's full list."""
    return list(record.get("tie_ids") or ())[:SAMPLE_SIZE]


def is_record_key(key: str) -> bool:
    return len(key) <= RECORD_KEY_MAX and RECORD_KEY.fullmatch(key) is not None


# --- at store time ---------------------------------------------------------------------------------


def snapshot_fields(result: dict[str, Any]) -> dict[str, Any]:
    """The ``result`` and ``evidence`` columns of a snapshot for a freshly derived result.

    The derived result is not changed: the dicts on the way to each record are copied.
    """
    records = classification_records(result)
    evidence: dict[str, Any] = {
        "ties": {key: sorted(record.get("tie_ids") or ()) for key, record in records.items()},
        "tie_types": {
            key: dict(record["figures"]["tie_types"])
            for key, record in records.items()
            if isinstance((record.get("figures") or {}).get("tie_types"), dict)
        },
        "actors": {key: sorted(record.get("actor_ids") or ()) for key, record in records.items()},
        "figures": {
            key: {name: (record.get("figures") or {})[name] for name in _long(record)}
            for key, record in records.items()
            if _long(record)
        },
    }
    return {"result": _without_copy(result, _split(result)), "evidence": evidence}


def _without_copy(derived: Mapping[str, Any], split: dict[str, Any]) -> dict[str, Any]:
    """``split`` with its organisation level stored as ``SAME_AS_CODED`` where the derivation made
    that level the level as coded (no person to fold: ``derive._levels`` hands on the same objects)."""
    organisation = (derived.get("levels") or {}).get(ORGANISATION_LEVEL)
    if not isinstance(organisation, dict) or not all(
        key in organisation and organisation[key] is derived.get(key) for key in LEVEL_KEYS
    ):
        return split
    kept = {key: value for key, value in split["levels"][ORGANISATION_LEVEL].items() if key not in LEVEL_KEYS}
    return {**split, "levels": {**split["levels"], ORGANISATION_LEVEL: {**kept, SAME_AS_CODED: True}}}


def _long(record: Mapping[str, Any]) -> list[str]:
    """The record's ``LONG_FIGURES`` with more than ``SAMPLE_SIZE`` entries."""
    figures = record.get("figures") or {}
    return [
        name
        for name in LONG_FIGURES
        if isinstance(figures.get(name), (list, dict)) and len(figures[name]) > SAMPLE_SIZE
    ]


def _split(node: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of ``node`` whose classification records carry a count and a sample (the paths
    ``classification_records`` follows: lists under "classifications" inside nested dicts)."""
    copied: dict[str, Any] = {}
    for key, value in node.items():
        if key == "classifications" and isinstance(value, list):
            copied[key] = [_split_record(record) if isinstance(record, dict) else record for record in value]
        elif isinstance(value, Mapping):
            copied[key] = _split(value)
        else:
            copied[key] = value
    return copied


def _split_record(record: dict[str, Any]) -> dict[str, Any]:
    if "tie_count" in record:  # split already (a result read back and stored again)
        return record
    tie_ids = sorted(record.get("tie_ids") or ())
    kept = tie_ids[:SAMPLE_SIZE]
    actor_ids = sorted(record.get("actor_ids") or ())
    split = {
        **record,
        "tie_count": len(tie_ids),
        "tie_ids": kept,
        "actor_count": len(actor_ids),
        "actor_ids": actor_ids[:ACTOR_SAMPLE_SIZE],
    }
    figures = dict(record.get("figures") or {})
    if isinstance(figures.get("tie_types"), dict):
        types = figures["tie_types"]
        figures["tie_types"] = {str(i): types[str(i)] for i in kept if str(i) in types}
    long = _long(record)
    for name in long:
        value = figures[name]
        figures[name] = value[:SAMPLE_SIZE] if isinstance(value, list) else dict(islice(value.items(), SAMPLE_SIZE))
    if long:
        split["figure_counts"] = {name: len(record["figures"][name]) for name in long}
    if "figures" in record:
        split["figures"] = figures
    return split


# --- reading one record's evidence -----------------------------------------------------------------


class RecordEvidence(NamedTuple):
    """Everything one record names: its tie ids with their types (Grabher mixes), its actor ids and
    its long figures (``LONG_FIGURES``) in full."""

    tie_ids: list[int]
    types: dict[str, str]
    actor_ids: list[int]
    figures: dict[str, Any]


def record_evidence(snapshot_id: int, key: str) -> RecordEvidence | None:
    """The full lists of one record of a snapshot, or None if the snapshot has no such record. One
    query: only that record's lists leave the database."""
    ties, types, actors, figures, stored = (
        AnalysisSnapshot.objects.filter(pk=snapshot_id)
        .annotate(
            record_ties=KeyTransform(key, KeyTransform("ties", "evidence")),
            record_types=KeyTransform(key, KeyTransform("tie_types", "evidence")),
            record_actors=KeyTransform(key, KeyTransform("actors", "evidence")),
            record_figures=KeyTransform(key, KeyTransform("figures", "evidence")),
            stored=ExpressionWrapper(Q(evidence__isnull=False), output_field=BooleanField()),
        )
        .values_list("record_ties", "record_types", "record_actors", "record_figures", "stored")
        .get()
    )
    if not stored:  # a snapshot stored before the split: its records still hold the full lists
        return _from_result(snapshot_id, key)
    if not isinstance(ties, list):
        return None
    return RecordEvidence(
        ties,
        types if isinstance(types, dict) else {},
        actors if isinstance(actors, list) else [],
        figures if isinstance(figures, dict) else {},
    )


@dataclass(frozen=True)
class EvidencePage:
    """One page of a record's evidence: its tie ids, those still recorded looked up (``tie_index``)."""

    tie_ids: list[int]
    ties: dict[int, dict[str, Any]]
    types: dict[str, str]
    total: int
    page: int
    pages: int
    first: int  # the page's offset in the record's list
    actor_ids: list[int]  # all of them
    figures: dict[str, Any]  # the record's long figures in full


class NoSuchPage(ValueError):
    """A page past the end of the evidence; its text says how many there are."""


def evidence_page(region: Region, snapshot_id: int, key: str, page: int) -> EvidencePage | None:
    """Page ``page`` (from 1) of the evidence of record ``key``, or None if the snapshot has no such
    record; the evidence pages and the API both read it here. Raises ``NoSuchPage`` past the end."""
    found = record_evidence(snapshot_id, key)
    if found is None:
        return None
    tie_ids, types = found.tie_ids, found.types
    pages = max(1, -(-len(tie_ids) // PAGE_SIZE))
    if page > pages:
        raise NoSuchPage(
            gettext("There is no page %(page)s: the evidence has %(pages)s.") % {"page": page, "pages": pages}
        )
    first = (page - 1) * PAGE_SIZE
    shown = tie_ids[first : first + PAGE_SIZE]
    return EvidencePage(
        shown, tie_index(region, set(shown)), types, len(tie_ids), page, pages, first, found.actor_ids, found.figures
    )


def _from_result(snapshot_id: int, key: str) -> RecordEvidence | None:
    result = AnalysisSnapshot.objects.filter(pk=snapshot_id).values_list("result", flat=True).get()
    record = classification_records(result).get(key) if isinstance(result, dict) else None
    if record is None:
        return None
    figures = record.get("figures") or {}
    types = figures.get("tie_types")
    return RecordEvidence(
        sorted(record.get("tie_ids") or ()),
        types if isinstance(types, dict) else {},
        sorted(record.get("actor_ids") or ()),
        {name: figures[name] for name in LONG_FIGURES if name in figures},
    )


def tie_index(region: Region, tie_ids: set[int]) -> dict[int, dict[str, Any]]:
    """Label, link and evidence interviews of the named ties: two queries whatever their number."""
    if not tie_ids:
        return {}
    # No ordering: the model's default (by region) would join the regions table for nothing.
    rows = (
        Interaction.objects.filter(region=region, pk__in=tie_ids)
        .order_by()
        .values_list("pk", "source__name", "target__name")
    )
    tie_url, interview_url = url_for("coding:interaction-detail"), url_for("interviews:detail")
    index: dict[int, dict[str, Any]] = {
        pk: {"id": pk, "label": f"{source} – {target}", "url": tie_url(pk), "interviews": []}
        for pk, source, target in rows
    }
    evidence = (
        Interaction.evidence.through.objects.filter(interaction_id__in=index)
        .values_list("interaction_id", "coding__interview_id", "coding__interview__title")
        .distinct()
        .order_by("interaction_id", "coding__interview_id")
    )
    for interaction_id, interview_id, title in evidence:
        index[interaction_id]["interviews"].append(
            {"id": interview_id, "title": title, "url": interview_url(interview_id)}
        )
    for tie in index.values():
        tie["html"] = tie_item(tie)
    return index
