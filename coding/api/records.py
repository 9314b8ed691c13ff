"""REST endpoints of the cases app: regions, waves, actors, interviews (issue 6)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

import django_filters
from django.db.models import QuerySet
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError

from cases.choices import Role
from cases.models import Actor, Interview, Membership, Region, Study, Wave
from coding.api.base import RegionScopedSerializer, StudyScopedViewSet, scoped_field
from coding.api.filters import StudyScopedFilterSet
from coding.interviews.transcripts import TranscriptEditRefused, save_interview

if TYPE_CHECKING:
    from coding.models import Coding


class RegionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = ["id", "study", "name", "country", "technology_field", "lifecycle_phase", "description"]
        read_only_fields = ["study"]


class WaveSerializer(RegionScopedSerializer):
    region = scoped_field(Region)

    class Meta:
        model = Wave
        fields = ["id", "region", "label", "start", "end"]


class ActorSerializer(RegionScopedSerializer):
    region = scoped_field(Region)

    class Meta:
        model = Actor
        fields = ["id", "region", "kind", "name", "pseudonym", "location", "org_type", "description"]


class InterviewSerializer(RegionScopedSerializer):
    region = scoped_field(Region)
    wave = scoped_field(Wave, allow_null=True, required=False)
    interviewees = scoped_field(Actor, many=True, required=False)

    class Meta:
        model = Interview
        fields = ["id", "region", "wave", "title", "interviewees", "date", "mode", "language", "transcript"]

    region_links = ("interviewees",)


class RegionViewSet(StudyScopedViewSet):
    """Regions; creating one goes through the study pages, so the API only edits (lead)."""

    serializer_class = RegionSerializer
    write_role = Role.LEAD
    study_attr = "study"
    http_method_names = ["get", "put", "patch", "delete", "head", "options"]
    filterset_fields: ClassVar = ["study", "technology_field", "country"]
    ordering_fields: ClassVar = ["name", "country"]

    def base_queryset(self) -> QuerySet:
        return Region.objects.order_by("pk")


class WaveViewSet(StudyScopedViewSet):
    serializer_class = WaveSerializer
    write_role = Role.LEAD
    filterset_fields: ClassVar = ["region"]
    ordering_fields: ClassVar = ["start", "label"]

    def base_queryset(self) -> QuerySet:
        return Wave.objects.order_by("start", "pk")


class ActorFilter(StudyScopedFilterSet):
    class Meta:
        model = Actor
        fields: ClassVar = ["region", "kind", "org_type", "location"]


class ActorViewSet(StudyScopedViewSet):
    serializer_class = ActorSerializer
    filterset_class = ActorFilter
    ordering_fields: ClassVar = ["name", "kind"]

    def base_queryset(self) -> QuerySet:
        return Actor.objects.order_by("name", "pk")


class InterviewFilter(StudyScopedFilterSet):
    date_after = django_filters.DateFilter(field_name="date", lookup_expr="gte")
    date_before = django_filters.DateFilter(field_name="date", lookup_expr="lte")

    class Meta:
        model = Interview
        fields: ClassVar = ["region", "wave"]


class InterviewViewSet(StudyScopedViewSet):
    serializer_class = InterviewSerializer
    filterset_class = InterviewFilter
    ordering_fields: ClassVar = ["date", "title"]

    def base_queryset(self) -> QuerySet:
        return Interview.objects.prefetch_related("interviewees").order_by("pk")

    def write(self, interview: Interview) -> None:
        """As on the page: a changed transcript re-anchors the codings, or nothing is saved."""
        try:
            save_interview(interview, interview.save, user=self.request.user)
        except TranscriptEditRefused as refused:
            raise ValidationError({"transcript": [lost_codings_message(refused.lost)]}) from refused


def lost_codings_message(lost: list[Coding]) -> str:
    listed = "; ".join(f"#{coding.pk} “{coding.quote[:60]}” ({coding.code.name})" for coding in lost)
    return f"The transcript was not saved: these codings have no place in the new text: {listed}."


class StudySerializer(serializers.ModelSerializer):
    class Meta:
        model = Study
        fields = ["id", "title", "research_question", "description", "coding_scheme", "created_at"]
        read_only_fields = ["coding_scheme", "created_at"]


class StudyViewSet(StudyScopedViewSet):
    """The user's studies; leads edit them (new studies are created on the site)."""

    serializer_class = StudySerializer
    write_role = Role.LEAD
    study_attr = ""
    http_method_names = ["get", "put", "patch", "head", "options"]
    ordering_fields: ClassVar = ["title", "created_at"]

    def base_queryset(self) -> QuerySet:
        return Study.objects.order_by("pk")


class MembershipSerializer(serializers.ModelSerializer):
    username = serializers.CharField(source="user.username", read_only=True)

    class Meta:
        model = Membership
        fields = ["id", "study", "user", "username", "role"]


class MembershipViewSet(viewsets.ReadOnlyModelViewSet):
    """Members of the user's studies (read-only: membership is managed on the study page)."""

    serializer_class = MembershipSerializer
    filterset_fields: ClassVar = ["study", "role"]

    def get_queryset(self) -> QuerySet:
        studies = Study.objects.for_user(self.request.user).values("pk")
        return Membership.objects.filter(study__in=studies).select_related("user").order_by("pk")
