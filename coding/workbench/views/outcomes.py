"""Pages of a region's outcomes (patents, start-ups, employment, ... over a period): create, edit,
delete, each back to the region page when done."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from cases.access import get_for_user
from cases.choices import Role
from cases.models import Region
from cases.views.common import form_page
from coding.models import Outcome
from coding.workbench import services
from coding.workbench.forms import OutcomeForm, loaded_version, model_values

OUTCOME_QS = Outcome.objects.select_related("region__study")


def _context(region: Region) -> dict:
    return {"study": region.study, "region": region}


@login_required
def outcome_create(request: HttpRequest, pk: int) -> HttpResponse:
    region = get_for_user(Region.objects.select_related("study"), request.user, min_role=Role.CODER, pk=pk)
    form = OutcomeForm(request.POST or None, region=region)
    if request.method == "POST" and form.is_valid():
        try:
            services.outcome_create(
                region=region, values=model_values(form, exclude=("actors",)), actors=form.cleaned_data["actors"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Outcome created."))
            return redirect("cases:region-detail", pk=region.pk)
    return form_page(request, form, _context(region), heading=_("New outcome"))


@login_required
def outcome_edit(request: HttpRequest, pk: int) -> HttpResponse:
    outcome = get_for_user(OUTCOME_QS, request.user, min_role=Role.CODER, pk=pk)
    form = OutcomeForm(request.POST or None, instance=outcome, region=outcome.region)
    if request.method == "POST" and form.is_valid():
        try:
            services.outcome_update(
                outcome=outcome,
                values=model_values(form, exclude=("actors",)),
                actors=form.cleaned_data["actors"],
                loaded_version=loaded_version(form),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Outcome saved."))
            return redirect("cases:region-detail", pk=outcome.region_id)
    return form_page(request, form, _context(outcome.region), heading=_("Edit %(name)s") % {"name": outcome.name})


@login_required
def outcome_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks for confirmation, POST deletes."""
    outcome = get_for_user(OUTCOME_QS, request.user, min_role=Role.CODER, pk=pk)
    back = reverse("cases:region-detail", args=[outcome.region_id])
    if request.method == "POST":
        label = str(outcome)
        services.outcome_delete(outcome=outcome)
        messages.success(request, _("“%(name)s” was deleted.") % {"name": label})
        return redirect(back)
    context = {**_context(outcome.region), "object": outcome, "back": back, "consequences": ""}
    return render(request, "cases/confirm_delete.html", context)
