"""Filters of the actor and interview lists of a region (django-filter)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet

from .choices import ActorKind, ConsentStatus, HierarchyLevel, Location, OrgType
from .models import Actor, Interview, Region


class ActorFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Search")
    kind = django_filters.ChoiceFilter(choices=ActorKind.choices)
    org_type = django_filters.ChoiceFilter(choices=OrgType.choices, label="Organisation type")
    location = django_filters.ChoiceFilter(choices=Location.choices)
    hierarchy_level = django_filters.ChoiceFilter(choices=HierarchyLevel.choices)

    class Meta:
        model = Actor
        fields = ["q", "kind", "org_type", "location", "hierarchy_level"]

    def search(self, queryset: QuerySet[Actor], name: str, value: str) -> QuerySet[Actor]:
        return queryset.filter(
            Q(name__icontains=value) | Q(pseudonym__icontains=value) | Q(description__icontains=value)
        )


class InterviewFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Search")
    wave = django_filters.ModelChoiceFilter(queryset=None)
    consent_status = django_filters.ChoiceFilter(choices=ConsentStatus.choices, label="Consent")

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
