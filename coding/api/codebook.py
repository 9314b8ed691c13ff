"""Codebook reorganisation in the REST API (leads): merge, split and move as actions on a code.

``POST /api/codes/{id}/merge/`` (``split/``, ``move/``) with ``"preview": true`` answers what would
change and a ``fingerprint``; the same request with that fingerprint (and without ``preview``) does
it, or answers 409 if the rows changed since. Refusals as on the pages: a wrong request is 400, a
code outside the user's studies 404, a role below lead 403, a state that forbids it 409 (a scheme
shared with another study, a name taken, a stale fingerprint). ``POST
/api/codebook-changes/{id}/undo/`` undoes the study's latest change. Writes in
``coding.codebook.reorganise`` and ``coding.codebook.undo``, as on the pages.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from cases.access import require_role
from cases.choices import Role
from cases.models import Study
from coding.api.base import Conflict
from coding.api.filters import visible_to
from coding.codebook import reorganise, selectors, undo
from coding.codebook.models import CodebookOperation
from coding.codebook.selectors import Preview, Refused
from coding.models import Code

if TYPE_CHECKING:
    from coding.api.base import AuthenticatedRequest

MAX_ID = 2**63 - 1


def id_field(**kwargs: Any) -> serializers.IntegerField:
    """An id: a positive 64-bit integer (larger numbers are a 400, not a database error)."""
    return serializers.IntegerField(min_value=1, max_value=MAX_ID, **kwargs)


REFUSED_409 = OpenApiResponse(
    description="Refused by the codebook's state: scheme shared with another study, a name taken, or "
    "the rows changed since the preview (stale fingerprint). Nothing was written."
)


class ConfirmSerializer(serializers.Serializer):
    preview = serializers.BooleanField(default=False, help_text="Only show what would change.")
    fingerprint = serializers.CharField(
        required=False, allow_blank=True, max_length=64, help_text="The preview's fingerprint, to confirm it."
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not attrs["preview"] and not attrs.get("fingerprint"):
            raise ValidationError({"fingerprint": [_("Send the preview's fingerprint (ask with preview=true first).")]})
        return attrs


class MergeRequestSerializer(ConfirmSerializer):
    into = id_field(help_text="The code receiving the codings and sub-codes.")


class SplitRequestSerializer(ConfirmSerializer):
    codings = serializers.ListField(child=id_field(), max_length=100_000)
    into = id_field(required=False, allow_null=True, help_text="An existing code, or:")
    new_name = serializers.CharField(required=False, allow_blank=True, max_length=200)
    new_parent = id_field(required=False, allow_null=True)


class MoveRequestSerializer(ConfirmSerializer):
    new_parent = id_field(allow_null=True, help_text="The new parent; null for the top level.")


class PreviewSerializer(serializers.Serializer):
    kind = serializers.CharField()
    summary = serializers.CharField()
    fingerprint = serializers.CharField()
    counts = serializers.DictField(child=serializers.IntegerField())
    codings_moved = serializers.ListField(child=serializers.IntegerField())
    duplicates_collapsed = serializers.ListField(
        child=serializers.DictField(), help_text="{removed, kept, memo}: the kept coding's memo afterwards."
    )
    children_reparented = serializers.ListField(child=serializers.IntegerField())
    codes_removed = serializers.ListField(child=serializers.IntegerField())
    codes_moved = serializers.ListField(child=serializers.IntegerField())
    interviews = serializers.ListField(child=serializers.DictField())


class OperationSerializer(serializers.ModelSerializer):
    class Meta:
        model = CodebookOperation
        fields = ["id", "study", "kind", "summary", "counts", "created_at", "undone_at"]


# 200: the preview (preview=true); 201: done, the recorded change (its id undoes it).
RESPONSES = {200: PreviewSerializer, 201: OperationSerializer, 409: REFUSED_409}


def preview_data(plan: Preview) -> dict[str, Any]:
    return {
        "kind": plan.kind,
        "summary": plan.summary,
        "fingerprint": plan.fingerprint,
        "counts": plan.counts,
        "codings_moved": [row.id for row in plan.moves.moved],
        "duplicates_collapsed": [
            {"removed": item.dropped.id, "kept": item.kept.id, "memo": item.memo} for item in plan.moves.collapsed
        ],
        "children_reparented": [code.pk for code in plan.children],
        "codes_removed": [code.pk for code in plan.removed],
        "codes_moved": [code.pk for code in plan.subtree],
        "interviews": [
            {"id": interview.pk, "title": interview.title, "region": interview.region.name}
            for interview in plan.interviews
        ],
    }


def _answer(
    values: dict[str, Any], preview: Callable[[], Preview], run: Callable[[str], CodebookOperation]
) -> Response:
    try:
        if values["preview"]:
            return Response(preview_data(preview()))
        return Response(OperationSerializer(run(values["fingerprint"])).data, status=status.HTTP_201_CREATED)
    except Refused as refused:
        if refused.conflict:
            raise Conflict(" ".join(refused.messages)) from refused
        raise ValidationError({"detail": refused.messages}) from refused


def _optional(source: Code, code_id: int | None, role: str) -> Code | None:
    return None if code_id is None else selectors.same_scheme_code(source, code_id, role)


class CodebookActions(viewsets.GenericViewSet):
    """Merge, split and move for ``CodeViewSet`` (its ``get_queryset`` scopes the code to the user)."""

    request: AuthenticatedRequest

    def _lead_scope(self, serializer_class: type[ConfirmSerializer]) -> tuple[Code, Study, dict[str, Any]]:
        code = self.get_object()
        study = selectors.study_for_code(code, self.request.user)
        require_role(study, self.request.user, Role.LEAD)
        body = serializer_class(data=self.request.data)
        body.is_valid(raise_exception=True)
        return code, study, dict(body.validated_data)

    @extend_schema(request=MergeRequestSerializer, responses=RESPONSES)
    @action(detail=True, methods=["post"])
    def merge(self, request: Request, pk: str | None = None) -> Response:
        """Merge this code into ``into``: codings (duplicates collapse), sub-codes; this code goes."""
        source, study, values = self._lead_scope(MergeRequestSerializer)

        def target() -> Code:
            return selectors.same_scheme_code(source, values["into"], "target")

        return _answer(
            values,
            lambda: selectors.merge_preview(study=study, source=source, target=target()),
            lambda fingerprint: reorganise.codes_merge(
                study=study, source=source, target=target(), fingerprint=fingerprint, user=self.request.user
            ),
        )

    @extend_schema(request=SplitRequestSerializer, responses=RESPONSES)
    @action(detail=True, methods=["post"])
    def split(self, request: Request, pk: str | None = None) -> Response:
        """Move the listed codings of this code to ``into`` or to a new code ``new_name`` under ``new_parent``."""
        source, study, values = self._lead_scope(SplitRequestSerializer)

        def where() -> dict[str, Any]:
            return {
                "study": study,
                "source": source,
                "coding_ids": values["codings"],
                "target": _optional(source, values.get("into"), "target"),
                "new_name": values.get("new_name", ""),
                "new_parent": _optional(source, values.get("new_parent"), "new parent"),
            }

        return _answer(
            values,
            lambda: selectors.split_preview(**where()),
            lambda fingerprint: reorganise.codings_split(**where(), fingerprint=fingerprint, user=self.request.user),
        )

    @extend_schema(request=MoveRequestSerializer, responses=RESPONSES)
    @action(detail=True, methods=["post"])
    def move(self, request: Request, pk: str | None = None) -> Response:
        """Give this code the parent ``new_parent`` (null: top level); its sub-tree follows."""
        code, study, values = self._lead_scope(MoveRequestSerializer)

        def parent() -> Code | None:
            return _optional(code, values["new_parent"], "new parent")

        return _answer(
            values,
            lambda: selectors.move_preview(study=study, code=code, new_parent=parent()),
            lambda fingerprint: reorganise.code_move(
                study=study, code=code, new_parent=parent(), fingerprint=fingerprint, user=self.request.user
            ),
        )


class CodebookChangeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Codebook reorganisations of the user's studies, newest first; a lead undoes the latest."""

    serializer_class = OperationSerializer
    request: AuthenticatedRequest
    lookup_value_regex = "[0-9]+"

    def get_queryset(self) -> QuerySet[CodebookOperation]:
        studies = visible_to(self.request.user, Study.objects.all())
        return CodebookOperation.objects.filter(study__in=studies).order_by("-id")

    @extend_schema(request=None, responses={200: OperationSerializer, 409: REFUSED_409})
    @action(detail=True, methods=["post"])
    def undo(self, request: Request, pk: str | None = None) -> Response:
        """Undo this change: only the study's latest one not undone yet, and only if its rows are unchanged."""
        operation = self.get_object()
        require_role(operation.study, self.request.user, Role.LEAD)
        try:
            done = undo.operation_undo(operation=operation, user=self.request.user)
        except Refused as refused:
            raise Conflict(" ".join(refused.messages)) from refused
        return Response(OperationSerializer(done).data)
