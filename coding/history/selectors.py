"""Reads of the history of the records researchers edit (django-simple-history underneath).

Every save of an actor, interview (transcript included), coding or interaction is a historical
record with who, when and the full state. ``versions`` lists them newest first with the fields
that changed against the version before.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Exists, OuterRef, Q, Value
from django.utils.translation import gettext, gettext_lazy, gettext_noop

from cases.choices import ActorKind, ConsentStatus
from cases.models import Actor, Interview, Region, Study
from coding.memos.models import Memo
from coding.models import Code, Coding, Interaction

if TYPE_CHECKING:
    Tracked = Actor | Interview | Coding | Interaction | Memo  # the models with a history page

# Fields not worth showing in a diff: they change on every save or are internal.
HIDDEN_FIELDS = {"created_at", "updated_at"}


@dataclass(frozen=True)
class Change:
    field: str
    label: str
    old: Any
    new: Any


@dataclass(frozen=True)
class Version:
    history_id: int
    date: Any
    user: str
    kind: str  # "created", "changed" or "deleted"
    reason: str
    changes: list[Change]


# Machine words; pages show them with ``{% translate version.kind %}`` (marked here for the catalogue).
KINDS = {"+": gettext_noop("created"), "~": gettext_noop("changed"), "-": gettext_noop("deleted")}
# The record kinds of the URLs and ``DELETABLE`` as pages name them.
KIND_NOUNS = {
    "interaction": gettext_lazy("tie"),
    "coding": gettext_lazy("coding"),
    "actor": gettext_lazy("actor"),
    "memo": gettext_lazy("memo"),
    "interview": gettext_lazy("interview"),
    "code": gettext_lazy("code"),
    "region": gettext_lazy("region"),
    "wave": gettext_lazy("wave"),
    "study": gettext_lazy("study"),
}


def kind_noun(kind: str) -> str:
    """``kind`` (a URL's record kind) as the reader's language names it."""
    return str(KIND_NOUNS.get(kind, kind))


def versions(instance: Tracked, *, limit: int = 200) -> list[Version]:
    """The object's versions, newest first, each with its changes against the one before."""
    records = list(
        instance.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1]
    )
    result = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes: list[Change] = []
        if previous is not None:
            delta = record.diff_against(previous)
            for change in delta.changes:
                if change.field in HIDDEN_FIELDS:
                    continue
                label = _label(instance, change.field)
                changes.append(Change(change.field, label, _shown(change.old), _shown(change.new)))
        user = record.history_user.get_username() if record.history_user else "—"
        result.append(
            Version(
                record.history_id,
                record.history_date,
                user,
                KINDS[record.history_type],
                record.history_change_reason or "",
                changes,
            )
        )
    return result


def _label(instance: models.Model, field_name: str) -> str:
    try:
        # History diffs name concrete fields only, never reverse relations.
        return str(cast("models.Field", instance._meta.get_field(field_name)).verbose_name)
    except FieldDoesNotExist:  # history-only fields
        return field_name


def _shown(value: Any) -> Any:
    # Long texts (transcripts) are shortened in the table; the full text is in the version.
    if isinstance(value, str) and len(value) > 300:
        return value[:300] + "…"
    if isinstance(value, list):  # many-to-many: list of dicts of the through rows
        return ", ".join(str(next(iter(row.values()))) for row in value[:50] if isinstance(row, dict)) or "—"
    return value


# Deleted records, the undo of a deletion -------------------------------------------------------
# Interviews are not offered: deleting one is a decision on the case record, taken on its own page.


@dataclass(frozen=True)
class DeletedRecord:
    kind: str  # a key of ``DELETABLE``
    record_id: int
    history_id: int
    deleted_at: Any
    deleted_by: str
    label: str


DELETED_COLUMNS = ("record_kind", "id", "history_id", "history_date", "history_user_id")


# URL kind -> model of the records a lead can bring back after a deletion.
DELETABLE: dict[str, type[Actor] | type[Coding] | type[Interaction] | type[Memo]] = {
    "interaction": Interaction,
    "coding": Coding,
    "actor": Actor,
    "memo": Memo,
}


def withdrawn_actor_ids(study: Study) -> set[int]:
    """Persons of the study who withdrew consent, those whose actor row was deleted since included.

    A deleted row loses its link from ``ConsentWithdrawal`` (SET NULL); its versions still carry
    the pseudonym it was given at the withdrawal, in its region, which identifies it.
    """
    withdrawals = list(study.consent_withdrawals.values_list("actor_id", "region_id", "pseudonym"))
    ids = {actor_id for actor_id, _, _ in withdrawals if actor_id is not None}
    by_pseudonym = Q(pk__in=[])
    for _, region_id, pseudonym in withdrawals:
        by_pseudonym |= Q(region_id=region_id, name=pseudonym, kind=ActorKind.PERSON)
    if withdrawals:
        ids |= set(Actor.history.model.objects.filter(by_pseudonym).values_list("id", flat=True))
    return ids


