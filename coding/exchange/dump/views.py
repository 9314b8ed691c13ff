"""The JSON dump of a whole study (issue 6): streamed download and the import page.

Download: members only (404 otherwise, via cases.access), like the other exports. Import: any
logged-in user; the importer becomes the lead of the new study.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render

from cases.access import get_for_user
from cases.models import Study
from coding.exchange.dump import DumpRefused, study_dump, study_import
from coding.exchange.records import ImportErrors

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile
    from django.http.response import HttpResponseBase

    from cases.access import AuthenticatedHttpRequest


class DumpImportForm(forms.Form):
    dump = forms.FileField(label="Study dump (.json)", help_text="A file made by “Full JSON dump of the study”.")

    def clean_dump(self) -> bytes:
        upload = self.cleaned_data["dump"]
        if upload.size > settings.IMPORT_MAX_UPLOAD_BYTES:
            limit = settings.IMPORT_MAX_UPLOAD_BYTES
            raise forms.ValidationError(f"The file has {upload.size:,} bytes; the limit is {limit:,}.")
        return upload.read()


@login_required
def study_dump_file(request: HttpRequest, pk: int) -> HttpResponseBase:
    study = get_for_user(Study.objects.select_related("coding_scheme"), request.user, pk=pk)
    pseudonymised = request.GET.get("pseudonymised") == "1"
    try:
        pieces = study_dump(study, pseudonymised=pseudonymised)
    except DumpRefused as error:
        messages.error(request, str(error))
        return redirect("exports:study-list", pk=study.pk)
    response = StreamingHttpResponse(pieces, content_type="application/json")
    suffix = "-pseudonymised" if pseudonymised else ""
    response["Content-Disposition"] = f'attachment; filename="study-{study.pk}{suffix}.json"'
    return response


@login_required
def study_dump_import(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = DumpImportForm(request.POST or None, request.FILES or None)
    problems: list = []
    if request.method == "POST" and form.is_valid():
        try:
            upload = cast("UploadedFile", request.FILES["dump"])  # there: the form is valid
            study = study_import(form.cleaned_data["dump"], user=request.user, filename=upload.name or "dump")
        except ImportErrors as error:
            problems = error.problems
        else:
            messages.success(request, f"Study “{study}” imported; you are its lead.")
            return redirect("cases:study-detail", pk=study.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "coding/exports/import.html", {"form": form, "problems": problems}, status=status)
