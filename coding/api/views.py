"""REST endpoints of the coding app: interactions with their evidence (issue 6)."""

from __future__ import annotations

from typing import Any, ClassVar, cast

import django_filters
from django.db.models import Q, QuerySet
from rest_framework import permissions, serializers, viewsets
from rest_framework.exceptions import ValidationError

from cases.access import require_own_or_lead
from cases.choices import OrgType
from cases.models import Actor, Interview, Region, Wave
from coding.api.base import Conflict, RegionScopedSerializer, StudyScopedViewSet, scoped_field
from coding.api.filters import StudyScopedFilterSet, visible_to
from coding.choices import CoordinationMode
from coding.models import Code, Coding, Interaction, InteractionQuerySet, Outcome
from coding.workbench.forms import CodingIsEvidence, delete_coding
from coding.worker.models import AnalysisSnapshot


def evidence_field(**kwargs: Any) -> serializers.PrimaryKeyRelatedField:
    """Codings of the user's studies, with their interview at hand for the region check."""
    return scoped_field(Coding, queryset=Coding.objects.select_related("interview"), many=True, **kwargs)


class InteractionSerializer(RegionScopedSerializer):
    region = scoped_field(Region)
    wave = scoped_field(Wave, allow_null=True, required=False)
    source = scoped_field(Actor)  # type: ignore[assignment]  # a field named like DRF's Field.source
    target = scoped_field(Actor)
    evidence = evidence_field(required=False)

    class Meta:
        model = Interaction
        fields = [
            "id", "region", "wave", "source", "target", "directed",
            "mode_competition", "mode_rivalry", "mode_conflict", "mode_cooperation",
            "content", *Interaction.RATING_FIELDS, "channel", "setting", "formality", "trust_basis",
            "duration", "includes_private_sphere", "confidence", "memo", "coder", "evidence",
        ]  # fmt: skip
        read_only_fields = ["coder"]

    region_links = ("evidence",)


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


class InteractionViewSet(StudyScopedViewSet):
    serializer_class = InteractionSerializer
    filterset_class = InteractionFilter
    ordering_fields: ClassVar = ["pk", "created_at", "confidence"]

    def base_queryset(self) -> QuerySet:
        return Interaction.objects.prefetch_related("evidence").order_by("pk")

    def prepare(self, instance: Interaction) -> None:
        if instance._state.adding:
            instance.coder = self.request.user


class CodeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Code
        fields = ["id", "scheme", "parent", "name", "colour", "concept"]


class CodeViewSet(viewsets.ReadOnlyModelViewSet):
    """Codes of the coding schemes pinned by the user's studies."""

    serializer_class = CodeSerializer
    filterset_fields: ClassVar = ["scheme", "parent"]

    def get_queryset(self) -> QuerySet:
        return visible_to(self.request.user, Code.objects.order_by("pk"))


class CodingSerializer(serializers.ModelSerializer):
    interview = scoped_field(Interview)
    code = serializers.PrimaryKeyRelatedField(queryset=Code.objects.all())

    class Meta:
        model = Coding
        fields = ["id", "interview", "code", "coder", "start", "end", "quote", "memo"]
        read_only_fields = ["coder", "quote"]

    def validate_interview(self, interview: Interview) -> Interview:
        # A coding belongs to the text it quotes; moving it could tear it from the ties it evidences.
        if self.instance is not None and interview != self.instance.interview:
            raise ValidationError("A coding cannot be moved to another interview.")
        return interview


class CodingFilter(StudyScopedFilterSet):
    region = django_filters.NumberFilter(field_name="interview__region")
    wave = django_filters.NumberFilter(field_name="interview__wave")
    created_after = django_filters.DateFilter(field_name="created_at", lookup_expr="date__gte")
    created_before = django_filters.DateFilter(field_name="created_at", lookup_expr="date__lte")

    class Meta:
        model = Coding
        fields: ClassVar = ["interview", "code", "coder"]


class CodingViewSet(StudyScopedViewSet):
    """Coded passages; the quote is taken from the transcript and the model checks offsets and scheme."""

    serializer_class = CodingSerializer
    filterset_class = CodingFilter
    study_attr = "interview.region.study"
    ordering_fields: ClassVar = ["start", "created_at"]

    def base_queryset(self) -> QuerySet:
        return Coding.objects.order_by("interview_id", "start", "pk")

    def get_object(self) -> Coding:
        coding = cast("Coding", super().get_object())  # base_queryset() is of codings
        if self.request.method not in permissions.SAFE_METHODS:
            require_own_or_lead(coding, self.request.user)  # the page rule (coding workbench)
        return coding

    def perform_destroy(self, instance: Coding) -> None:
        try:
            delete_coding(instance)
        except CodingIsEvidence as refused:
            raise Conflict(str(refused)) from refused

    def prepare(self, instance: Coding) -> None:
        if instance.coder_id is None:
            instance.coder = self.request.user
        transcript = instance.interview.transcript
        if instance.start is not None and instance.end is not None and instance.end <= len(transcript):
            instance.quote = transcript[instance.start : instance.end]


class OutcomeSerializer(RegionScopedSerializer):
    region = scoped_field(Region)
    actors = scoped_field(Actor, many=True)
    evidence = evidence_field(required=False)

    class Meta:
        model = Outcome
        fields = ["id", "region", "name", "kind", "description", "year", "actors", "evidence"]

    region_links = ("actors", "evidence")


class OutcomeViewSet(StudyScopedViewSet):
    serializer_class = OutcomeSerializer
    filterset_fields: ClassVar = ["region", "kind"]
    ordering_fields: ClassVar = ["name", "year"]

    def base_queryset(self) -> QuerySet:
        return Outcome.objects.prefetch_related("actors", "evidence").order_by("pk")


class SnapshotSerializer(serializers.ModelSerializer):
    class Meta:
        model = AnalysisSnapshot
        fields = ["id", "region", "wave", "layer", "status", "computed_at", "result", "error"]


class SnapshotViewSet(viewsets.ReadOnlyModelViewSet):
    """Stored analysis results per region, wave and layer (computed by the worker; read-only)."""

    serializer_class = SnapshotSerializer
    filterset_fields: ClassVar = ["region", "wave", "layer", "status"]

    def get_queryset(self) -> QuerySet:
        return AnalysisSnapshot.objects.for_user(self.request.user).order_by("pk")