def _in_study(kind: str, study: Study) -> Q:
    if kind == "memo":
        return Q(study_id=study.pk)
    regions = Region.objects.filter(study=study).values("pk")
    if kind == "coding":  # the interview may be gone too: its versions still name the region
        return Q(interview_id__in=Interview.history.model.objects.filter(region_id__in=regions).values("id"))
    return Q(region_id__in=regions)


def _of_withdrawn(kind: str, study: Study, withdrawn: set[int]) -> Q:
    """Records that would bring back a withdrawn person's data: never offered."""
    if kind == "actor":
        return Q(id__in=withdrawn)
    if kind == "interaction":
        return Q(source_id__in=withdrawn) | Q(target_id__in=withdrawn)
    if kind == "memo":
        return Q(actor_id__in=withdrawn)
    withdrawn_interviews = Interview.objects.filter(region__study=study, consent_status=ConsentStatus.WITHDRAWN)
    return Q(interview_id__in=withdrawn_interviews.values("pk"))


def _deleted_versions(kind: str, study: Study, withdrawn: set[int]) -> models.QuerySet[Any]:
    """The deletion versions of the kind's rows that are still deleted: no later version, no live row."""
    model = DELETABLE[kind]
    history = model.history.model
    later = history.objects.filter(id=OuterRef("id"), history_id__gt=OuterRef("history_id"))
    live = model.objects.filter(pk=OuterRef("id"))
    return (
        history.objects.filter(_in_study(kind, study), history_type="-")
        .exclude(_of_withdrawn(kind, study, withdrawn))
        .filter(~Exists(later), ~Exists(live))
    )


def deleted_records(study: Study) -> models.QuerySet[Any]:
    """The study's deleted ties, codings, actors and memos, newest first, as rows of ``DELETED_COLUMNS``.

    One UNION query (paginated by the caller); ``describe_deleted`` turns a page into labels.
    """
    withdrawn = withdrawn_actor_ids(study)
    parts = [
        _deleted_versions(kind, study, withdrawn)
        .annotate(record_kind=Value(kind, output_field=models.CharField()))
        .values(*DELETED_COLUMNS)
        for kind in DELETABLE
    ]
    return parts[0].union(*parts[1:], all=True).order_by("-history_date", "-history_id")


def deleted_version(study: Study, kind: str, record_id: int) -> Any:
    """The deletion version of one still-deleted record of the study, or None (withdrawn persons' too)."""
    if kind not in DELETABLE:
        return None
    return _deleted_versions(kind, study, withdrawn_actor_ids(study)).filter(id=record_id).first()


def evidence_before_deletion(deletion: Any) -> set[int]:
    """Ids of the codings that were a tie's evidence when it was deleted.

    Django deletes the link rows before the tie, so the deletion version usually has none: the
    version before it holds the last evidence.
    """
    last_two = Interaction.history.model.objects.filter(id=deletion.id, history_id__lte=deletion.history_id)
    ids: set[int] = set()
    for version in last_two.order_by("-history_id")[:2]:
        ids |= set(version.evidence.values_list("coding_id", flat=True))
    return ids


def transcript_at(interview_id: int, moment: Any) -> str | None:
    """The interview's transcript as it was at ``moment`` (None without a version by then)."""
    earlier = Interview.history.model.objects.filter(id=interview_id, history_date__lte=moment)
    version = earlier.order_by("-history_date", "-history_id").only("transcript").first()
    return None if version is None else str(version.transcript)


def describe_deleted(rows: Iterable[dict[str, Any]]) -> list[DeletedRecord]:
    """Labels for a page of ``deleted_records``: eight queries however long the page."""
    rows = list(rows)
    users = get_user_model().objects.in_bulk({row["history_user_id"] for row in rows} - {None})
    by_kind = {
        kind: model.history.model.objects.in_bulk([row["history_id"] for row in rows if row["record_kind"] == kind])
        for kind, model in DELETABLE.items()
    }
    ties, codings = by_kind["interaction"].values(), by_kind["coding"].values()
    actors = Actor.objects.in_bulk({end for tie in ties for end in (tie.source_id, tie.target_id)})
    codes = Code.objects.in_bulk({coding.code_id for coding in codings})
    interviews = Interview.objects.in_bulk({coding.interview_id for coding in codings})

    def label(kind: str, version: Any) -> str:
        if kind == "actor":
            return f"{version.name} ({version.get_kind_display()})"
        if kind == "memo":
            return f"“{version.title}”: {version.text[:80]}"
        if kind == "interaction":
            ends = (actors.get(version.source_id), actors.get(version.target_id))
            return " – ".join(str(end) if end else gettext("(a deleted actor)") for end in ends)
        code, interview = codes.get(version.code_id), interviews.get(version.interview_id)
        return gettext("%(code)s in %(interview)s: “%(quote)s”") % {
            "code": code or gettext("(a deleted code)"),
            "interview": interview or gettext("(a deleted interview)"),
            "quote": version.quote[:80],
        }

    result = []
    for row in rows:
        kind = row["record_kind"]
        user = users.get(row["history_user_id"])
        deleted_by = user.get_username() if user else "—"
        description = label(kind, by_kind[kind][row["history_id"]])
        result.append(DeletedRecord(kind, row["id"], row["history_id"], row["history_date"], deleted_by, description))
    return result
