"""The statistics tables through the API: the same files and rules as the export page.

GET /api/studies/{id}/tables/{table}.{csv|xlsx} and /api/regions/{id}/tables/...; members of the
study read them (404 for anyone else, via cases.access); ``?pseudonymised=1`` replaces person names
(strictly read: a malformed value is a 400).
The files are built by ``coding.exchange.downloads``, as for the pages.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.http import Http404, HttpResponse, StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import renderers
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.request import Request
from rest_framework.views import APIView

from cases.models import Region, Study
from cases.query_flags import NO, YES
from coding.api.base import StudyRolePermission
from coding.exchange.downloads import CONTENT_TYPES, table_response, wants_pseudonyms
from coding.exchange.selectors import export_owner
from coding.exchange.tables.rows import TABLES


class FileNegotiation(BaseContentNegotiation):
    """The file type comes from the URL; errors are JSON whatever the Accept header says (no 406)."""

    def select_parser(self, request: Request, parsers: list) -> Any:  # type: ignore[override]  # DRF passes a list
        return parsers[0] if parsers else None

    def select_renderer(  # type: ignore[override]  # DRF passes a list
        self, request: Request, renderers: list, format_suffix: str | None = None
    ) -> tuple:
        return renderers[0], renderers[0].media_type


def pseudonymised_parameter(effect: str) -> OpenApiParameter:
    """``?pseudonymised=`` as ``cases.query_flags`` reads it, for every download of the API."""
    return OpenApiParameter(
        "pseudonymised",
        str,
        enum=[*YES, *NO],
        description=(
            f"{effect} Yes: {', '.join(YES)}; no: {', '.join(NO)} or leaving it out (any case). "
            "Any other value, or the parameter given twice, is refused with 400 naming it: "
            "never answered with real names."
        ),
    )


TABLE_PARAMETERS = [
    OpenApiParameter("id", int, OpenApiParameter.PATH),
    OpenApiParameter("table", str, OpenApiParameter.PATH, enum=sorted(TABLES)),
    OpenApiParameter("extension", str, OpenApiParameter.PATH, enum=sorted(CONTENT_TYPES)),
    pseudonymised_parameter("Replace person names in names and quotes."),
]
TABLE_RESPONSES = {
    (200, "text/csv"): OpenApiResponse(OpenApiTypes.BINARY, description="UTF-8 CSV with a byte-order mark"),
    (200, CONTENT_TYPES["xlsx"]): OpenApiResponse(OpenApiTypes.BINARY, description="One-sheet workbook"),
    (400, "application/json"): OpenApiResponse(OpenApiTypes.OBJECT, description="A malformed query parameter"),
    (404, "application/json"): OpenApiResponse(OpenApiTypes.OBJECT, description="Not a member, or no such table"),
}


class FileView(APIView):
    """A file about a study or region (``model``): members only, errors as JSON."""

    permission_classes = [StudyRolePermission]
    renderer_classes = [renderers.JSONRenderer]
    content_negotiation_class = FileNegotiation
    model: ClassVar[type[Study] | type[Region]] = Study

    def owner(self, request: Request, pk: str) -> Study | Region:
        if not pk.isdigit():  # the route takes any text, so every bad address gets the JSON 404
            raise Http404
        return export_owner(request.user, scope="region" if self.model is Region else "study", pk=pk)


class TableView(FileView):
    """One statistics table of a study or region as CSV or XLSX."""

    @extend_schema(parameters=TABLE_PARAMETERS, responses=TABLE_RESPONSES)
    def get(self, request: Request, pk: str, table: str, extension: str) -> HttpResponse | StreamingHttpResponse:
        owner = self.owner(request, pk)
        return table_response(owner, table, extension, pseudonymised=wants_pseudonyms(request.query_params))


class StudyTableView(TableView):
    model = Study


class RegionTableView(TableView):
    model = Region
