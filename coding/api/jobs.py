"""Imports through the API as jobs (``coding.jobs``): submit a file, then poll the job.

``POST /api/imports/`` (multipart: ``kind``, ``file``; for a .qdpx also ``study``, optional
``region`` and ``coder``; for a CSV ``region``, ``target`` and optional ``mapping``) checks the
file's size and the study role at once (400/403/404; a CSV also its text and the mapping, as the
mapping page does) and answers 202 with the job; ``GET /api/jobs/{id}/`` answers the job: its
status, progress, and the result (the study written to, an export's ``file_url``) or every problem.
Who may see a job: ``coding.jobs.selectors``.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cases.access import get_for_user
from cases.choices import Role
from cases.models import Region, Study
from coding.exchange.csv_import.fields import TARGETS, field_aliases
from coding.exchange.csv_import.jobs import csv_import_job
from coding.exchange.csv_import.table import auto_mapping, read_table
from coding.exchange.records import ImportErrors
from coding.jobs.checks import size_problem, study_coder, study_region
from coding.jobs.models import Job, JobKind
from coding.jobs.selectors import job_for_user, job_state
from coding.jobs.services import job_submit
from coding.templatetags.says import say
from coding.variables.selectors import study_variables
from coding.variables.values import ACTOR

KINDS = {"dump": JobKind.DUMP_IMPORT, "qdpx": JobKind.QDPX_IMPORT, "csv": JobKind.CSV_IMPORT}
JOB = inline_serializer(
    "ImportJob",
    {
        "id": serializers.IntegerField(),
        "kind": serializers.ChoiceField(choices=JobKind.values),
        "status": serializers.ChoiceField(choices=["queued", "running", "done", "failed"]),
        "status_label": serializers.CharField(),
        "progress": inline_serializer(
            "ImportJobProgress",
            {"done": serializers.IntegerField(), "total": serializers.IntegerField(help_text="0 while unknown.")},
        ),
        "message": serializers.CharField(),
        "problems": inline_serializer(
            "ImportProblem", {"where": serializers.CharField(), "message": serializers.CharField()}, many=True
        ),
        "result": serializers.JSONField(
            allow_null=True, help_text="summary, and study: the id of the study written to."
        ),
        "result_url": serializers.CharField(
            help_text="Once done: the study's page (a CSV import: the imported records' page; an export: its file)."
        ),
        "file_url": serializers.CharField(help_text="A finished export's file in the API, else empty."),
        "url": serializers.CharField(help_text="This job in the API: poll it."),
        "page": serializers.CharField(help_text="This job's page, with its progress bar."),
    },
)


class ImportRequestSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=sorted(KINDS), help_text="dump: a new study; qdpx: into ``study``; csv: actors or ties into ``region``."
    )
    file = serializers.FileField()
    study = serializers.IntegerField(required=False, help_text="qdpx: the study to import into (you lead it).")
    region = serializers.IntegerField(
        required=False,
        help_text="qdpx: all sources into this region of the study. csv: the region to import into (you code in it).",
    )
    coder = serializers.IntegerField(required=False, help_text="qdpx: a coder of the study (default you).")
    target = serializers.ChoiceField(
        choices=sorted(TARGETS), default="actors", help_text="csv: what the rows are (default actors)."
    )
    mapping = serializers.JSONField(
        required=False,
        help_text=(
            'csv: a JSON object, field -> column name, e.g. {"name": "Name", "kind": "Type", '
            '"variable:staff": "Employees"} (fields: the mapping page\'s; a study variable of actors as '
            '"variable:<name>"). Left out: matched from the column names, as the mapping page proposes.'
        ),
    )

    def validate_mapping(self, value: Any) -> dict[str, str]:
        if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
            raise ValidationError(_("A JSON object of field names to column names (text)."))
        return value


def job_json(job: Job) -> dict[str, Any]:
    return {
        **job_state(job).as_json(),
        "url": reverse("api:job-detail", args=[job.pk]),
        "page": reverse("jobs:detail", args=[job.pk]),
        "file_url": reverse("api:job-file", args=[job.pk]) if job.output else "",
    }


class ImportView(APIView):
    """Submit an import: it runs in the worker; poll the job it answers with."""

    parser_classes = [MultiPartParser]

    @extend_schema(request={"multipart/form-data": ImportRequestSerializer}, responses={202: JOB})
    def post(self, request: Request) -> Response:
        given = ImportRequestSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        fields = given.validated_data
        kind = KINDS[fields["kind"]]
        if problem := size_problem(kind, fields["file"].size):
            raise ValidationError({"file": [problem]})
        if kind == JobKind.DUMP_IMPORT:
            job = job_submit(kind=kind, user=request.user, upload=fields["file"])  # type: ignore[arg-type]
        elif kind == JobKind.CSV_IMPORT:
            job = _csv_job(request, fields)
        else:
            job = _qdpx_job(request, fields)
        answer = job_json(job)
        return Response(answer, status=status.HTTP_202_ACCEPTED, headers={"Location": answer["url"]})


def _qdpx_job(request: Request, fields: dict[str, Any]) -> Job:
    """The .qdpx page's checks: the user leads the study; region and coder are the study's."""
    if "study" not in fields:
        raise ValidationError({"study": [_("A .qdpx is imported into a study: give its id.")]})
    study = get_for_user(Study.objects.all(), request.user, min_role=Role.LEAD, pk=fields["study"])
    region = study_region(study, fields.get("region"))
    if fields.get("region") is not None and region is None:
        raise ValidationError({"region": [_("No region of this study has this id.")]})
    coder = study_coder(study, int(fields.get("coder") or request.user.pk or 0))
    if coder is None:
        raise ValidationError({"coder": [_("Not a lead or coder of this study.")]})
    params = {"region": region.pk if region else None, "coder": coder.pk}
    user = request.user
    return job_submit(kind=JobKind.QDPX_IMPORT, user=user, upload=fields["file"], study=study, params=params)  # type: ignore[arg-type]


def _csv_job(request: Request, fields: dict[str, Any]) -> Job:
    """The CSV pages' checks: the user codes in the region; the file is CSV text; the mapping works."""
    if fields.get("region") is None:
        raise ValidationError({"region": [_("A CSV is imported into a region: give its id.")]})
    regions = Region.objects.select_related("study")
    region = get_for_user(regions, request.user, min_role=Role.CODER, pk=fields["region"])
    target, upload = fields["target"], fields["file"]
    try:
        table = read_table(upload.read())
    except ImportErrors as error:
        raise ValidationError({"file": [say(problem.translatable()) for problem in error.problems]}) from error
    mapping = fields.get("mapping")
    if mapping is None:
        named = [(variable.name, variable.label) for variable in study_variables(region.study, ACTOR)]
        mapping = auto_mapping(table.header, field_aliases(target, named if target == "actors" else []))
    user, filename = request.user, upload.name
    try:
        return csv_import_job(region=region, target=target, table=table, mapping=mapping, user=user, filename=filename)  # type: ignore[arg-type]
    except ImportErrors as error:
        raise ValidationError({"mapping": [say(problem.translatable()) for problem in error.problems]}) from error


class JobView(APIView):
    """One job: poll it until ``status`` is done (see ``result``, an export's ``file_url``) or failed (``problems``)."""

    @extend_schema(parameters=[OpenApiParameter("id", int, OpenApiParameter.PATH)], responses={200: JOB})
    def get(self, request: Request, pk: str) -> Response:
        if not pk.isdigit():
            raise Http404
        return Response(job_json(job_for_user(request.user, int(pk))))
