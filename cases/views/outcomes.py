from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from coding.models import Outcome

from ..access import get_for_user
from ..choices import Role
from ..forms import OutcomeForm
from ..models import Region
from .common import confirm_delete, form_page, save_form


@login_required
def outcome_create(request: HttpRequest, pk: int) -> HttpResponse:
    region = get_for_user(Region.objects.select_related("study"), request.user, min_role=Role.CODER, pk=pk)
    form = OutcomeForm(request.POST or None, region=region)
    if request.method == "POST" and form.is_valid() and save_form(request, form, "Outcome created."):
        return redirect("cases:region-detail", pk=region.pk)
    return form_page(request, form, {"study": region.study, "region": region}, heading="New outcome")


@login_required
def outcome_edit(request: HttpRequest, pk: int) -> HttpResponse:
    outcome = get_for_user(Outcome.objects.select_related("region__study"), request.user, min_role=Role.CODER, pk=pk)
    form = OutcomeForm(request.POST or None, instance=outcome, region=outcome.region)
    if request.method == "POST" and form.is_valid() and save_form(request, form, "Outcome saved."):
        return redirect("cases:region-detail", pk=outcome.region_id)
    context = {"study": outcome.region.study, "region": outcome.region}
    return form_page(request, form, context, heading=f"Edit {outcome.name}")


@login_required
def outcome_delete(request: HttpRequest, pk: int) -> HttpResponse:
    outcome = get_for_user(Outcome.objects.select_related("region__study"), request.user, min_role=Role.CODER, pk=pk)
    back = reverse("cases:region-detail", args=[outcome.region_id])
    return confirm_delete(
        request,
        outcome,
        {"study": outcome.region.study, "region": outcome.region},
        back=back,
        done=lambda: redirect(back),
    )
