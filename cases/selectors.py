"""Reads for the case pages, each a fixed number of queries however many rows there are."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Count, Prefetch, QuerySet

from coding.models import Coding, Interaction, Outcome

from .models import Actor, Interview, Region, Study, Wave

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


def study_list_for(user: AbstractBaseUser) -> QuerySet[Study]:
    return (
        Study.objects.for_user(user)
        .select_related("coding_scheme")
        .annotate(region_count=Count("regions", distinct=True))
        .order_by("title")
    )


def regions_of(study: Study) -> QuerySet[Region]:
    return study.regions.annotate(
        actor_count=Count("actors", distinct=True),
        interview_count=Count("interviews", distinct=True),
        interaction_count=Count("interactions", distinct=True),
    ).order_by("name")


def actors_of(region: Region) -> QuerySet[Actor]:
    return region.actors.select_related("affiliation").order_by("kind", "name")


def interviews_of(region: Region) -> QuerySet[Interview]:
    return (
        region.interviews.select_related("wave", "interviewer")
        .prefetch_related(Prefetch("interviewees", queryset=Actor.objects.only("id", "name", "pseudonym")))
        .annotate(coding_count=Count("codings", distinct=True))
        .defer("transcript")
        .order_by("date", "title")
    )


def interactions_of(region: Region) -> QuerySet[Interaction]:
    return (
        region.interactions.select_related("source", "target", "wave", "coder")
        .annotate(evidence_count=Count("evidence", distinct=True))
        .order_by("source__name", "target__name", "id")
    )


def waves_of(region: Region) -> QuerySet[Wave]:
    return region.waves.order_by("start")


def outcomes_of(region: Region) -> QuerySet[Outcome]:
    return region.outcomes.prefetch_related("actors").order_by("name")


def codings_of(interview: Interview) -> QuerySet[Coding]:
    return interview.codings.select_related("code", "coder").order_by("start", "end", "id")
