"""Pages of the case records. Thin: access check, selector, template."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from . import selectors
from .access import get_for_user
from .models import Actor, Interview, Region, Study


@login_required
def study_list(request: HttpRequest) -> HttpResponse:
    return render(request, "cases/study_list.html", {"studies": selectors.study_list_for(request.user)})


@login_required
def study_detail(request: HttpRequest, pk: int) -> HttpResponse:
    study = get_for_user(Study.objects.select_related("coding_scheme"), request.user, pk=pk)
    context = {
        "study": study,
        "regions": selectors.regions_of(study),
        "memberships": study.memberships.select_related("user").order_by("role", "user__username"),
    }
    return render(request, "cases/study_detail.html", context)


@login_required
def region_detail(request: HttpRequest, pk: int) -> HttpResponse:
    region = get_for_user(Region.objects.select_related("study"), request.user, pk=pk)
    context = {
        "region": region,
        "study": region.study,
        "actors": selectors.actors_of(region),
        "waves": selectors.waves_of(region),
        "interviews": selectors.interviews_of(region),
        "interactions": selectors.interactions_of(region),
        "outcomes": selectors.outcomes_of(region),
    }
    return render(request, "cases/region_detail.html", context)


@login_required
def actor_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = get_for_user(
        Actor.objects.select_related("region__study", "affiliation", "spun_off_from"), request.user, pk=pk
    )
    context = {
        "actor": actor,
        "region": actor.region,
        "study": actor.region.study,
        "people": actor.people.order_by("name"),
        "ties_out": actor.ties_out.select_related("target"),
        "ties_in": actor.ties_in.select_related("source"),
    }
    return render(request, "cases/actor_detail.html", context)


@login_required
def interview_detail(request: HttpRequest, pk: int) -> HttpResponse:
    interview = get_for_user(
        Interview.objects.select_related("region__study", "wave", "interviewer"), request.user, pk=pk
    )
    context = {
        "interview": interview,
        "region": interview.region,
        "study": interview.region.study,
        "interviewees": interview.interviewees.order_by("name"),
        "codings": selectors.codings_of(interview),
    }
    return render(request, "cases/interview_detail.html", context)
