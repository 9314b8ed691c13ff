"""Transcript search and auto-coding through the API, on the services and selectors of the pages.

GET  /api/studies/{id}/search/?q=...            interviews that match, each hit in context
POST /api/studies/{id}/autocode/                without ``plan``: the preview; with it: code them
POST /api/studies/{id}/autocode/{run}/undo/     remove the codings of that run

Members search (404 for anyone else, also for a region, wave or code of another study); coding
and undoing need the coder role (403), and an undo the run's coder or a lead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.paginator import Paginator
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from cases.access import get_for_user, require_role
from cases.choices import Role
from cases.models import Study
from coding.api.base import Conflict, StudyRolePermission
from coding.api.search_serializers import (
    AutocodePreviewSerializer,
    AutocodeRequestSerializer,
    AutocodeRunSerializer,
    SearchPageParamsSerializer,
    SearchPageSerializer,
    UndoSerializer,
)
from coding.search import plans, runs, selectors, services

if TYPE_CHECKING:
    from rest_framework.request import Request

    from coding.api.base import AuthenticatedRequest

PAGE_SIZE = 10
ERRORS = {
    400: OpenApiResponse(OpenApiTypes.OBJECT, description="A malformed or empty query, or a bad field"),
    404: OpenApiResponse(OpenApiTypes.OBJECT, description="Not a member, or a region, wave, code or run elsewhere"),
}
WRITE_ERRORS = {**ERRORS, 403: OpenApiResponse(OpenApiTypes.OBJECT, description="Below the coder role")}


def study_for(request: AuthenticatedRequest, pk: str) -> Study:
    if not (pk.isascii() and pk.isdigit()) or len(pk) > 10:
        raise Http404
    return get_for_user(Study.objects.all(), request.user, pk=pk)


class StudySearchView(APIView):
    """The study's interviews whose transcript matches, ten a page, each with all its hits in context."""

    permission_classes = [StudyRolePermission]
    request: AuthenticatedRequest

    @extend_schema(parameters=[SearchPageParamsSerializer], responses={200: SearchPageSerializer, **ERRORS})
    def get(self, request: Request, pk: str) -> Response:
        study = study_for(self.request, pk)
        params = SearchPageParamsSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        query = params.validated_data["q"]
        matching = selectors.matching_interviews(study, query, params.filters(study))
        page = Paginator(matching, PAGE_SIZE).get_page(params.validated_data["page"])
        body = {
            "count": page.paginator.count,
            "page": page.number,
            "pages": page.paginator.num_pages,
            "results": selectors.with_hits(list(page), query),
        }
        return Response(SearchPageSerializer(body).data)


class StudyAutocodeView(APIView):
    """Code every hit of a search with one code: first the preview, then the same body with its ``plan``."""

    permission_classes = [StudyRolePermission]
    request: AuthenticatedRequest

    @extend_schema(
        request=AutocodeRequestSerializer,
        responses={
            200: AutocodePreviewSerializer,
            201: AutocodeRunSerializer,
            409: OpenApiResponse(OpenApiTypes.OBJECT, description="The hits changed since the preview"),
            **WRITE_ERRORS,
        },
    )
    def post(self, request: Request, pk: str) -> Response:
        study = study_for(self.request, pk)
        require_role(study, self.request.user, Role.CODER)
        body = AutocodeRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        arguments = {
            "study": study,
            "query": body.validated_data["q"],
            "filters": body.filters(study),
            "code": body.code_of(study),
            "unit": body.validated_data["unit"],
        }
        if "plan" not in body.validated_data:
            preview = plans.plan(coder=self.request.user, **arguments)
            return Response(AutocodePreviewSerializer(preview).data)
        try:
            run = services.autocode_hits(coder=self.request.user, plan_token=body.validated_data["plan"], **arguments)
        except services.PlanChanged as changed:
            raise Conflict(" ".join(changed.messages)) from changed
        except DjangoValidationError as refused:
            raise ValidationError({"detail": refused.messages}) from refused
        return Response(AutocodeRunSerializer(run).data, status=status.HTTP_201_CREATED)


class AutocodeUndoView(APIView):
    """Remove the codings an auto-coding run made that still exist (its coder or a lead)."""

    permission_classes = [StudyRolePermission]
    request: AuthenticatedRequest

    @extend_schema(request=None, responses={200: UndoSerializer, **WRITE_ERRORS})
    def post(self, request: Request, pk: str, run: str) -> Response:
        study = study_for(self.request, pk)
        role = require_role(study, self.request.user, Role.CODER)
        if runs.run_of(study, run) is None:
            raise Http404("No auto-coding run with this number in the study.")
        try:
            removed = services.autocode_undo(study=study, user=self.request.user, token=run, role=role)
        except DjangoValidationError as refused:
            raise ValidationError({"detail": refused.messages}) from refused
        return Response(UndoSerializer({"removed": removed}).data)
