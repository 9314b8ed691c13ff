"""The statistics tables through the API (issue 6): the same files and rules as the export page.

GET /api/studies/{id}/tables/{table}.{csv|xlsx} and /api/regions/{id}/tables/...; members of the
study read them (404 for anyone else, via cases.access); ``?pseudonymised=1`` replaces person names.
"""

from __future__ import annotations

import json
from typing import Any, ClassVar

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import renderers
from rest_framework.request import Request
from rest_framework.views import APIView

from cases.access import get_for_user
from cases.api.base import StudyRolePermission
from cases.models import Region, Study
from coding.tables import TABLES
from coding.views.tables import CONTENT_TYPES, table_response


class FileRenderer(renderers.BaseRenderer):
    """Lets clients ask for the file's type; errors (a dict) are still sent as JSON text."""

    charset = None

    def render(self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None) -> bytes:
        return json.dumps(data).encode() if data is not None else b""


class CSVRenderer(FileRenderer):
    media_type, format = "text/csv", "csv"


class XLSXRenderer(FileRenderer):
    media_type, format = CONTENT_TYPES["xlsx"], "xlsx"


TABLE_PARAMETERS = [
    OpenApiParameter("table", str, OpenApiParameter.PATH, enum=sorted(TABLES)),
    OpenApiParameter("extension", str, OpenApiParameter.PATH, enum=sorted(CONTENT_TYPES)),
    OpenApiParameter("pseudonymised", bool, description="Replace person names in names and quotes."),
]
TABLE_RESPONSES = {
    (200, "text/csv"): OpenApiResponse(OpenApiTypes.BINARY, description="UTF-8 CSV with a byte-order mark"),
    (200, CONTENT_TYPES["xlsx"]): OpenApiResponse(OpenApiTypes.BINARY, description="One-sheet workbook"),
    (404, "application/json"): OpenApiResponse(OpenApiTypes.OBJECT, description="Not a member, or no such table"),
}


class TableView(APIView):
    """One statistics table of a study or region as CSV or XLSX."""

    permission_classes: ClassVar = [StudyRolePermission]
    renderer_classes: ClassVar = [renderers.JSONRenderer, CSVRenderer, XLSXRenderer]
    model: ClassVar[type[Study] | type[Region]] = Study

    @extend_schema(parameters=TABLE_PARAMETERS, responses=TABLE_RESPONSES)
    def get(self, request: Request, pk: int, table: str, extension: str) -> HttpResponse:
        queryset = Region.objects.select_related("study") if self.model is Region else Study.objects.all()
        owner = get_for_user(queryset, request.user, pk=pk)
        pseudonymised = request.query_params.get("pseudonymised", "") in ("1", "true", "yes")
        return table_response(owner, table, extension, pseudonymised=pseudonymised)


class StudyTableView(TableView):
    model = Study


class RegionTableView(TableView):
    model = Region
