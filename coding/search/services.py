"""Writes of transcript search: coding every hit of a search at once, and undoing that.

Each auto-coding run codes its passages in one transaction, as new codings in the history
(django-simple-history) whose reason names the run: ``Auto-coded <run>: “query”``. Undoing reads
the run back from the history and deletes exactly the codings it created that still exist; the
deletions are history too, so each can be brought back from the study's deleted codings.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext as _

from cases.access import role_allows
from cases.choices import Role
from cases.models import Study
from coding.models import Coding, Interaction
from coding.search import plans, runs

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from coding.models import Code
    from coding.search.query import SearchQuery
    from coding.search.selectors import Filters

MAX_PASSAGES = 5000


class PlanChanged(ValidationError):
    """The hits differ from the preview the user confirmed."""


@dataclass(frozen=True)
class AutocodeRun:
    token: str
    created: list[Coding]
    skipped: int

    @property
    def created_ids(self) -> list[int]:
        return [coding.pk for coding in self.created]


def _grouped(number: int) -> str:
    return formats.number_format(number, force_grouping=True)


def reason_of(token: str, query: str) -> str:
    """The history's change reason of a run's codings (the field holds 100 characters)."""
    shown = query if len(query) <= 50 else f"{query[:49]}…"
    return f"{runs.REASON_PREFIX}{token}: “{shown}”"


@transaction.atomic
def autocode_hits(
    *,
    study: Study,
    coder: User,
    query: SearchQuery,
    filters: Filters,
    code: Code,
    unit: str,
    plan_token: str,
) -> AutocodeRun:
    """Code every new passage of the plan with ``code``; ``PlanChanged`` if it is not the one previewed."""
    if code.scheme_id != study.coding_scheme_id:
        raise ValidationError(_("The code is not in the study's coding scheme."))
    # One run at a time per study: a second confirmation of the same preview, sent while the first
    # is coding, waits here and then finds its plan changed instead of coding the passages twice.
    Study.objects.select_for_update().filter(pk=study.pk).exists()
    current = plans.plan(study=study, query=query, filters=filters, code=code, unit=unit, coder=coder)
    if current.token != plan_token:
        raise PlanChanged(
            _("The hits changed since the preview (a transcript or a coding was edited): check the preview again.")
        )
    if len(current.new) > MAX_PASSAGES:
        raise ValidationError(
            _("This would code %(count)s passages; at most %(limit)s at once. Narrow the search.")
            % {"count": _grouped(len(current.new)), "limit": _grouped(MAX_PASSAGES)}
        )
    token = secrets.token_hex(6)
    created = []
    for passage in current.new:
        coding = Coding(
            interview=passage.interview,
            code=code,
            coder=coder,
            start=passage.start,
            end=passage.end,
            quote=passage.quote,
        )
        coding.full_clean()
        coding._change_reason = reason_of(token, query.text)  # type: ignore[attr-defined]
        coding._history_user = coder  # type: ignore[attr-defined]
        coding.save()
        created.append(coding)
    return AutocodeRun(token, created, len(current.duplicates))


@transaction.atomic
def autocode_undo(*, study: Study, user: User, token: str, role: str) -> int:
    """Delete the codings the run ``token`` created that still exist; their number.

    Its coder or a lead may undo. Refused whole (nothing deleted) if one of them is now evidence of
    a tie, as deleting a single coding is.
    """
    run = runs.run_of(study, token)
    if run is None:
        raise ValidationError(_("There is no auto-coding run with this number in the study."))
    if run.coder_id != user.pk and not role_allows(role, Role.LEAD):
        raise PermissionDenied(_("Only the coder who ran this auto-coding or a lead may undo it."))
    codings = list(Coding.objects.filter(pk__in=run.existing_ids).select_for_update())
    evidence = Interaction.evidence.through.objects.filter(coding__in=codings).values("coding").distinct().count()
    if evidence:
        raise ValidationError(
            _("%(count)s of these codings are evidence of interactions now: remove them from the interactions first.")
            % {"count": evidence}
        )
    for coding in codings:
        coding._change_reason = f"Undid auto-coding {token}"  # type: ignore[attr-defined]
        coding._history_user = user  # type: ignore[attr-defined]
        coding.delete()
    return len(codings)
