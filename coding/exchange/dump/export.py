"""The streamed export of a study's JSON dump.

One query per table for the whole study (rows ordered by region, then parent), handed out parent
by parent while the JSON is written (``_Groups``), so the number of queries does not grow with the
rows and memory holds only pk → key maps (actors of the study, waves and codings of one region at
a time).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.choices import ActorKind
from cases.models import Actor, ConsentWithdrawal, Interview, Region, Study, Wave
from coding.exchange.dump import writer
from coding.exchange.dump.fields import (
    ACTOR_FIELDS,
    CHUNK_ROWS,
    CODE_EXTRA_FIELDS,
    CODE_FIELDS,
    INTERACTION_FIELDS,
    INTERVIEW_FIELDS,
    MODES,
    REGION_FIELDS,
    STUDY_FIELDS,
)
from coding.exchange.dump.memos import MemoKeys
from coding.exchange.dump.schema import CONSENT_WITHDRAWAL_COUNTS
from coding.exchange.dump.variables import DumpVariables
from coding.exchange.pseudonyms import OffsetMap, Pseudonymiser, researcher_pseudonym
from coding.models import Code, Coding, Interaction, Outcome
from coding.privacy.selectors import study_pseudonymiser

# Interviews carry whole transcripts (up to the upload limit each): fetch few at a time.
CHUNK_INTERVIEWS = 20


class DumpRefused(Exception):
    """The study cannot be written as a dump that would import again (said before any byte is sent)."""


def study_dump(study: Study, *, pseudonymised: bool = False) -> Iterator[str]:
    """The study as JSON text in chunks of about 64 KB, written while the rows are read.

    Raises DumpRefused at once when codings use codes outside the study's scheme (left by a
    switch of the scheme version): the dump names codes by the study's scheme only.
    """
    foreign = Coding.objects.filter(interview__region__study=study).exclude(code__scheme_id=study.coding_scheme_id)
    if foreign.exists():
        raise DumpRefused(
            _(
                "%(count)s coding(s) use codes of another scheme than the study's %(scheme)s; "
                "re-code them (or switch the study back to their scheme) before exporting."
            )
            % {"count": foreign.count(), "scheme": study.coding_scheme}
        )
    return writer.chunked(writer.iter_json(_Exporter(study, pseudonymised).document()))


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


class _Groups:
    """Rows of one study-wide query, ordered like their parents, handed out parent by parent.

    ``of(position)`` must be called with increasing positions ((region id, parent id) tuples);
    rows of a position never asked for (a parent deleted meanwhile) are skipped.
    """

    def __init__(self, rows: Iterable[dict], position: Callable[[dict], tuple]) -> None:
        self._rows, self._position = iter(rows), position
        self._head = next(self._rows, None)

    def of(self, position: tuple) -> Iterator[dict]:
        while self._head is not None and self._position(self._head) < position:
            self._head = next(self._rows, None)
        while self._head is not None and self._position(self._head) == position:
            row, self._head = self._head, next(self._rows, None)
            yield row


def _stream(queryset: models.QuerySet, *fields: str, chunk_size: int = CHUNK_ROWS) -> Iterator[dict]:
    return queryset.values(*fields).iterator(chunk_size=chunk_size)


def _links(through: type[models.Model], parent: str, child: str, study: Study) -> _Groups:
    """An m2m table of the study as groups per parent row: {"parent": id, "child": id, "region": id}."""
    rows = (
        through._default_manager.filter(**{f"{parent}__region__study": study})
        .order_by(f"{parent}__region_id", f"{parent}_id", f"{child}_id")
        .values_list(f"{parent}__region_id", f"{parent}_id", f"{child}_id")
        .iterator(chunk_size=CHUNK_ROWS * 5)
    )
    return _Groups(({"position": (r, p), "child": c} for r, p, c in rows), lambda row: row["position"])


class _Exporter:
    def __init__(self, study: Study, pseudonymised: bool) -> None:
        self.study = study
        self.pseudonymised = pseudonymised
        self.pseudonymiser: Pseudonymiser | None = None
        self.wave_keys: dict[int, str] = {}
        self.coding_keys: dict[int, str] = {}
        self.counters = {kind: itertools.count(1) for kind in ("r", "w", "i", "k", "t", "o")}
        self.memo_keys = MemoKeys(study)

    def key(self, kind: str) -> str:
        return f"{kind}{next(self.counters[kind])}"

    def text(self, value: str) -> str:
        return self.pseudonymiser.text(value) if self.pseudonymiser else value

    def researcher(self, user_id: int | None, username: str | None) -> str | None:
        """A coder's or interviewer's username, or in a pseudonymised dump ``coder_<id>`` as in the tables."""
        if user_id is None or not self.pseudonymised:
            return username
        return researcher_pseudonym(user_id)

    def document(self) -> dict[str, Any]:
        study = self.study
        actors = Actor.objects.filter(region__study=study).order_by("region_id", "pk")
        # Actors may refer to later actors (spin-offs, affiliations): number them all first.
        self.actor_keys = {pk: f"a{n}" for n, pk in enumerate(actors.values_list("pk", flat=True), start=1)}
        if self.pseudonymised:
            self.pseudonymiser = study_pseudonymiser(study.pk)
        self.codes, scheme = self.scheme()
        self.variables = DumpVariables(study, self.text)
        exported_at = timezone.now().isoformat(timespec="seconds")
        return {
            **writer.header(exported_at=exported_at, pseudonymised=self.pseudonymised),
            "study": {
                **{name: getattr(study, name) for name in STUDY_FIELDS},
                "research_question": self.text(study.research_question),
                "description": self.text(study.description),
                "analysis_settings": study.analysis_settings or {},
            },
            "scheme": scheme,
            "variables": self.variables.definitions,
            "regions": writer.Stream(self.regions()),
            "memos": writer.Stream(self.memo_keys.records(self.actor_keys, self.codes, self.text, self.researcher)),
        }

    def scheme(self) -> tuple[dict[int, str], dict[str, Any] | None]:
        """Codes depth first by (order, name): parents before children, independent of ids."""
        scheme = self.study.coding_scheme
        if scheme is None:
            return {}, None
        codes = list(Code.objects.filter(scheme=scheme).values("pk", "parent_id", *CODE_FIELDS, *CODE_EXTRA_FIELDS))
        children: dict[int | None, list[dict]] = {}
        for code in codes:
            children.setdefault(code["parent_id"], []).append(code)
        ordered: list[dict] = []

        def visit(parent: int | None) -> None:
            for code in sorted(children.get(parent, []), key=lambda row: (row["order"], row["name"], row["pk"])):
                ordered.append(code)
                visit(code["pk"])

        visit(None)
        keys = {code["pk"]: f"c{n}" for n, code in enumerate(ordered, start=1)}
        records = [
            {
                "key": keys[code["pk"]],
                "parent": keys.get(code["parent_id"]),
                **{f: code[f] for f in (*CODE_FIELDS, *CODE_EXTRA_FIELDS)},
            }
            for code in ordered
        ]
        body = {"name": scheme.name, "version": scheme.version, "description": scheme.description, "codes": records}
        return keys, body

    def regions(self) -> Iterator[dict[str, Any]]:
        study = self.study
        by_region = lambda row: (row["region_id"],)  # noqa: E731
        self.waves = _Groups(
            _stream(
                Wave.objects.filter(region__study=study).order_by("region_id", "pk"),
                "pk",
                "region_id",
                "label",
                "start",
                "end",
            ),
            by_region,
        )
        actor_fields = ("pk", "region_id", "spun_off_from_id", "affiliation_id", *ACTOR_FIELDS)
        self.actors = _Groups(
            _stream(Actor.objects.filter(region__study=study).order_by("region_id", "pk"), *actor_fields), by_region
        )
        interview_fields = (
            "pk",
            "region_id",
            "wave_id",
            "interviewer_id",
            "interviewer__username",
            "date",
            "consent_withdrawn_at",
        )
        self.interviews = _Groups(
            _stream(
                Interview.objects.filter(region__study=study).order_by("region_id", "pk"),
                *interview_fields,
                *INTERVIEW_FIELDS,
                chunk_size=CHUNK_INTERVIEWS,
            ),
            by_region,
        )
        self.interviewees = _links(Interview.interviewees.through, "interview", "actor", study)
        coding_rows = Coding.objects.filter(interview__region__study=study).order_by(
            "interview__region_id", "interview_id", "pk"
        )
        self.codings = _Groups(
            _stream(
                coding_rows,
                "pk",
                "interview_id",
                "interview__region_id",
                "code_id",
                "coder_id",
                "coder__username",
                "start",
                "end",
                "quote",
                "memo",
            ),
            lambda row: (row["interview__region_id"], row["interview_id"]),
        )
        tie_fields = ("pk", "region_id", "wave_id", "source_id", "target_id", "coder_id", "coder__username")
        self.ties = _Groups(
            _stream(
                Interaction.objects.filter(region__study=study).order_by("region_id", "pk"),
                *tie_fields,
                *(f"mode_{mode}" for mode in MODES),
                *INTERACTION_FIELDS,
            ),
            by_region,
        )
        self.evidence = _links(Interaction.evidence.through, "interaction", "coding", study)
        self.outcomes = _Groups(
            _stream(
                Outcome.objects.filter(region__study=study).order_by("region_id", "pk"),
                "pk",
                "region_id",
                "name",
                "kind",
                "description",
                "year",
            ),
            by_region,
        )
        self.outcome_actors = _links(Outcome.actors.through, "outcome", "actor", study)
        self.outcome_evidence = _links(Outcome.evidence.through, "outcome", "coding", study)
        self.withdrawals = _Groups(
            _stream(
                ConsentWithdrawal.objects.filter(region__study=study).order_by("region_id", "pk"),
                "region_id",
                "actor_id",
                "recorded_by_id",
                "recorded_by__username",
                "pseudonym",
                "withdrawn_at",
                *CONSENT_WITHDRAWAL_COUNTS,
            ),
            by_region,
        )
        for region in Region.objects.filter(study=study).order_by("pk").values("pk", *REGION_FIELDS).iterator():
            yield self.region(region)

    def region(self, region: dict) -> dict[str, Any]:
        position = (region["pk"],)
        # Waves and codings are only referred to from their own region: the pk -> key maps
        # hold one region at a time, so memory is bounded by the largest region, not the study.
        self.wave_keys, self.coding_keys = {}, {}
        key = self.key("r")
        self.memo_keys.note("region", region["pk"], key)
        return {
            "key": key,
            **{name: region[name] for name in REGION_FIELDS},
            "description": self.text(region["description"]),
            "variables": self.variables.of("region", region["pk"]),
            "waves": writer.Stream(self.wave(row) for row in self.waves.of(position)),
            "actors": writer.Stream(self.actor(row) for row in self.actors.of(position)),
            "interviews": writer.Stream(self.interview(row) for row in self.interviews.of(position)),
            "interactions": writer.Stream(self.tie(row) for row in self.ties.of(position)),
            "outcomes": writer.Stream(self.outcome(row) for row in self.outcomes.of(position)),
            "consent_withdrawals": writer.Stream(self.withdrawal(row) for row in self.withdrawals.of(position)),
        }

    def wave(self, row: dict) -> dict[str, Any]:
        key = self.wave_keys[row["pk"]] = self.key("w")
        self.memo_keys.note("wave", row["pk"], key)
        record = {"key": key, "label": row["label"], "start": _iso(row["start"]), "end": _iso(row["end"])}
        return {**record, "variables": self.variables.of("wave", row["pk"])}

    def actor(self, row: dict) -> dict[str, Any]:
        record = {"key": self.actor_keys[row["pk"]], **{name: row[name] for name in ACTOR_FIELDS}}
        if self.pseudonymiser:
            if row["kind"] == ActorKind.PERSON:
                record["name"] = self.pseudonymiser.name(row["name"])
            record["description"] = self.text(row["description"])
        record["spun_off_from"] = self.actor_keys.get(row["spun_off_from_id"])
        record["affiliation"] = self.actor_keys.get(row["affiliation_id"])
        record["variables"] = self.variables.of("actor", row["pk"])
        return record

    def interview(self, row: dict) -> dict[str, Any]:
        position = (row["region_id"], row["pk"])
        transcript, offsets = row["transcript"], OffsetMap()
        if self.pseudonymiser:
            transcript, offsets = self.pseudonymiser.apply(transcript)
        interviewees = [self.actor_keys[link["child"]] for link in self.interviewees.of(position)]
        key = self.key("i")
        self.memo_keys.note("interview", row["pk"], key)
        return {
            "key": key,
            "wave": self.wave_keys.get(row["wave_id"]),
            "title": self.text(row["title"]),
            "interviewees": interviewees,
            "interviewer": self.researcher(row["interviewer_id"], row["interviewer__username"]),
            "date": _iso(row["date"]),
            "mode": row["mode"],
            "language": row["language"],
            "consent_status": row["consent_status"],
            "consent_withdrawn_at": _iso(row["consent_withdrawn_at"]),
            "pseudonymised": row["pseudonymised"] or self.pseudonymised,
            "transcript": transcript,
            "source_filename": self.text(row["source_filename"]),
            "memo": self.text(row["memo"]),
            "variables": self.variables.of("interview", row["pk"]),
            "codings": writer.Stream(self.coding(coding, transcript, offsets) for coding in self.codings.of(position)),
        }

    def coding(self, row: dict, transcript: str, offsets: OffsetMap) -> dict[str, Any]:
        key = self.coding_keys[row["pk"]] = self.key("k")
        start, end, quote = row["start"], row["end"], row["quote"]
        if self.pseudonymiser:
            # Names inside the passage changed length: move the offsets and re-cut the quote.
            start, end = offsets.span(start, end)
            quote = transcript[start:end]
        return {
            "key": key,
            "code": self.codes[row["code_id"]],
            "coder": self.researcher(row["coder_id"], row["coder__username"]),
            "start": start,
            "end": end,
            "quote": quote,
            "memo": self.text(row["memo"]),
        }

    def tie(self, row: dict) -> dict[str, Any]:
        evidence = self.evidence.of((row["region_id"], row["pk"]))
        return {
            "key": self.key("t"),
            "wave": self.wave_keys.get(row["wave_id"]),
            "source": self.actor_keys[row["source_id"]],
            "target": self.actor_keys[row["target_id"]],
            "directed": row["directed"],
            "modes": [mode for mode in MODES if row[f"mode_{mode}"]],
            **{name: row[name] for name in INTERACTION_FIELDS if name not in ("directed", "memo")},
            "content": self.text(row["content"]),
            # Evidence from another region (the import refuses it) or added after its interview was
            # written (a concurrent edit) has no key here: left out.
            "evidence": [self.coding_keys[link["child"]] for link in evidence if link["child"] in self.coding_keys],
            "coder": self.researcher(row["coder_id"], row["coder__username"]),
            "memo": self.text(row["memo"]),
        }

    def outcome(self, row: dict) -> dict[str, Any]:
        position = (row["region_id"], row["pk"])
        return {
            "key": self.key("o"),
            "name": row["name"],
            "kind": row["kind"],
            "description": self.text(row["description"]),
            "year": row["year"],
            "actors": [self.actor_keys[link["child"]] for link in self.outcome_actors.of(position)],
            "evidence": [
                self.coding_keys[link["child"]]
                for link in self.outcome_evidence.of(position)
                if link["child"] in self.coding_keys
            ],
        }

    def withdrawal(self, row: dict) -> dict[str, Any]:
        """The record of a withdrawal: its pseudonym is no personal data, so it is written as it is."""
        return {
            "pseudonym": row["pseudonym"],
            "withdrawn_at": _iso(row["withdrawn_at"]),
            "actor": self.actor_keys.get(row["actor_id"]),
            "recorded_by": self.researcher(row["recorded_by_id"], row["recorded_by__username"]),
            **{count: row[count] for count in CONSENT_WITHDRAWAL_COUNTS},
        }
