"""Querysets of the case records: what a user may reach through a study membership.

``for_user`` is the row-level half of the access rule in ``cases.access``; every model whose
rows belong to a study (here and in ``coding``) has a queryset derived from ``StudyScopedQuerySet``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models

from cases.choices import ActorKind

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    from cases.models import Study  # noqa: F401 - named in StudyQuerySet's base, a string ruff does not read


class StudyQuerySet(models.QuerySet["Study"]):
    def for_user(self, user: User | AnonymousUser) -> StudyQuerySet:
        """Studies the user is a member of (nothing for anonymous users)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user)


class StudyScopedQuerySet(models.QuerySet):
    """Rows reachable by a user through a study membership. ``study_path`` names the lookup."""

    study_path = "study"

    def for_user(self, user: User | AnonymousUser) -> models.QuerySet:
        if not user.is_authenticated:
            return self.none()
        return self.filter(**{f"{self.study_path}__memberships__user": user})


class MembershipQuerySet(StudyScopedQuerySet):
    """Memberships of the user's studies: members see who else is in them (as on the study page)."""

    study_path = "study"


class RegionQuerySet(StudyScopedQuerySet):
    study_path = "study"


class WaveQuerySet(StudyScopedQuerySet):
    study_path = "region__study"


class ActorQuerySet(StudyScopedQuerySet):
    study_path = "region__study"

    def organisations(self) -> ActorQuerySet:
        return self.filter(kind=ActorKind.ORGANISATION)

    def persons(self) -> ActorQuerySet:
        return self.filter(kind=ActorKind.PERSON)


class InterviewQuerySet(StudyScopedQuerySet):
    study_path = "region__study"

    def coded(self) -> InterviewQuerySet:
        return self.filter(codings__isnull=False).distinct()
