"""Privacy pages of a person: withdrawing consent, and pseudonymising them in the transcripts.

Each shows what will change and changes it only on confirmation.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cases.access import get_for_user
from cases.choices import Role
from cases.models import Actor
from coding.privacy import selectors, services

if TYPE_CHECKING:
    from cases.access import AuthenticatedHttpRequest


def _confirmed_action(
    request: HttpRequest,
    pk: int,
    *,
    plan: Callable[[Actor], Any],
    act: Callable[[Actor], str],
    template: str,
) -> HttpResponse:
    """Lead only: show ``plan(person)``; on POST run ``act(person)`` and show the message it returns."""
    person = get_for_user(Actor.objects.select_related("region__study"), request.user, min_role=Role.LEAD, pk=pk)
    try:
        context = {"person": person, "plan": plan(person), "region": person.region, "study": person.region.study}
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("cases:actor-detail", pk=pk)
    if request.method == "POST":
        messages.success(request, act(person))
        return redirect("cases:actor-detail", pk=pk)
    return render(request, template, context)


@login_required
def withdraw_consent(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    def act(person: Actor) -> str:
        record = services.withdraw_consent(person, by=request.user)
        return _(
            "Consent withdrawn for %(pseudonym)s: %(transcripts)s transcript(s) and %(codings)s coding(s) removed, "
            "%(ties)s tie(s) deleted, %(kept)s kept anonymously."
        ) % {
            "pseudonym": record.pseudonym,
            "transcripts": record.interviews_cleared,
            "codings": record.codings_removed,
            "ties": record.ties_removed,
            "kept": record.ties_kept,
        }

    return _confirmed_action(
        request, pk, plan=selectors.plan_withdrawal, act=act, template="cases/withdraw_consent.html"
    )


@login_required
def pseudonymise(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    def act(person: Actor) -> str:
        done = services.pseudonymise_person(person, by=request.user)
        return _(
            "%(name)s is now %(pseudonym)s in %(transcripts)s transcript(s) "
            "(%(mentions)s mention(s) replaced; codings moved with the text)."
        ) % {
            "name": person.name,
            "pseudonym": done.pseudonym,
            "transcripts": len(done.mentions),
            "mentions": done.occurrences,
        }

    return _confirmed_action(
        request, pk, plan=selectors.plan_pseudonymisation, act=act, template="cases/pseudonymise.html"
    )
