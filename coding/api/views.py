"""REST endpoints of the coding app: codes, codings, interactions with their evidence, outcomes and
the stored analysis results. Writes go through ``coding.workbench.services``, as on the pages."""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import transaction
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from cases.access import require_role
from cases.choices import Role
from coding.api.base import Conflict, StudyScopedViewSet, model_errors_as_400
from coding.api.codebook import CodebookActions
from coding.api.evidence import SnapshotEvidence
from coding.api.filters import CodingFilter, InteractionFilter, MemoFilter, visible_to
from coding.api.permissions import AuthorOrLeadToChange, OwnOrLeadToChange, StudyRolePermission
from coding.api.serializers import (
    CodeCreateSerializer,
    CodeSerializer,
    CodingSerializer,
    InteractionSerializer,
    MemoSerializer,
    MultiCodingSerializer,
    OutcomeSerializer,
    SnapshotSerializer,
)
from coding.codebook import services as codebook
from coding.memos import services as memo_services
from coding.memos.models import TARGET_FIELDS, Memo
from coding.models import Code, Coding, Interaction, Outcome
from coding.workbench import services
from coding.worker.models import AnalysisSnapshot


class CodeViewSet(CodebookActions, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Codes of the coding schemes pinned by the user's studies. A new code goes into the version a
    study pins (leads; coders where the study allows it; 400 if another study pins it too); leads
    reorganise them (``coding.api.codebook``)."""

    serializer_class = CodeSerializer
    filterset_fields: ClassVar = ["scheme", "parent"]

    def get_queryset(self) -> QuerySet:
        return visible_to(self.request.user, Code.objects.order_by("pk"))

    def get_serializer_class(self) -> type[serializers.BaseSerializer]:
        return CodeCreateSerializer if self.action == "create" else CodeSerializer

    @extend_schema(request=CodeCreateSerializer, responses={201: CodeSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        incoming = CodeCreateSerializer(data=request.data, context=self.get_serializer_context())
        incoming.is_valid(raise_exception=True)
        with model_errors_as_400():
            code = codebook.code_create(user=request.user, **incoming.validated_data)  # type: ignore[arg-type]
        return Response(CodeSerializer(code).data, status=status.HTTP_201_CREATED)


class CodingViewSet(StudyScopedViewSet):
    """Coded passages; the quote is taken from the transcript and the model checks offsets and scheme."""

    serializer_class = CodingSerializer
    filterset_class = CodingFilter
    permission_classes = [StudyRolePermission, OwnOrLeadToChange]
    study_attr = "interview.region.study"
    ordering_fields: ClassVar = ["start", "created_at"]

    def base_queryset(self) -> QuerySet:
        return Coding.objects.order_by("interview_id", "start", "pk")

    def create_row(self, values: dict[str, Any]) -> Coding:
        return services.coding_create(coder=self.request.user, **values)

    def update_row(self, instance: Coding, values: dict[str, Any]) -> Coding:
        return services.coding_update(coding=instance, values=values)

    @extend_schema(request=MultiCodingSerializer, responses={201: CodingSerializer(many=True)})
    @action(detail=False, methods=["post"], url_path="several")
    def several(self, request: Request) -> Response:
        """Code one passage with several codes in one step (all or none; a duplicate is a 400)."""
        incoming = MultiCodingSerializer(data=request.data, context=self.get_serializer_context())
        incoming.is_valid(raise_exception=True)
        values = dict(incoming.validated_data)
        require_role(values["interview"].region.study, request.user, Role.CODER)
        with model_errors_as_400(), transaction.atomic():
            codings = services.codings_create(coder=self.request.user, **values)
        return Response(CodingSerializer(codings, many=True).data, status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance: Coding) -> None:
        try:
            services.coding_delete(coding=instance)
        except services.CodingIsEvidence as refused:
            raise Conflict(str(refused)) from refused


class InteractionViewSet(StudyScopedViewSet):
    serializer_class = InteractionSerializer
    filterset_class = InteractionFilter
    ordering_fields: ClassVar = ["pk", "created_at", "confidence"]

    def base_queryset(self) -> QuerySet:
        return Interaction.objects.prefetch_related("evidence").order_by("pk")

    def create_row(self, values: dict[str, Any]) -> Interaction:
        region, evidence = values.pop("region"), values.pop("evidence", [])
        return services.interaction_create(region=region, coder=self.request.user, values=values, evidence=evidence)

    def update_row(self, instance: Interaction, values: dict[str, Any]) -> Interaction:
        evidence = values.pop("evidence", None)
        return services.interaction_update(interaction=instance, values=values, evidence=evidence)

    def perform_destroy(self, instance: Interaction) -> None:
        services.interaction_delete(interaction=instance)


class OutcomeViewSet(StudyScopedViewSet):
    serializer_class = OutcomeSerializer
    filterset_fields: ClassVar = ["region", "kind"]
    ordering_fields: ClassVar = ["name", "year"]

    def base_queryset(self) -> QuerySet:
        return Outcome.objects.prefetch_related("actors", "evidence").order_by("pk")

    def create_row(self, values: dict[str, Any]) -> Outcome:
        region, actors, evidence = values.pop("region"), values.pop("actors", []), values.pop("evidence", [])
        return services.outcome_create(region=region, values=values, actors=actors, evidence=evidence)

    def update_row(self, instance: Outcome, values: dict[str, Any]) -> Outcome:
        actors, evidence = values.pop("actors", None), values.pop("evidence", None)
        return services.outcome_update(outcome=instance, values=values, actors=actors, evidence=evidence)

    def perform_destroy(self, instance: Outcome) -> None:
        services.outcome_delete(outcome=instance)


class MemoViewSet(StudyScopedViewSet):
    """Memos of the user's studies; coders write, authors and leads change (``coding.memos.services``)."""

    serializer_class = MemoSerializer
    filterset_class = MemoFilter
    permission_classes = [StudyRolePermission, AuthorOrLeadToChange]
    study_attr = "study"
    ordering_fields: ClassVar = ["updated_at", "created_at", "title"]

    def base_queryset(self) -> QuerySet:
        return Memo.objects.order_by("-updated_at", "-pk")

    def create_row(self, values: dict[str, Any]) -> Memo:
        targets = {kind: values.pop(kind) for kind in TARGET_FIELDS if kind in values}
        return memo_services.memo_create(author=self.request.user, targets=targets, **values)

    def update_row(self, instance: Memo, values: dict[str, Any]) -> Memo:
        values.pop("study", None)  # the serializer refused a different one
        return memo_services.memo_update(memo=instance, values=values)

    def perform_destroy(self, instance: Memo) -> None:
        memo_services.memo_delete(memo=instance)


class SnapshotViewSet(SnapshotEvidence, viewsets.ReadOnlyModelViewSet):
    """Stored analysis results per region, wave and layer (computed by the worker; read-only); each
    classification record's full evidence a page at a time (``coding.api.evidence``)."""

    serializer_class = SnapshotSerializer
    filterset_fields: ClassVar = ["region", "wave", "layer", "status"]

    def get_queryset(self) -> QuerySet:
        # The full evidence is read by the evidence action alone, one record's list at a time.
        return AnalysisSnapshot.objects.for_user(self.request.user).defer("evidence").order_by("pk")
