"""Privacy pages of a person: withdrawing consent, and pseudonymising them in the transcripts.

Each shows what will change and changes it only on confirmation.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from . import consent, pseudonymisation
from .access import get_for_user
from .choices import Role
from .models import Actor


@login_required
def withdraw_consent(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_for_user(Actor.objects.select_related("region__study"), request.user, min_role=Role.LEAD, pk=pk)
    try:
        plan = consent.plan_withdrawal(person)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("cases:actor-detail", pk=pk)
    if request.method == "POST":
        record = consent.withdraw_consent(person, by=request.user)
        messages.success(
            request,
            f"Consent withdrawn for {record.pseudonym}: {record.interviews_cleared} transcript(s) and "
            f"{record.codings_removed} coding(s) removed, {record.ties_removed} tie(s) deleted, "
            f"{record.ties_kept} kept anonymously.",
        )
        return redirect("cases:actor-detail", pk=pk)
    context = {"person": person, "plan": plan, "region": person.region, "study": person.region.study}
    return render(request, "cases/withdraw_consent.html", context)


@login_required
def pseudonymise(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_for_user(Actor.objects.select_related("region__study"), request.user, min_role=Role.LEAD, pk=pk)
    try:
        plan = pseudonymisation.plan_pseudonymisation(person)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("cases:actor-detail", pk=pk)
    if request.method == "POST":
        done = pseudonymisation.pseudonymise_person(person, by=request.user)
        messages.success(
            request,
            f"{person.name} is now {done.pseudonym} in {len(done.mentions)} transcript(s) "
            f"({done.occurrences} mention(s) replaced; codings moved with the text).",
        )
        return redirect("cases:actor-detail", pk=pk)
    context = {"person": person, "plan": plan, "region": person.region, "study": person.region.study}
    return render(request, "cases/pseudonymise.html", context)
