"""Filters of the actor and interview lists of a region (django-filter)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from cases.choices import ActorKind, ConsentStatus, HierarchyLevel, Location, OrgType
from cases.models import Actor, Interview, Region

# Filter values beyond the model's choices, as the comparison page links them.
UNAFFILIATED = "person"
OUTSIDE = "outside"


class ActorFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    kind = django_filters.ChoiceFilter(choices=ActorKind.choices, label=_("Kind"))
    org_type = django_filters.ChoiceFilter(choices=OrgType.choices, label=_("Organisation type"))
    actor_type = django_filters.ChoiceFilter(
        choices=[*OrgType.choices, (UNAFFILIATED, _("Person without a typed organisation"))],
        method="filter_actor_type",
        label=_("Actor type (organisations and their people)"),
    )
    location = django_filters.ChoiceFilter(
        choices=[*Location.choices, (OUTSIDE, _("External or quasi-external"))],
        method="filter_location",
        label=_("Location"),
    )
    hierarchy_level = django_filters.ChoiceFilter(choices=HierarchyLevel.choices, label=_("Hierarchy level"))

    class Meta:
        model = Actor
        fields = ["q", "kind", "org_type", "actor_type", "location", "hierarchy_level"]

    def filter_actor_type(self, queryset: QuerySet[Actor], name: str, value: str) -> QuerySet[Actor]:
        """The analysis' actor-type groups (coding.analysis.inputs.actor_types): a person counts with
        the type of their organisation; persons without one form the group "person"."""
        if value == UNAFFILIATED:
            return queryset.filter(kind=ActorKind.PERSON, affiliation__isnull=True)
        return queryset.filter(Q(org_type=value) | Q(kind=ActorKind.PERSON, affiliation__org_type=value))

    def filter_location(self, queryset: QuerySet[Actor], name: str, value: str) -> QuerySet[Actor]:
        if value == OUTSIDE:
            return queryset.exclude(location=Location.INSIDE)
        return queryset.filter(location=value)

    def search(self, queryset: QuerySet[Actor], name: str, value: str) -> QuerySet[Actor]:
        return queryset.filter(
            Q(name__icontains=value) | Q(pseudonym__icontains=value) | Q(description__icontains=value)
        )


class InterviewFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    wave = django_filters.ModelChoiceFilter(queryset=None, label=_("Wave"))
    consent_status = django_filters.ChoiceFilter(choices=ConsentStatus.choices, label=_("Consent"))

    class Meta:
        model = Interview
        fields = ["q", "wave", "consent_status"]

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters["wave"].queryset = region.waves.order_by("start")

    def search(self, queryset: QuerySet[Interview], name: str, value: str) -> QuerySet[Interview]:
        # Titles, memos and interviewee names; the transcripts are searched in coding retrieval.
        return queryset.filter(
            Q(title__icontains=value) | Q(memo__icontains=value) | Q(interviewees__name__icontains=value)
        ).distinct()
