"""The schema of a study's JSON dump: its records and their fields (no Django here).

A dump holds everything needed to recreate a study: settings, coding scheme, per region its
waves, actors, interviews (with transcripts and codings), interactions, outcomes and the records of
consent withdrawals (when, by whom, how much was removed; no personal data), and the study's memos
(version 2; a version 1 dump has none and imports as before), and the study's variables (version 3:
their definitions at the top, each region, wave, actor and interview with ``variables``, its values
by machine name, typed as JSON: numbers, true/false, ISO dates, texts; older dumps have none). Records refer
to each other by dump-local keys ("a3", "k17"), never by database ids, so a dump can be loaded
into another installation. ``writer`` writes it, ``reader`` checks it; the services of
``coding.exchange.dump`` turn rows into these plain dicts and back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

FORMAT = "cluster-case-studies/study-dump"
VERSION = 3  # 2: the study's memos; 3: the study's variables and their values

REQUIRED = object()


@dataclass(frozen=True)
class F:
    """One field of a record: its type, its default when missing (``REQUIRED``: must be given),
    the vocabulary its values come from (``choices``) or the kind of record it refers to (``ref``)."""

    type: str  # str, int, float, bool, date, datetime, object, choice, choices, ref, refs, user, list
    default: Any = ""
    choices: str = ""
    ref: str = ""
    nullable: bool = False
    blank: bool = True  # for choices: "" allowed


def _req(type_: str, **kwargs: Any) -> F:
    return F(type_, REQUIRED, **kwargs)


STUDY = {
    "title": _req("str"),
    "research_question": F("str"),
    "description": F("str"),
    "allow_self_ties": F("bool", False),
    "keep_ties_after_withdrawal": F("bool", False),
    "analysis_settings": F("object", {}),
}
SCHEME = {"name": _req("str"), "version": _req("int"), "description": F("str"), "codes": _req("list")}
CODE = {
    "key": _req("str"),
    "parent": F("ref", None, ref="code", nullable=True),
    "name": _req("str"),
    "definition": F("str"),
    "example": F("str"),
    "colour": F("str", "#4c78a8"),
    "concept": F("str"),
    "order": F("int", 0),
    "suggests_mode": F("choice", choices="coordination_mode"),
}
REGION = {
    "key": _req("str"),
    "name": _req("str"),
    "country": _req("str"),
    "technology_field": _req("choice", choices="technology_field", blank=False),
    "lifecycle_phase": F("choice", choices="lifecycle_phase"),
    "description": F("str"),
    "centroid_latitude": F("float", None, nullable=True),
    "centroid_longitude": F("float", None, nullable=True),
    "variables": F("object", {}),
    "waves": F("list", []),
    "actors": F("list", []),
    "interviews": F("list", []),
    "interactions": F("list", []),
    "outcomes": F("list", []),
    "consent_withdrawals": F("list", []),
}
WAVE = {
    "key": _req("str"),
    "label": _req("str"),
    "start": _req("date"),
    "end": F("date", None, nullable=True),
    "variables": F("object", {}),
}
ACTOR = {
    "key": _req("str"),
    "kind": _req("choice", choices="actor_kind", blank=False),
    "name": _req("str"),
    "pseudonym": F("str"),
    "location": F("choice", "inside", choices="location", blank=False),
    "description": F("str"),
    "org_type": F("choice", choices="org_type"),
    "size_band": F("choice", choices="size_band"),
    "founded": F("int", None, nullable=True),
    "spun_off_from": F("ref", None, ref="actor", nullable=True),
    "affiliation": F("ref", None, ref="actor", nullable=True),
    "occupational_group": F("str"),
    "hierarchy_level": F("choice", choices="hierarchy_level"),
    "variables": F("object", {}),
}
INTERVIEW = {
    "key": _req("str"),
    "wave": F("ref", None, ref="wave", nullable=True),
    "title": _req("str"),
    "interviewees": F("refs", [], ref="actor"),
    "interviewer": F("user", None, nullable=True),
    "date": F("date", None, nullable=True),
    "mode": F("choice", "face_to_face", choices="interview_mode", blank=False),
    "language": F("str", "en"),
    "consent_status": F("choice", "pending", choices="consent_status", blank=False),
    "consent_withdrawn_at": F("datetime", None, nullable=True),
    "pseudonymised": F("bool", False),
    "transcript": F("str"),
    "source_filename": F("str"),
    "memo": F("str"),
    "variables": F("object", {}),
    "codings": F("list", []),
}
CODING = {
    "key": _req("str"),
    "code": _req("ref", ref="code"),
    "coder": _req("user"),
    "start": _req("int"),
    "end": _req("int"),
    "quote": _req("str"),
    "memo": F("str"),
}
RATINGS = ("rating_time", "rating_emotional_intensity", "rating_intimacy", "rating_reciprocal_services")
INTERACTION = {
    "key": _req("str"),
    "wave": F("ref", None, ref="wave", nullable=True),
    "source": _req("ref", ref="actor"),
    "target": _req("ref", ref="actor"),
    "directed": F("bool", False),
    "modes": _req("choices", choices="coordination_mode"),
    "content": F("str"),
    **{rating: F("int", None, nullable=True) for rating in RATINGS},
    "channel": F("choice", choices="channel"),
    "setting": F("choice", choices="setting"),
    "formality": F("choice", choices="formality"),
    "trust_basis": F("choice", choices="trust_basis"),
    "duration": F("choice", choices="duration"),
    "includes_private_sphere": F("bool", False),
    "evidence": F("refs", [], ref="coding"),
    "coder": F("user", None, nullable=True),
    "confidence": F("choice", "medium", choices="confidence", blank=False),
    "memo": F("str"),
}
OUTCOME = {
    "key": _req("str"),
    "name": _req("str"),
    "kind": _req("choice", choices="outcome_kind", blank=False),
    "description": F("str"),
    "year": F("int", None, nullable=True),
    "actors": F("refs", [], ref="actor"),
    "evidence": F("refs", [], ref="coding"),
}
CONSENT_WITHDRAWAL_COUNTS = (
    "interviews_cleared",
    "codings_removed",
    "ties_kept",
    "ties_removed",
    "history_rows_purged",
)
CONSENT_WITHDRAWAL = {
    "pseudonym": _req("str"),
    "withdrawn_at": _req("datetime"),
    # The anonymised actor row stays for the kept ties; null once it was deleted.
    "actor": F("ref", None, ref="actor", nullable=True),
    "recorded_by": F("user", None, nullable=True),
    **{count: F("int", 0) for count in CONSENT_WITHDRAWAL_COUNTS},
}
MEMO = {
    "title": _req("str"),
    "text": _req("str"),
    "author": F("user", None, nullable=True),
    # At most one target (reader.check); none is a memo on the study itself.
    "code": F("ref", None, ref="code", nullable=True),
    "actor": F("ref", None, ref="actor", nullable=True),
    "interview": F("ref", None, ref="interview", nullable=True),
    "region": F("ref", None, ref="region", nullable=True),
    "wave": F("ref", None, ref="wave", nullable=True),
}
# A variable of the study (``coding.variables``): values are given on the records it describes.
VARIABLE = {
    "target": _req("choice", choices="variable_target", blank=False),
    "name": _req("str"),
    "label": F("str"),
    "type": _req("choice", choices="variable_type", blank=False),
    "categories": F("list", []),
    "description": F("str"),
    "unit": F("str"),
}
MEMO_TARGETS = ("code", "actor", "interview", "region", "wave")
TOP = {
    "format": _req("str"),
    "version": _req("int"),
    "exported_at": F("str"),
    "pseudonymised": F("bool", False),
    "study": _req("object"),
    "scheme": F("object", None, nullable=True),
    "variables": F("list", []),
    "regions": F("list", []),
    "memos": F("list", []),
}
# Records that belong to one region: a reference to one of them from another region is refused
# (from a record of the study as a whole, a memo, any region's may be named).
REGION_SCOPED = {"wave", "actor", "coding"}
