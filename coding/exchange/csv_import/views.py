"""CSV import of a region's actors or interactions: upload, map the columns, import.

Coders and leads only (cases.access: 404 outside the study, 403 for viewers). The parsed upload
waits in the session between the two steps, so the file is read once; nothing is written until
every row is valid (coding.exchange.csv_import.services).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from cases.access import get_for_user
from cases.choices import Role
from cases.models import Region
from coding.exchange.csv_import.forms import CsvUploadForm, MappingForm
from coding.exchange.csv_import.services import csv_import
from coding.exchange.csv_import.table import CsvTable
from coding.exchange.records import ImportErrors
from coding.variables.selectors import study_variables
from coding.variables.values import ACTOR

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile

PREVIEW_ROWS = 5


def _session_key(region: Region) -> str:
    return f"csv-import-{region.pk}"


def _region(request: HttpRequest, pk: int) -> Region:
    return get_for_user(Region.objects.select_related("study"), request.user, min_role=Role.CODER, pk=pk)


@login_required
def csv_upload(request: HttpRequest, pk: int) -> HttpResponse:
    region = _region(request, pk)
    form = CsvUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        table: CsvTable = form.cleaned_data["file"]
        request.session[_session_key(region)] = {
            "target": form.cleaned_data["target"],
            "filename": cast("UploadedFile", request.FILES["file"]).name,  # there: the form is valid
            "header": table.header, "rows": table.rows, "encoding": table.encoding, "delimiter": table.delimiter,
            "first_row": table.first_row,
        }  # fmt: skip
        return redirect("exports:csv-import-map", pk=region.pk)
    context = {"region": region, "study": region.study, "form": form}
    return render(request, "coding/csv_import/upload.html", context)


@login_required
def csv_map(request: HttpRequest, pk: int) -> HttpResponse:
    region = _region(request, pk)
    upload = request.session.get(_session_key(region))
    context: dict = {"region": region, "study": region.study, "upload": upload}
    if upload is None:  # nothing uploaded (or already imported): the page says so
        return render(request, "coding/csv_import/map.html", context)
    table = CsvTable(upload["header"], upload["rows"], upload["encoding"], upload["delimiter"], upload["first_row"])
    variables = study_variables(region.study, ACTOR) if upload["target"] == "actors" else []
    form = MappingForm(request.POST or None, target=upload["target"], header=table.header, variables=variables)
    if request.method == "POST" and form.is_valid():
        try:
            mapping, user = form.mapping(), request.user
            count = csv_import(region=region, target=upload["target"], table=table, mapping=mapping, user=user)
        except ImportErrors as error:
            context["problems"] = error.problems
        else:
            del request.session[_session_key(region)]
            messages.success(request, f"Imported {count} {upload['target']} into {region.name}.")
            return redirect("cases:actor-list" if upload["target"] == "actors" else "cases:region-detail", pk=region.pk)
    context.update(form=form, preview=table.rows[:PREVIEW_ROWS], row_count=len(table.rows))
    return render(request, "coding/csv_import/map.html", context)
