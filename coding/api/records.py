"""REST endpoints of the case records: studies, memberships, regions, waves, actors, interviews.

Writes go through ``cases.services``, the services the pages call."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, cast

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from cases.choices import Role
from cases.models import Actor, Interview, Membership, Region, Study, Wave
from cases.services import member_add, member_change_role, member_remove, record_save, study_create
from coding.api.base import Conflict, StudyScopedViewSet, model_errors_as_400
from coding.api.filters import ActorFilter, InterviewFilter
from coding.api.serializers import (
    ActorSerializer,
    InterviewSerializer,
    MembershipSerializer,
    RegionSerializer,
    StudySerializer,
    WaveSerializer,
)
from coding.api.variables import set_region_variables
from coding.interviews.services import TranscriptEditRefused, save_interview

if TYPE_CHECKING:
    from collections.abc import Callable

    from coding.models import Coding


class RegionViewSet(StudyScopedViewSet):
    """Regions: leads of the study create and edit them, with their variables' values in the same
    request (all or nothing), so a whole case table can be scripted."""

    serializer_class = RegionSerializer
    write_role = Role.LEAD
    study_attr = "study"
    filterset_fields: ClassVar = ["study", "technology_field", "country"]
    ordering_fields: ClassVar = ["name", "country"]

    def base_queryset(self) -> QuerySet:
        return Region.objects.prefetch_related("variable_values__variable").order_by("pk")

    def create_row(self, values: dict[str, Any]) -> Region:
        variables = values.pop("variables", {})
        region = cast("Region", self.store(Region(), values))
        set_region_variables(region, variables)
        return region

    def update_row(self, instance: Region, values: dict[str, Any]) -> Region:
        variables = values.pop("variables", {})
        values.pop("study", None)  # the serializer refused another one
        region = cast("Region", self.store(instance, values)) if values else instance
        set_region_variables(region, variables)
        return Region.objects.prefetch_related("variable_values__variable").get(pk=region.pk)


class WaveViewSet(StudyScopedViewSet):
    serializer_class = WaveSerializer
    write_role = Role.LEAD
    filterset_fields: ClassVar = ["region"]
    ordering_fields: ClassVar = ["start", "label"]

    def base_queryset(self) -> QuerySet:
        return Wave.objects.order_by("start", "pk")


class ActorViewSet(StudyScopedViewSet):
    serializer_class = ActorSerializer
    filterset_class = ActorFilter
    ordering_fields: ClassVar = ["name", "kind"]

    def base_queryset(self) -> QuerySet:
        return Actor.objects.order_by("name", "pk")


class InterviewViewSet(StudyScopedViewSet):
    serializer_class = InterviewSerializer
    filterset_class = InterviewFilter
    ordering_fields: ClassVar = ["date", "title"]

    def base_queryset(self) -> QuerySet:
        return Interview.objects.prefetch_related("interviewees").order_by("pk")

    def write(self, interview: Interview, save_links: Callable[[], None]) -> None:
        """As on the page: a changed transcript re-anchors the codings, or nothing is saved."""
        try:
            save_interview(
                interview, lambda: record_save(record=interview, save_related=save_links), user=self.request.user
            )
        except TranscriptEditRefused as refused:
            raise ValidationError({"transcript": [lost_codings_message(refused.lost)]}) from refused


def lost_codings_message(lost: list[Coding]) -> str:
    listed = "; ".join(f"#{coding.pk} “{coding.quote[:60]}” ({coding.code.name})" for coding in lost)
    return _("The transcript was not saved: these codings have no place in the new text: %(codings)s.") % {
        "codings": listed
    }


class StudyViewSet(StudyScopedViewSet):
    """The user's studies. Any signed-in user creates one and becomes its lead (as on the site);
    leads edit it. Studies are not deleted through the API, as they are not on the site."""

    serializer_class = StudySerializer
    write_role = Role.LEAD
    study_attr = ""
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    ordering_fields: ClassVar = ["title", "created_at"]

    def base_queryset(self) -> QuerySet:
        return Study.objects.order_by("pk")

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        # No role to check: the study is new, and the service makes its creator the lead.
        with model_errors_as_400():
            serializer.instance = study_create(**serializer.validated_data, lead=self.request.user)


class MembershipViewSet(StudyScopedViewSet):
    """Members of the user's studies: members read them; leads add members by username, change
    roles and remove members through the study page's services, so a study keeps a lead (the
    last lead's demotion is a 400, their removal a 409)."""

    serializer_class = MembershipSerializer
    write_role = Role.LEAD
    study_attr = "study"
    filterset_fields: ClassVar = ["study", "role"]

    def base_queryset(self) -> QuerySet:
        return Membership.objects.select_related("user").order_by("pk")

    def create_row(self, values: dict[str, Any]) -> Membership:
        return member_add(study=values["study"], user=values["user"], role=values.get("role", Role.VIEWER))

    def update_row(self, instance: Membership, values: dict[str, Any]) -> Membership:
        # The serializer refused another study or user: the role is all that can change.
        return member_change_role(membership=instance, role=values.get("role", instance.role))

    def perform_destroy(self, instance: Membership) -> None:
        try:
            member_remove(membership=instance)
        except DjangoValidationError as refused:
            raise Conflict(" ".join(refused.messages)) from refused
