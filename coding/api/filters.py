"""List filters that do not reveal other studies: every model-choice filter offers only rows of the
requesting user's studies, so a foreign id is refused (400) exactly like an unknown one.

Set once for all viewsets: ``StudyFilterBackend`` (REST_FRAMEWORK["DEFAULT_FILTER_BACKENDS"]) builds
``filterset_fields`` on ``StudyScopedFilterSet``, and the custom FilterSets below derive from it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

import django_filters
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Q, QuerySet
from django_filters.filters import QuerySetRequestMixin
from django_filters.rest_framework import DjangoFilterBackend

from cases.choices import OrgType
from cases.models import Actor, Interview, Study
from coding.choices import CoordinationMode
from coding.memos.models import TARGET_FIELDS, Memo
from coding.models import Code, Coding, CodingScheme, Interaction, InteractionQuerySet

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


def visible_to(user: User | AnonymousUser | None, queryset: QuerySet) -> QuerySet:
    """The rows of ``queryset`` the user reaches through their studies."""
    if user is None or not user.is_authenticated:
        return queryset.none()
    if hasattr(queryset, "for_user"):  # studies and every study-scoped model
        return queryset.for_user(user)
    schemes = Study.objects.for_user(user).values("coding_scheme")
    if queryset.model is CodingScheme:
        return queryset.filter(pk__in=schemes)
    if queryset.model is Code:
        return queryset.filter(scheme__in=schemes)
    if queryset.model is get_user_model():  # coders, interviewers: members of the user's studies
        return queryset.filter(memberships__study__in=Study.objects.for_user(user)).distinct()
    raise ImproperlyConfigured(f"No study scope for filter choices of {queryset.model.__name__}")


class StudyScopedFilterSet(django_filters.FilterSet):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user = getattr(self.request, "user", None)
        # self.filters is this instance's copy: narrowing it leaves the class (and the schema) alone.
        for filter_ in self.filters.values():
            if isinstance(filter_, QuerySetRequestMixin) and isinstance(filter_.queryset, QuerySet):
                filter_.queryset = visible_to(user, filter_.queryset)


class StudyFilterBackend(DjangoFilterBackend):
    filterset_base = StudyScopedFilterSet


class ActorFilter(StudyScopedFilterSet):
    class Meta:
        model = Actor
        fields: ClassVar = ["region", "kind", "org_type", "location"]


class InterviewFilter(StudyScopedFilterSet):
    date_after = django_filters.DateFilter(field_name="date", lookup_expr="gte")
    date_before = django_filters.DateFilter(field_name="date", lookup_expr="lte")

    class Meta:
        model = Interview
        fields: ClassVar = ["region", "wave"]


class CodingFilter(StudyScopedFilterSet):
    region = django_filters.NumberFilter(field_name="interview__region")
    wave = django_filters.NumberFilter(field_name="interview__wave")
    created_after = django_filters.DateFilter(field_name="created_at", lookup_expr="date__gte")
    created_before = django_filters.DateFilter(field_name="created_at", lookup_expr="date__lte")

    class Meta:
        model = Coding
        fields: ClassVar = ["interview", "code", "coder"]


class InteractionFilter(StudyScopedFilterSet):
    actor_type = django_filters.ChoiceFilter(
        choices=OrgType.choices,
        method="filter_actor_type",
        help_text="Ties with an organisation of this type at either end.",
    )
    mode = django_filters.ChoiceFilter(choices=CoordinationMode.choices, method="filter_mode")
    created_after = django_filters.DateFilter(field_name="created_at", lookup_expr="date__gte")
    created_before = django_filters.DateFilter(field_name="created_at", lookup_expr="date__lte")

    class Meta:
        model = Interaction
        fields: ClassVar = ["region", "wave", "channel", "setting", "source", "target", "coder", "confidence"]

    def filter_actor_type(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(Q(source__org_type=value) | Q(target__org_type=value))

    def filter_mode(self, queryset: InteractionQuerySet, name: str, value: str) -> QuerySet:
        return queryset.with_mode(value)


class MemoFilter(StudyScopedFilterSet):
    q = django_filters.CharFilter(method="filter_q", help_text="Memos whose title or text contains this (any case).")
    target = django_filters.ChoiceFilter(
        choices=[("none", "none (a memo on the study)"), *((kind, kind) for kind in TARGET_FIELDS)],
        method="filter_target",
        help_text="Memos on this kind of record.",
    )
    changed_after = django_filters.DateFilter(field_name="updated_at", lookup_expr="date__gte")
    changed_before = django_filters.DateFilter(field_name="updated_at", lookup_expr="date__lte")

    class Meta:
        model = Memo
        fields: ClassVar = ["study", "author", *TARGET_FIELDS]

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(Q(title__icontains=value) | Q(text__icontains=value))

    def filter_target(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == "none":
            return queryset.filter(**{f"{kind}__isnull": True for kind in TARGET_FIELDS})
        return queryset.filter(**{f"{value}__isnull": False})
