"""List filters that do not reveal other studies: every model-choice filter offers only rows of the
requesting user's studies, so a foreign id is refused (400) exactly like an unknown one.

Set once for all viewsets: ``StudyFilterBackend`` (REST_FRAMEWORK["DEFAULT_FILTER_BACKENDS"]) builds
``filterset_fields`` on ``StudyScopedFilterSet``, and the custom FilterSets derive from it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import django_filters
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.db.models import QuerySet
from django_filters.filters import QuerySetRequestMixin
from django_filters.rest_framework import DjangoFilterBackend

from cases.models import Study
from coding.models import Code, CodingScheme

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
