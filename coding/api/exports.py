"""Every export through the API: network files, REFI-QDA files and the study's JSON dump.

GET /api/studies/{id}/exports/{format} and /api/regions/{id}/exports/{format}, with session or
token authentication; the same files and rules as the export page (members only, 404 otherwise),
built by ``coding.exchange.downloads``. The statistics tables have their own routes
(coding/api/tables.py).
"""

from __future__ import annotations

from django.http import HttpResponse, StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request

from cases.models import Region, Study
from coding.analysis.layers import LAYERS
from coding.api.tables import FileView, pseudonymised_parameter
from coding.exchange.downloads import (
    DUMP_CONTENT_TYPE,
    FORMATS,
    dump_response,
    export_media_types,
    export_response,
    wants_pseudonyms,
)
from coding.exchange.dump import DumpRefused

DUMP = "dump"  # the whole study as JSON; studies only


def _parameters(formats: list[str], *, waves: bool) -> list[OpenApiParameter]:
    network = "GraphML, GEXF and Pajek only"
    choices = [
        OpenApiParameter(
            "layer", str, OpenApiParameter.QUERY, enum=list(LAYERS), description=f"Tie layer ({network}); default all."
        )
    ]
    if waves:
        choices.append(
            OpenApiParameter(
                "wave", str, OpenApiParameter.QUERY, description=f"A wave id of the region or “all” ({network})."
            )
        )
    return [
        OpenApiParameter("id", int, OpenApiParameter.PATH),
        OpenApiParameter("fmt", str, OpenApiParameter.PATH, enum=formats),
        pseudonymised_parameter("Replace person names by stable pseudonyms."),
        *choices,
    ]


def _responses(*, dump: bool) -> dict[tuple[int, str], OpenApiResponse]:
    """The file under the media type of its format (a JSON object for the dump), or a JSON error."""
    files: dict[tuple[int, str], OpenApiResponse] = {
        (200, media_type): OpenApiResponse(OpenApiTypes.BINARY, description="The file, as a download")
        for media_type in export_media_types()
    }
    if dump:
        files[(200, DUMP_CONTENT_TYPE)] = OpenApiResponse(OpenApiTypes.OBJECT, description="The study's JSON dump")
    return {
        **files,
        (400, "application/json"): OpenApiResponse(
            OpenApiTypes.OBJECT, description="A malformed query parameter, or the study cannot be dumped"
        ),
        (404, "application/json"): OpenApiResponse(OpenApiTypes.OBJECT, description="Not a member, or no such format"),
    }


class ExportView(FileView):
    def get(self, request: Request, pk: str, fmt: str) -> HttpResponse | StreamingHttpResponse:
        owner = self.owner(request, pk)
        pseudonymised = wants_pseudonyms(request.query_params)
        if fmt == DUMP and isinstance(owner, Study):
            try:
                return dump_response(owner, pseudonymised=pseudonymised)
            except DumpRefused as error:
                raise ValidationError({"detail": str(error)}) from error
        return export_response(owner, fmt, pseudonymised=pseudonymised, query=request.query_params)


class StudyExportView(ExportView):
    """A study's data in one of the export formats, or its whole JSON dump (``dump``)."""

    model = Study

    @extend_schema(parameters=_parameters([*FORMATS, DUMP], waves=False), responses=_responses(dump=True))
    def get(self, request: Request, pk: str, fmt: str) -> HttpResponse | StreamingHttpResponse:
        return super().get(request, pk, fmt)


class RegionExportView(ExportView):
    """A region's data in one of the export formats."""

    model = Region

    @extend_schema(parameters=_parameters(list(FORMATS), waves=True), responses=_responses(dump=False))
    def get(self, request: Request, pk: str, fmt: str) -> HttpResponse | StreamingHttpResponse:
        return super().get(request, pk, fmt)
