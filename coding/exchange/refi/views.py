"""The REFI-QDA project import page for leads (the .qdpx download is in ``coding.exchange.downloads``)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from cases.access import get_for_user
from cases.choices import Role
from cases.models import Study
from coding.exchange.records import ImportErrors, Problem
from coding.exchange.refi.forms import QdpxImportForm
from coding.exchange.refi.services import qdpx_import


@login_required
def qdpx_import_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Leads upload a coded project; on failure the page lists every problem, nothing is written."""
    study = get_for_user(Study.objects.all(), request.user, min_role=Role.LEAD, pk=pk)
    form = QdpxImportForm(study, request.POST or None, request.FILES or None, initial={"coder": request.user.pk})
    problems: list[Problem] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["upload"]
        try:
            result = qdpx_import(
                upload=upload,
                study=study,
                region=form.cleaned_data["region"],
                default_coder=form.cleaned_data["coder"],
                filename=upload.name,
            )
        except ImportErrors as error:
            problems = error.problems
        else:
            messages.success(
                request,
                f"Imported {result.interviews} interview(s) with {result.codings} coding(s); "
                f"the study now uses {result.scheme}.",
            )
            for note in result.variable_renames:  # the user sees which name each variable has now
                messages.info(request, note)
            return redirect("exports:study-list", pk=study.pk)
    context = {"study": study, "form": form, "problems": problems}
    return render(request, "coding/exports/qdpx_import.html", context, status=400 if problems else 200)
