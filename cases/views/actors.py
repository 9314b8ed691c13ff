from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from cases import selectors
from cases.access import get_for_user, role_allows
from cases.choices import Role
from cases.filters import ActorFilter
from cases.forms import ActorForm
from cases.models import Actor, Region
from cases.views.common import confirm_delete, form_page, region_list_page, save_form


@login_required
def actor_list(request: HttpRequest, pk: int) -> HttpResponse:
    def filterset(region: Region) -> ActorFilter:
        return ActorFilter(request.GET or None, queryset=selectors.actors_of(region))

    return region_list_page(request, pk, filterset, "cases/actor_list.html")


@login_required
def actor_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = get_for_user(
        Actor.objects.select_related("region__study", "affiliation", "spun_off_from").prefetch_related(
            "variable_values__variable"  # the reverse relation coding declares (cases never imports coding)
        ),
        request.user,
        pk=pk,
    )
    context = {
        "actor": actor,
        "region": actor.region,
        "study": actor.region.study,
        "people": actor.people.order_by("name"),
        "ties_out": actor.ties_out.select_related("target"),
        "ties_in": actor.ties_in.select_related("source"),
        "is_coder": role_allows(actor.user_role, Role.CODER),
        "is_lead": role_allows(actor.user_role, Role.LEAD),
    }
    return render(request, "cases/actor_detail.html", context)


@login_required
def actor_create(request: HttpRequest, pk: int) -> HttpResponse:
    region = get_for_user(Region.objects.select_related("study"), request.user, min_role=Role.CODER, pk=pk)
    form = ActorForm(request.POST or None, region=region, initial={"kind": request.GET.get("kind")})
    if request.method == "POST" and form.is_valid() and (actor := save_form(request, form, _("Actor created."))):
        return redirect("cases:actor-detail", pk=actor.pk)
    return form_page(request, form, {"study": region.study, "region": region}, heading=_("New actor"))


@login_required
def actor_edit(request: HttpRequest, pk: int) -> HttpResponse:
    actor = get_for_user(Actor.objects.select_related("region__study"), request.user, min_role=Role.CODER, pk=pk)
    form = ActorForm(request.POST or None, instance=actor, region=actor.region)
    if request.method == "POST" and form.is_valid() and save_form(request, form, _("Actor saved.")):
        return redirect("cases:actor-detail", pk=actor.pk)
    context = {"study": actor.region.study, "region": actor.region}
    back = reverse("cases:actor-detail", args=[actor.pk])
    return form_page(request, form, context, heading=_("Edit %(name)s") % {"name": actor.name}, back=back)


@login_required
def actor_delete(request: HttpRequest, pk: int) -> HttpResponse:
    actor = get_for_user(Actor.objects.select_related("region__study"), request.user, min_role=Role.CODER, pk=pk)
    region = actor.region
    return confirm_delete(
        request,
        actor,
        {"study": region.study, "region": region},
        back=reverse("cases:actor-detail", args=[actor.pk]),
        done=lambda: redirect("cases:region-detail", pk=region.pk),
        consequences=_("Its interactions are deleted too."),
    )
