"""Reads of memos: the study's one list of all memos, and the memos written on one record.

The list holds the free-standing memos *and* the memo fields of codings, interactions and
interviews (read-only rows that link to their record), so it is the one place to find a memo.
It is one UNION query, paginated by the caller; ``describe_memos`` labels a page in a fixed
number of queries however many rows it has.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import F, Q, Value
from django.urls import reverse
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from cases.models import Interview
from coding.memos.models import TARGET_FIELDS, Memo
from coding.models import Coding, Interaction

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from cases.models import Study

# Target types of the list's filter: a free memo's target field, or the record a memo field is part of.
TARGET_TYPES = {
    "none": _("the study (free memos)"),
    "code": _("a code"),
    "actor": _("an actor"),
    "interview": _("an interview"),
    "region": _("a region"),
    "wave": _("a wave"),
    "coding": _("a coded passage"),
    "interaction": _("an interaction"),
}
# The list's short name of a target type (English: the key itself) and of a record with a memo field.
TARGET_TYPE_NAMES = {
    "none": pgettext_lazy("memo target", "none"),
    "code": pgettext_lazy("memo target", "code"),
    "actor": pgettext_lazy("memo target", "actor"),
    "interview": pgettext_lazy("memo target", "interview"),
    "region": pgettext_lazy("memo target", "region"),
    "wave": pgettext_lazy("memo target", "wave"),
    "coding": pgettext_lazy("memo target", "coding"),
    "interaction": pgettext_lazy("memo target", "interaction"),
}
MEMO_FIELD_OF = {
    "coding": _("memo field of the coding"),
    "interaction": _("memo field of the interaction"),
    "interview": _("memo field of the interview"),
}
LIST_COLUMNS = ("m_kind", "m_id", "m_title", "m_text", "m_author", "m_at", "m_target")


@dataclass(frozen=True)
class MemoFilter:
    q: str = ""
    target: str = ""  # a key of TARGET_TYPES, or "" for all
    author: int | None = None
    since: date | None = None
    until: date | None = None


@dataclass(frozen=True)
class MemoRow:
    """One row of the memo list: a memo, or the memo field of a record (``kind`` says which)."""

    kind: str  # "memo", "coding", "interaction" or "interview"
    record_id: int
    title: str
    text: str
    author: str
    author_id: int | None
    changed_at: datetime
    target_type: str  # a key of TARGET_TYPES
    target_label: str
    target_url: str
    memo: Memo | None  # the memo itself for free-standing memos (None for memo fields)

    @property
    def target_type_name(self) -> str:
        return str(TARGET_TYPE_NAMES.get(self.target_type, self.target_type))

    @property
    def memo_field_label(self) -> str:
        return str(MEMO_FIELD_OF.get(self.kind, ""))


def memos_on(study: Study, **target: object) -> models.QuerySet[Memo]:
    """The study's memos on one target (``actor=...``), or its memos without a target (``none=True``)."""
    memos = Memo.objects.filter(study=study).select_related("author")
    if target.pop("none", False):
        return memos.filter(**{f"{field}__isnull": True for field in TARGET_FIELDS})
    return memos.filter(**target)


def _columns(kind: str, title: Any, text: str, author: Any, target: Any) -> dict[str, Any]:
    text_field = models.TextField()
    return {
        "m_kind": Value(kind, output_field=models.CharField()),
        "m_id": F("id"),
        "m_title": title if not isinstance(title, str) else Value(title, output_field=text_field),
        "m_text": F(text),
        "m_author": author if not isinstance(author, str) else F(author),
        "m_at": F("updated_at"),
        "m_target": target,
    }


def _memo_target() -> models.Case:
    whens = [models.When(**{f"{field}__isnull": False}, then=Value(field)) for field in TARGET_FIELDS]
    return models.Case(*whens, default=Value("none"), output_field=models.CharField())


def _text_search(q: str, *fields: str) -> Q:
    found = Q()
    for field in fields:
        found |= Q(**{f"{field}__icontains": q})
    return found


