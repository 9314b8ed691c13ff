"""The rows of a study's JSON dump, behind ``services.study_import``.

``coding.exchange.dump.reader`` checks the whole file first; then the rows are built, checked with
``full_clean`` (the forms' rules) and bulk-created stage by stage in one transaction. Every problem
is collected with its path; if there is any, the transaction is rolled back and nothing remains.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from simple_history.utils import bulk_create_with_history

from cases.choices import Role
from cases.models import Actor, ConsentWithdrawal, Interview, Membership, Region, Study, Wave
from coding.analysis.thresholds import RETIRED_SETTINGS
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
from coding.exchange.dump.memos import create_memos
from coding.exchange.dump.reader import code_paths, codes_parents_first
from coding.exchange.dump.schema import CONSENT_WITHDRAWAL_COUNTS
from coding.exchange.dump.variables import create_variables
from coding.exchange.records import Problem
from coding.models import Code, Coding, CodingScheme, Interaction, Outcome

if TYPE_CHECKING:
    from django.contrib.auth.models import User


# Model fields named differently in the dump, for the paths of full_clean's messages.
DUMP_FIELD = {f"mode_{mode}": "modes" for mode in MODES} | {"__all__": ""}
REASON = "Imported from a study dump"


def existing_users(usernames: set[str]) -> set[str]:
    """Which of ``usernames`` have an account here (one query)."""
    return set(get_user_model().objects.filter(username__in=usernames).values_list("username", flat=True))


class _Stop(Exception):
    """A stage could not be written; later stages would build on missing rows."""


class Importer:
    """Builds the rows of a checked dump stage by stage, parents before children.

    Each row is checked with ``full_clean`` as the forms do, without the per-row queries that
    cannot fail here: foreign keys point to rows just created, and uniqueness inside the new
    study was checked on the dump. The database constraints stay the last word (``insert``).
    """

    def __init__(self, document: dict[str, Any], user: User, usernames: set[str]) -> None:
        self.document = document
        self.user = user
        self.problems: list[Problem] = []
        self.regions: dict[int, Region] = {}
        self.waves: dict[str, Wave] = {}
        self.actors: dict[str, Actor] = {}
        self.codings: dict[str, Coding] = {}
        self.codes: dict[str, Code] = {}
        self.users = {u.get_username(): u for u in get_user_model().objects.filter(username__in=usernames)}

    def coder(self, username: str | None) -> User | None:
        """The account behind a dump's coder; one not named here (a pseudonymised dump's ``coder_<id>``,
        see dump.check) is credited to the importing user, as the .qdpx import does."""
        if username is None:
            return None
        return self.users.get(username, self.user)

    def run(self, progress: Callable[[int, int], None] | None = None) -> Study | None:
        """The new study, or None when a problem stops the stages; ``progress(done, total)`` as each
        stage starts (the file's reading and check count as the first)."""
        stages: list[Callable[[], None]] = [self.create_regions, self.create_waves, self.create_actors]
        stages += [self.create_interviews, self.create_codings, self.create_interactions, self.create_outcomes]
        stages += [self.create_consent_withdrawals, self.create_memos, self.create_variables]
        try:
            study = self.study()
            for number, stage in enumerate(stages, start=1):
                if progress is not None:
                    progress(number, len(stages) + 1)
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

    def insert(
        self, model: type[models.Model], rows: Sequence[tuple[str, models.Model]], one_by_one: bool = False
    ) -> None:
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
                    model._default_manager.bulk_create(objs, batch_size=CHUNK_ROWS)
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
                self.problems.append(Problem(str(model._meta.verbose_name_plural), f"refused by the database: {error}"))
            raise _Stop from error

    def study(self) -> Study:
        record = self.document["study"]
        # A dump written before issue 19 may override settings of the earlier rules: they no longer
        # mean anything (migration cases/0008 dropped them from stored studies), so they are dropped
        # here too instead of refusing a backup that was valid when it was made.
        settings = {key: value for key, value in record["analysis_settings"].items() if key not in RETIRED_SETTINGS}
        study = Study(**{name: record[name] for name in STUDY_FIELDS}, analysis_settings=settings)
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
        for code_record in codes_parents_first(record["codes"]):
            path = f"scheme.codes[{record['codes'].index(code_record)}]"
            parent = self.codes.get(code_record["parent"]) if code_record["parent"] else None
            values = {name: code_record[name] for name in (*CODE_FIELDS, *CODE_EXTRA_FIELDS)}
            code = Code(scheme=scheme, parent=parent, **values)
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
            # One coding per passage, code and coder (a database constraint): coders that are one
            # account here (a pseudonymised dump's) leave one coding, with both memos and both keys.
            seen: dict[tuple[object, ...], Coding] = {}
            for number, coding_record in enumerate(record["codings"]):
                path = f"{interview_path}.codings[{number}]"
                coder = self.coder(coding_record["coder"])
                twin_key = (coding_record["code"], coder, coding_record["start"], coding_record["end"])
                if (twin := seen.get(twin_key)) is not None:
                    if coding_record["memo"] and coding_record["memo"] not in twin.memo:
                        twin.memo = f"{twin.memo}\n\n{coding_record['memo']}".strip()
                    self.codings[coding_record["key"]] = twin
                    continue
                coding = Coding(
                    interview=interview,
                    code=self.codes[coding_record["code"]],
                    coder=coder,
                    **{name: coding_record[name] for name in ("start", "end", "quote", "memo")},
                )
                if self.checked(coding, path, exclude=["interview", "code", "coder"]):
                    rows.append((path, coding))
                    self.codings[coding_record["key"]] = seen[twin_key] = coding
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
                coder=self.coder(record["coder"]),
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
        # Two keys of merged twin codings may name one coding: link it once.
        through.objects.bulk_create(links, batch_size=CHUNK_ROWS, ignore_conflicts=True)

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
            ],
            ignore_conflicts=True,  # merged twin codings: one link
        )

    def create_memos(self) -> None:
        create_memos(self)

    def create_variables(self) -> None:
        create_variables(self)

    def create_consent_withdrawals(self) -> None:
        """The records stay as they were; the withdrawal itself happened in the exporting installation.

        ``recorded_by`` is an account named in the dump (none in a pseudonymised one: left empty,
        as the interviewers are, rather than credited to the importing user).
        """
        rows, records = [], []
        for path, region, record in self.each("consent_withdrawals"):
            actor = self.actors.get(record["actor"])  # None when the dump has none
            withdrawal = ConsentWithdrawal(
                study=self.study_row,
                region=region,
                actor=actor if actor is not None and actor.pk else None,  # unsaved: failed its checks
                pseudonym=record["pseudonym"],
                recorded_by=self.users.get(record["recorded_by"]),
                **{count: record[count] for count in CONSENT_WITHDRAWAL_COUNTS},
            )
            if self.checked(withdrawal, path, exclude=["study", "region", "actor", "recorded_by"]):
                rows.append((path, withdrawal))
                records.append((withdrawal, record))
        self.insert(ConsentWithdrawal, rows)
        # withdrawn_at is auto_now_add, so creating it stamps the import time: set the original after.
        for withdrawal, record in records:
            withdrawal.withdrawn_at = record["withdrawn_at"]
        ConsentWithdrawal.objects.bulk_update([withdrawal for withdrawal, _ in records], ["withdrawn_at"])


def _code_tree(codes: list[dict]) -> dict[Any, tuple]:
    """key -> (path, definition, example, colour, concept, order): two schemes are the same if these are."""
    paths = code_paths((code["key"], code["parent"], code["name"]) for code in codes)
    return {code["key"]: (paths[code["key"]], *(code[f] for f in CODE_FIELDS[1:])) for code in codes}
