"""The JSON dump of a study against the ORM (issue 6): streamed export and all-or-nothing import.

Export: one query per table for the whole study (rows ordered by region, then parent), handed
out parent by parent while the JSON is written (``_Groups``), so the number of queries does not
grow with the rows and memory holds only pk → key maps (actors of the study, waves and codings of
one region at a time).

Import: ``coding.exchange.dump`` checks the whole file first; then the rows are built, checked with
``full_clean`` (the forms' rules) and bulk-created stage by stage in one transaction. Every problem
is collected with its path; if there is any, the transaction is rolled back and nothing remains.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from cases import choices as case_choices
from cases.choices import ActorKind, Role
from cases.models import Actor, Interview, Membership, Region, Study, Wave
from coding import choices as coding_choices
from coding.exchange import dump
from coding.exchange.pseudonyms import OffsetMap, Person, Pseudonymiser
from coding.exchange.records import ImportErrors, Problem
from coding.models import Code, Coding, CodingScheme, Interaction, Outcome
from coding.tasks import mark_stale

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

CHUNK_ROWS = 2000
# Interviews carry whole transcripts (up to the upload limit each): fetch few at a time.
CHUNK_INTERVIEWS = 20
MODES = coding_choices.CoordinationMode.values
VOCABULARY: dict[str, list[str]] = {
    "technology_field": case_choices.TechnologyField.values,
    "lifecycle_phase": case_choices.LifecyclePhase.values,
    "actor_kind": case_choices.ActorKind.values,
    "location": case_choices.Location.values,
    "org_type": case_choices.OrgType.values,
    "size_band": case_choices.SizeBand.values,
    "hierarchy_level": case_choices.HierarchyLevel.values,
    "interview_mode": case_choices.InterviewMode.values,
    "consent_status": case_choices.ConsentStatus.values,
    "coordination_mode": MODES,
    "channel": coding_choices.Channel.values,
    "setting": coding_choices.Setting.values,
    "formality": coding_choices.Formality.values,
    "trust_basis": coding_choices.TrustBasis.values,
    "duration": coding_choices.Duration.values,
    "confidence": coding_choices.Confidence.values,
    "outcome_kind": coding_choices.OutcomeKind.values,
}
STUDY_FIELDS = ("title", "research_question", "description", "allow_self_ties", "keep_ties_after_withdrawal")
REGION_FIELDS = ("name", "country", "technology_field", "lifecycle_phase", "description")
REGION_FIELDS += ("centroid_latitude", "centroid_longitude")
ACTOR_FIELDS = ("kind", "name", "pseudonym", "location", "description", "org_type", "size_band", "founded")
ACTOR_FIELDS += ("occupational_group", "hierarchy_level")
INTERVIEW_FIELDS = ("title", "mode", "language", "consent_status", "pseudonymised", "transcript")
INTERVIEW_FIELDS += ("source_filename", "memo")
INTERACTION_FIELDS = ("directed", "content", *dump.RATINGS, "channel", "setting", "formality", "trust_basis")
INTERACTION_FIELDS += ("duration", "includes_private_sphere", "confidence", "memo")
CODE_FIELDS = ("name", "definition", "example", "colour", "concept", "order")


# --- Export -------------------------------------------------------------------------------------


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
            f"{foreign.count()} coding(s) use codes of another scheme than the study's {study.coding_scheme}; "
            "re-code them (or switch the study back to their scheme) before exporting."
        )
    return dump.chunked(dump.iter_json(_Exporter(study, pseudonymised).document()))


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


class _Groups:
    """Rows of one study-wide query, ordered like their parents, handed out parent by parent.

    ``of(position)`` must be called with increasing positions ((region id, parent id) tuples);
    rows of a position never asked for (a parent deleted meanwhile) are skipped.
    """

    def __init__(self, rows: Iterable[dict], position: Callable[[dict], tuple]) -> None:
        self._rows = iter(rows)
        self._position = position
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
        through.objects.filter(**{f"{parent}__region__study": study})
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

    def key(self, kind: str) -> str:
        return f"{kind}{next(self.counters[kind])}"

    def text(self, value: str) -> str:
        return self.pseudonymiser.text(value) if self.pseudonymiser else value

    def document(self) -> dict[str, Any]:
        study = self.study
        actors = Actor.objects.filter(region__study=study).order_by("region_id", "pk")
        # Actors may refer to later actors (spin-offs, affiliations): number them all first.
        self.actor_keys = {pk: f"a{n}" for n, pk in enumerate(actors.values_list("pk", flat=True), start=1)}
        if self.pseudonymised:
            people = actors.filter(kind=ActorKind.PERSON).values_list("pk", "name", "pseudonym")
            self.pseudonymiser = Pseudonymiser([Person(*row) for row in people], settings.SECRET_KEY)
        self.codes, scheme = self.scheme()
        exported_at = timezone.now().isoformat(timespec="seconds")
        return {
            **dump.header(exported_at=exported_at, pseudonymised=self.pseudonymised),
            "study": {
                **{name: getattr(study, name) for name in STUDY_FIELDS},
                "research_question": self.text(study.research_question),
                "description": self.text(study.description),
                "analysis_settings": study.analysis_settings or {},
            },
            "scheme": scheme,
            "regions": dump.Stream(self.regions()),
        }

    def scheme(self) -> tuple[dict[int, str], dict[str, Any] | None]:
        """Codes depth first by (order, name): parents before children, independent of ids."""
        scheme = self.study.coding_scheme
        if scheme is None:
            return {}, None
        codes = list(Code.objects.filter(scheme=scheme).values("pk", "parent_id", *CODE_FIELDS))
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
            {"key": keys[code["pk"]], "parent": keys.get(code["parent_id"]), **{f: code[f] for f in CODE_FIELDS}}
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
        interview_fields = ("pk", "region_id", "wave_id", "interviewer__username", "date", "consent_withdrawn_at")
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
                "coder__username",
                "start",
                "end",
                "quote",
                "memo",
            ),
            lambda row: (row["interview__region_id"], row["interview_id"]),
        )
        tie_fields = ("pk", "region_id", "wave_id", "source_id", "target_id", "coder__username")
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
        for region in Region.objects.filter(study=study).order_by("pk").values("pk", *REGION_FIELDS).iterator():
            yield self.region(region)

    def region(self, region: dict) -> dict[str, Any]:
        position = (region["pk"],)
        # Waves and codings are only referred to from their own region: the pk -> key maps
        # hold one region at a time, so memory is bounded by the largest region, not the study.
        self.wave_keys, self.coding_keys = {}, {}
        return {
            "key": self.key("r"),
            **{name: region[name] for name in REGION_FIELDS},
            "description": self.text(region["description"]),
            "waves": dump.Stream(self.wave(row) for row in self.waves.of(position)),
            "actors": dump.Stream(self.actor(row) for row in self.actors.of(position)),
            "interviews": dump.Stream(self.interview(row) for row in self.interviews.of(position)),
            "interactions": dump.Stream(self.tie(row) for row in self.ties.of(position)),
            "outcomes": dump.Stream(self.outcome(row) for row in self.outcomes.of(position)),
        }

    def wave(self, row: dict) -> dict[str, Any]:
        key = self.wave_keys[row["pk"]] = self.key("w")
        return {"key": key, "label": row["label"], "start": _iso(row["start"]), "end": _iso(row["end"])}

    def actor(self, row: dict) -> dict[str, Any]:
        record = {"key": self.actor_keys[row["pk"]], **{name: row[name] for name in ACTOR_FIELDS}}
        if self.pseudonymiser:
            if row["kind"] == ActorKind.PERSON:
                record["name"] = self.pseudonymiser.name(row["name"])
            record["description"] = self.text(row["description"])
        record["spun_off_from"] = self.actor_keys.get(row["spun_off_from_id"])
        record["affiliation"] = self.actor_keys.get(row["affiliation_id"])
        return record

    def interview(self, row: dict) -> dict[str, Any]:
        position = (row["region_id"], row["pk"])
        transcript, offsets = row["transcript"], OffsetMap()
        if self.pseudonymiser:
            transcript, offsets = self.pseudonymiser.apply(transcript)
        interviewees = [self.actor_keys[link["child"]] for link in self.interviewees.of(position)]
        return {
            "key": self.key("i"),
            "wave": self.wave_keys.get(row["wave_id"]),
            "title": self.text(row["title"]),
            "interviewees": interviewees,
            "interviewer": row["interviewer__username"],
            "date": _iso(row["date"]),
            "mode": row["mode"],
            "language": row["language"],
            "consent_status": row["consent_status"],
            "consent_withdrawn_at": _iso(row["consent_withdrawn_at"]),
            "pseudonymised": row["pseudonymised"] or self.pseudonymised,
            "transcript": transcript,
            "source_filename": self.text(row["source_filename"]),
            "memo": self.text(row["memo"]),
            "codings": dump.Stream(self.coding(coding, transcript, offsets) for coding in self.codings.of(position)),
        }

    def coding(self, row: dict, transcript: str, offsets: OffsetMap) -> dict[str, Any]:
        key = self.coding_keys[row["pk"]] = self.key("k")
        start, end, quote = row["start"], row["end"], row["quote"]
        if self.pseudonymiser:
            # Names inside the passage changed length: move the offsets and re-cut the quote.
            start, end = offsets.start(start), offsets.end(end)
            quote = transcript[start:end]
        return {
            "key": key,
            "code": self.codes[row["code_id"]],
            "coder": row["coder__username"],
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
            "coder": row["coder__username"],
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


# --- Import -------------------------------------------------------------------------------------

# Model fields named differently in the dump, for the paths of full_clean's messages.
DUMP_FIELD = {f"mode_{mode}": "modes" for mode in MODES} | {"__all__": ""}
REASON = "Imported from a study dump"


def study_import(data: bytes, *, user: AbstractBaseUser, filename: str = "dump") -> Study:
    """A new study from a dump, led by ``user``; ImportErrors listing every problem, nothing written.

    The analysis of the new regions is queued after the commit (``mark_stale``).
    """
    document = dump.parse(data, max_bytes=settings.IMPORT_MAX_UPLOAD_BYTES, filename=filename)
    usernames = dump.check(document, VOCABULARY, _existing_users)
    with transaction.atomic():
        importer = _Importer(document, user, usernames)
        study = importer.run()
        if importer.problems:
            transaction.set_rollback(True)
            raise ImportErrors(importer.problems)
        mark_stale([region.pk for region in importer.regions.values()])
    return study


def _existing_users(usernames: set[str]) -> set[str]:
    User = get_user_model()
    return set(User.objects.filter(**{f"{User.USERNAME_FIELD}__in": usernames}).values_list("username", flat=True))


class _Stop(Exception):
    """A stage could not be written; later stages would build on missing rows."""


class _Importer:
    """Builds the rows of a checked dump stage by stage, parents before children.

    Each row is checked with ``full_clean`` as the forms do, without the per-row queries that
    cannot fail here: foreign keys point to rows just created, and uniqueness inside the new
    study was checked on the dump. The database constraints stay the last word (``_insert``).
    """

    def __init__(self, document: dict[str, Any], user: AbstractBaseUser, usernames: set[str]) -> None:
        self.document = document
        self.user = user
        self.problems: list[Problem] = []
        self.regions: dict[int, Region] = {}
        self.waves: dict[str, Wave] = {}
        self.actors: dict[str, Actor] = {}
        self.codings: dict[str, Coding] = {}
        self.codes: dict[str, Code] = {}
        self.users = {u.get_username(): u for u in get_user_model().objects.filter(username__in=usernames)}

    def run(self) -> Study | None:
        try:
            study = self.study()
            for stage in (
                self.create_regions,
                self.create_waves,
                self.create_actors,
                self.create_interviews,
                self.create_codings,
                self.create_interactions,
                self.create_outcomes,
            ):
                # A row that fails is not written and its children are skipped; the other rows go
                # on, so that one run reports as many problems as possible (then all is rolled back).
                stage()
        except _Stop:
            return None
        return study

    def checked(self, row: models.Model, path: str, exclude: Iterable[str] = ()) -> bool:
        try:
            row.full_clean(exclude=list(exclude), validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                where = ".".join(part for part in (path, DUMP_FIELD.get(name, name)) if part)
                self.problems += [Problem(where, message) for message in messages]
            return False
        return True

    def insert(self, model: type[models.Model], rows: list[tuple[str, models.Model]], one_by_one: bool = False) -> None:
        """Bulk-create ``rows`` (path, row); a refusal by the database is reported at the rows that cause it.

        ``one_by_one`` saves each row instead (signals fire; a row may refer to one saved before it).
        """
        objs = [row for _, row in rows]
        try:
            with transaction.atomic():
                if one_by_one:
                    for row in objs:
                        row.save()
                elif hasattr(model, "history"):
                    bulk_create_with_history(
                        objs, model, batch_size=CHUNK_ROWS, default_user=self.user, default_change_reason=REASON
                    )
                else:
                    model.objects.bulk_create(objs, batch_size=CHUNK_ROWS)
        except IntegrityError as error:
            # Only on this failure path: ask each row's constraints, to name the offending ones.
            found = len(self.problems)
            for path, row in rows:
                row.pk = None
                try:
                    row.validate_constraints()
                except ValidationError as row_error:
                    self.problems += [Problem(path, message) for message in row_error.messages]
            if len(self.problems) == found:
                self.problems.append(Problem(model._meta.verbose_name_plural, f"refused by the database: {error}"))
            raise _Stop from error

    def study(self) -> Study:
        record = self.document["study"]
        study = Study(**{name: record[name] for name in STUDY_FIELDS}, analysis_settings=record["analysis_settings"])
        study.coding_scheme = self.scheme()
        if not self.checked(study, "study", exclude=["coding_scheme"]) or self.problems:
            raise _Stop
        study.save()
        Membership.objects.create(study=study, user=self.user, role=Role.LEAD)
        self.study_row = study
        return study

    def scheme(self) -> CodingScheme | None:
        """The existing scheme of this name and version if its codes are the same, else a new one."""
        record = self.document["scheme"]
        if record is None:
            return None
        wanted = _code_tree(record["codes"])
        if len({entry[0] for entry in wanted.values()}) < len(wanted):
            self.problems.append(Problem("scheme.codes", "two codes have the same name under the same parent"))
            raise _Stop
        existing = CodingScheme.objects.filter(name=record["name"], version=record["version"]).first()
        if existing is not None:
            return self.reuse_scheme(existing, wanted)
        scheme = CodingScheme(name=record["name"], version=record["version"], description=record["description"])
        if not self.checked(scheme, "scheme"):
            raise _Stop
        self.insert(CodingScheme, [("scheme", scheme)], one_by_one=True)
        rows = []
        for code_record in dump.codes_parents_first(record["codes"]):
            path = f"scheme.codes[{record['codes'].index(code_record)}]"
            parent = self.codes.get(code_record["parent"]) if code_record["parent"] else None
            code = Code(scheme=scheme, parent=parent, **{name: code_record[name] for name in CODE_FIELDS})
            if self.checked(code, path, exclude=["scheme", "parent"]):
                rows.append((path, code))
                self.codes[code_record["key"]] = code
        if self.problems:
            raise _Stop
        self.insert(Code, rows, one_by_one=True)  # parents first, each child needs its parent's id
        return scheme

    def reuse_scheme(self, scheme: CodingScheme, wanted: dict[str, tuple]) -> CodingScheme:
        codes = list(Code.objects.filter(scheme=scheme))
        have = _code_tree(
            [{"key": code.pk, "parent": code.parent_id, **{f: getattr(code, f) for f in CODE_FIELDS}} for code in codes]
        )
        if sorted(have.values()) != sorted(wanted.values()):
            message = (
                f"a scheme {scheme.name!r} version {scheme.version} exists here with different codes; "
                "give the dump's scheme another name or version"
            )
            self.problems.append(Problem("scheme", message))
            raise _Stop
        by_path = {have[code.pk][0]: code for code in codes}
        self.codes = {key: by_path[entry[0]] for key, entry in wanted.items()}
        return scheme

    def each(self, part: str) -> Iterator[tuple[str, Region, dict]]:
        for index, record in enumerate(self.document["regions"]):
            region = self.regions.get(index)
            for number, row in enumerate(record[part]):
                if region is not None:
                    yield f"regions[{index}].{part}[{number}]", region, row

    def create_regions(self) -> None:
        rows = []
        for index, record in enumerate(self.document["regions"]):
            region = Region(study=self.study_row, **{name: record[name] for name in REGION_FIELDS})
            if self.checked(region, f"regions[{index}]", exclude=["study"]):
                rows.append((f"regions[{index}]", region))
                self.regions[index] = region
        self.insert(Region, rows, one_by_one=True)  # the post_save signal creates each analysis state

    def create_waves(self) -> None:
        rows = []
        for path, region, record in self.each("waves"):
            wave = Wave(region=region, label=record["label"], start=record["start"], end=record["end"])
            if self.checked(wave, path, exclude=["region"]):
                rows.append((path, wave))
                self.waves[record["key"]] = wave
        self.insert(Wave, rows)

    def create_actors(self) -> None:
        rows, valid, links = [], [], []
        for path, region, record in self.each("actors"):
            actor = Actor(region=region, **{name: record[name] for name in ACTOR_FIELDS})
            self.actors[record["key"]] = actor
            rows.append((path, actor, record))
        for path, actor, record in rows:
            ok = True
            for name in ("spun_off_from", "affiliation"):
                if record[name] == record["key"]:
                    self.problems.append(Problem(f"{path}.{name}", "an actor cannot refer to itself"))
                    ok = False
                elif record[name]:
                    setattr(actor, name, self.actors[record[name]])
                    links.append((actor, name, self.actors[record[name]]))
            if self.checked(actor, path, exclude=["region", "spun_off_from", "affiliation"]) and ok:
                valid.append((path, actor))
        # Saved without their references first: an actor may refer to one written after it.
        for actor, name, _ in links:
            setattr(actor, name, None)
        self.insert(Actor, valid)
        links = [(actor, name, other) for actor, name, other in links if actor.pk and other.pk]
        for actor, name, other in links:
            setattr(actor, name, other)
        Actor.objects.bulk_update({actor for actor, _, _ in links}, ["spun_off_from", "affiliation"])

    def create_interviews(self) -> None:
        rows, links = [], []
        self.interviews: list[tuple[str, Interview, dict]] = []
        for path, region, record in self.each("interviews"):
            interview = Interview(
                region=region,
                wave=self.waves.get(record["wave"]),
                interviewer=self.users.get(record["interviewer"]),
                date=record["date"],
                consent_withdrawn_at=record["consent_withdrawn_at"],
                **{name: record[name] for name in INTERVIEW_FIELDS},
            )
            if self.checked(interview, path, exclude=["region", "wave", "interviewer"]):
                rows.append((path, interview))
                self.interviews.append((path, interview, record))
        self.insert(Interview, rows)
        through = Interview.interviewees.through
        for _, interview, record in self.interviews:
            actors = [self.actors[key] for key in record["interviewees"]]
            links += [through(interview=interview, actor=actor) for actor in actors if actor.pk]
        through.objects.bulk_create(links, batch_size=CHUNK_ROWS)

    def create_codings(self) -> None:
        rows = []
        for interview_path, interview, record in self.interviews:
            for number, coding_record in enumerate(record["codings"]):
                path = f"{interview_path}.codings[{number}]"
                coding = Coding(
                    interview=interview,
                    code=self.codes[coding_record["code"]],
                    coder=self.users[coding_record["coder"]],
                    **{name: coding_record[name] for name in ("start", "end", "quote", "memo")},
                )
                if self.checked(coding, path, exclude=["interview", "code", "coder"]):
                    rows.append((path, coding))
                    self.codings[coding_record["key"]] = coding
        self.insert(Coding, rows)

    def create_interactions(self) -> None:
        rows, records = [], []
        for path, region, record in self.each("interactions"):
            if not (self.actors[record["source"]].pk and self.actors[record["target"]].pk):
                continue  # an actor that failed its checks (reported there)
            tie = Interaction(
                region=region,
                wave=self.waves.get(record["wave"]),
                source=self.actors[record["source"]],
                target=self.actors[record["target"]],
                coder=self.users.get(record["coder"]),
                **{f"mode_{mode}": mode in record["modes"] for mode in MODES},
                **{name: record[name] for name in INTERACTION_FIELDS},
            )
            if self.checked(tie, path, exclude=["region", "wave", "source", "target", "coder"]):
                rows.append((path, tie))
                records.append((tie, record))
        self.insert(Interaction, rows)
        through = Interaction.evidence.through
        links = [
            through(interaction=tie, coding=self.codings[key])
            for tie, record in records
            for key in record["evidence"]
            if key in self.codings
        ]
        through.objects.bulk_create(links, batch_size=CHUNK_ROWS)

    def create_outcomes(self) -> None:
        rows, records = [], []
        for path, region, record in self.each("outcomes"):
            outcome = Outcome(region=region, **{name: record[name] for name in ("name", "kind", "description", "year")})
            if self.checked(outcome, path, exclude=["region", "actors", "evidence"]):
                rows.append((path, outcome))
                records.append((outcome, record))
        self.insert(Outcome, rows)
        actors, evidence = Outcome.actors.through, Outcome.evidence.through
        actors.objects.bulk_create(
            [
                actors(outcome=outcome, actor=self.actors[key])
                for outcome, record in records
                for key in record["actors"]
                if self.actors[key].pk
            ]
        )
        evidence.objects.bulk_create(
            [
                evidence(outcome=outcome, coding=self.codings[key])
                for outcome, record in records
                for key in record["evidence"]
                if key in self.codings
            ]
        )


def _code_tree(codes: list[dict]) -> dict[Any, tuple]:
    """key -> (path, definition, example, colour, concept, order): two schemes are the same if these are."""
    paths = dump.code_paths((code["key"], code["parent"], code["name"]) for code in codes)
    return {code["key"]: (paths[code["key"]], *(code[f] for f in CODE_FIELDS[1:])) for code in codes}