def all_memos(study: Study, selection: MemoFilter | None = None) -> models.QuerySet[Any]:
    """Every memo of the study, newest change first, as rows of ``LIST_COLUMNS`` (one UNION query)."""
    selection = selection or MemoFilter()
    no_author = Value(None, output_field=models.IntegerField())
    memos = Memo.objects.filter(study=study).annotate(m_target_type=_memo_target())
    codings = Coding.objects.filter(interview__region__study=study).exclude(memo="")
    ties = Interaction.objects.filter(region__study=study).exclude(memo="")
    interviews = Interview.objects.filter(region__study=study).exclude(memo="")
    parts: list[tuple[str, models.QuerySet[Any], dict[str, Any], tuple[str, ...]]] = [
        ("memo", memos, _columns("memo", F("title"), "text", "author_id", F("m_target_type")), ("title", "text")),
        ("coding", codings, _columns("coding", "", "memo", "coder_id", Value("coding")), ("memo", "quote")),
        ("interaction", ties, _columns("interaction", "", "memo", "coder_id", Value("interaction")), ("memo",)),
        ("interview", interviews, _columns("interview", F("title"), "memo", no_author, Value("interview")), ("memo",)),
    ]
    selected = []
    for kind, rows, columns, searched in parts:
        if selection.target:
            if kind == "memo":
                rows = rows.filter(m_target_type=selection.target)
            elif kind != selection.target:
                continue
        if selection.q:
            rows = rows.filter(_text_search(selection.q, *searched))
        if selection.author is not None:
            if kind == "interview":
                continue
            rows = rows.filter(**{"author_id" if kind == "memo" else "coder_id": selection.author})
        if selection.since:
            rows = rows.filter(updated_at__date__gte=selection.since)
        if selection.until:
            rows = rows.filter(updated_at__date__lte=selection.until)
        selected.append(rows.annotate(**columns).values(*LIST_COLUMNS).order_by())
    return selected[0].union(*selected[1:], all=True).order_by("-m_at", "-m_id")


def describe_memos(rows: Iterable[dict[str, Any]]) -> list[MemoRow]:
    """Labels and links for a page of ``all_memos``: five queries however long the page."""
    rows = list(rows)
    ids: dict[str, list[int]] = {"memo": [], "coding": [], "interaction": [], "interview": []}
    for row in rows:
        ids[row["m_kind"]].append(row["m_id"])
    memos = Memo.objects.select_related(*TARGET_FIELDS, "wave__region", "author").in_bulk(ids["memo"])
    codings = (
        Coding.objects.select_related("code", "interview", "coder")
        .defer("interview__transcript")
        .in_bulk(ids["coding"])
    )
    ties = Interaction.objects.select_related("source", "target", "region", "coder").in_bulk(ids["interaction"])
    interviews = Interview.objects.select_related("region", "interviewer").defer("transcript").in_bulk(ids["interview"])
    users = get_user_model().objects.in_bulk({row["m_author"] for row in rows if row["m_kind"] == "memo"} - {None})
    result = []
    for row in rows:
        kind, pk = row["m_kind"], row["m_id"]
        author: User | None = users.get(row["m_author"]) if kind == "memo" else None
        memo = memos.get(pk) if kind == "memo" else None
        if memo is not None:
            label, url = target_link(memo)
        elif kind == "coding":
            coding = codings[pk]
            author = coding.coder
            label = gettext("%(code)s in %(interview)s: “%(quote)s”") % {
                "code": coding.code.name,
                "interview": coding.interview.title,
                "quote": coding.quote[:80],
            }
            url = reverse("coding:interview-code", args=[coding.interview_id]) + f"#passage-{pk}"
        elif kind == "interaction":
            tie = ties[pk]
            author = tie.coder
            label, url = f"{tie} ({tie.region.name})", reverse("coding:interaction-detail", args=[pk])
        else:
            interview = interviews[pk]
            label = f"{interview.title} ({interview.region.name})"
            url = reverse("interviews:detail", args=[pk])
        result.append(
            MemoRow(
                kind,
                pk,
                row["m_title"] or "",
                row["m_text"],
                author.get_username() if author else "—",
                author.pk if author else None,
                row["m_at"],
                row["m_target"],
                label,
                url,
                memo,
            )
        )
    return result


def target_link(memo: Memo) -> tuple[str, str]:
    """The label and page of what the memo is written on (its study for a memo without a target)."""
    kind = memo.target_kind
    target = memo.target
    if kind == "" or target is None:
        return gettext("the study"), reverse("coding:memos", args=[memo.study_id]) + "?target=none"
    if kind == "actor":
        return str(target), reverse("cases:actor-detail", args=[target.pk])
    if kind == "interview":
        return str(target), reverse("interviews:detail", args=[target.pk])
    if kind == "region":
        return str(target), reverse("cases:region-detail", args=[target.pk])
    return str(target), reverse("memos:on", args=[memo.study_id, kind, target.pk])
