"""Exports through the API as jobs (``coding.jobs``): the large files, built by the worker.

``POST /api/exports/`` (``kind`` qdpx: a study's REFI-QDA project; xlsx: a statistics ``table`` of
a ``study`` or ``region``; ``pseudonymised``) answers 202 with the job, as ``POST /api/imports/``;
poll ``GET /api/jobs/{id}/`` until done, then fetch ``file_url``: ``GET /api/jobs/{id}/file/``.
Members of the study start and fetch exports (404 for anyone else), as the direct downloads.
"""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cases.access import get_for_user
from cases.models import Region, Study
from coding.api.jobs import JOB, job_json
from coding.exchange.tables.rows import TABLES
from coding.jobs.selectors import job_for_user
from coding.jobs.services import job_export, job_table_export


class ExportRequestSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=["qdpx", "xlsx"], help_text="qdpx: the study's REFI-QDA project; xlsx: one statistics table."
    )
    study = serializers.IntegerField(required=False, help_text="The study (qdpx: required; xlsx: or ``region``).")
    region = serializers.IntegerField(required=False, help_text="xlsx: the table of this region only.")
    table = serializers.ChoiceField(choices=sorted(TABLES), required=False, help_text="xlsx: which table.")
    pseudonymised = serializers.BooleanField(default=False, help_text="Replace person names by pseudonyms.")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        owners = [name for name in ("study", "region") if attrs.get(name) is not None]
        if attrs["kind"] == "qdpx" and owners != ["study"]:
            raise ValidationError({"study": [_("A .qdpx is of a whole study: give its id (and no region).")]})
        if attrs["kind"] == "xlsx":
            if len(owners) != 1:
                raise ValidationError({"study": [_("Give a study or a region (one of them).")]})
            if not attrs.get("table"):
                raise ValidationError(
                    {"table": [_("Which table: %(tables)s.") % {"tables": ", ".join(sorted(TABLES))}]}
                )
        return attrs


class ExportView(APIView):
    """Start an export: the worker builds the file; poll the job it answers with, then fetch its file."""

    @extend_schema(request=ExportRequestSerializer, responses={202: JOB})
    def post(self, request: Request) -> Response:
        given = ExportRequestSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        fields, user = given.validated_data, request.user
        pseudonymised = fields["pseudonymised"]
        if fields["kind"] == "qdpx":
            study = get_for_user(Study.objects.all(), user, pk=fields["study"])
            job = job_export(user=user, study=study, pseudonymised=pseudonymised)  # type: ignore[arg-type]
        else:
            owner: Study | Region
            if fields.get("region") is not None:
                owner = get_for_user(Region.objects.select_related("study"), user, pk=fields["region"])
            else:
                owner = get_for_user(Study.objects.all(), user, pk=fields["study"])
            job = job_table_export(user=user, owner=owner, table=fields["table"], pseudonymised=pseudonymised)  # type: ignore[arg-type]
        answer = job_json(job)
        return Response(answer, status=status.HTTP_202_ACCEPTED, headers={"Location": answer["url"]})


class JobFileView(APIView):
    """The file a finished export job made."""

    @extend_schema(
        parameters=[OpenApiParameter("id", int, OpenApiParameter.PATH)],
        responses={
            (200, "application/octet-stream"): OpenApiResponse(OpenApiTypes.BINARY, description="The export's file"),
            (404, "application/json"): OpenApiResponse(OpenApiTypes.OBJECT, description="No such job, or no file yet"),
        },
    )
    def get(self, request: Request, pk: str) -> FileResponse:
        if not pk.isdigit():
            raise Http404
        job = job_for_user(request.user, int(pk))
        if not job.output:
            raise Http404("This job has no file (yet).")
        return FileResponse(job.output.open("rb"), as_attachment=True, filename=job.filename)
