"""Pages of transcript search: hits in context, and coding every hit at once (with undo)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from cases.access import get_for_user, require_role, role_allows
from cases.choices import Role
from cases.models import Study
from coding.search import plans, runs, selectors, services
from coding.search.forms import UNIT_NAMES, AutocodeForm, CodeChoiceForm, SearchForm

if TYPE_CHECKING:
    from cases.access import AuthenticatedHttpRequest

PAGE_SIZE = 10  # interviews a page, each with its hits
LINES_PER_INTERVIEW = 25  # context lines shown per interview; the count says how many more
PREVIEW_ROWS = 300  # passages listed in a preview; the counts cover all of them


def _query_string(request: AuthenticatedHttpRequest, *drop: str) -> str:
    query = request.GET.copy()
    for name in ("page", *drop):
        query.pop(name, None)
    return query.urlencode()


@login_required
def search(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    study = get_for_user(Study.objects.all(), request.user, pk=pk)
    form = SearchForm(request.GET if "q" in request.GET else None, study=study)
    context: dict = {"study": study, "form": form, "can_code": role_allows(study.user_role, Role.CODER)}
    if form.is_valid():
        query = form.cleaned_data["q"]
        matching = selectors.matching_interviews(study, query, form.filters())
        page = Paginator(matching, PAGE_SIZE).get_page(request.GET.get("page"))
        context.update(
            page=page,
            results=selectors.with_hits(list(page), query),
            query=_query_string(request),
            autocode_form=CodeChoiceForm(study=study),
            lines_per_interview=LINES_PER_INTERVIEW,
            lines_shown=f":{LINES_PER_INTERVIEW}",
            minus_shown=-LINES_PER_INTERVIEW,
            search_fields=[(name, request.GET[name]) for name in SearchForm.base_fields if request.GET.get(name)],
        )
    return render(request, "coding/search/search.html", context, status=400 if form.errors else 200)


@login_required
def autocode(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """GET previews the passages a code would be given; POST codes them (coders and leads)."""
    study = get_for_user(Study.objects.all(), request.user, min_role=Role.CODER, pk=pk)
    form = AutocodeForm(request.POST if request.method == "POST" else request.GET, study=study)
    context: dict = {"study": study, "form": form, "search_query": _query_string(request, "code", "unit", "plan")}
    if not form.is_valid():
        return render(request, "coding/search/autocode.html", context, status=400)
    arguments = {
        "study": study,
        "query": form.cleaned_data["q"],
        "filters": form.filters(),
        "code": form.cleaned_data["code"],
        "unit": form.cleaned_data["unit"],
    }
    if request.method == "POST":
        try:
            run = services.autocode_hits(coder=request.user, plan_token=form.cleaned_data["plan"], **arguments)
        except ValidationError as refused:
            form.add_error(None, refused)
        else:
            messages.success(
                request,
                _("Coded %(count)s passages; %(skipped)s were coded already and skipped.")
                % {"count": len(run.created), "skipped": run.skipped},
            )
            return redirect("search:autocode-run", pk=study.pk, token=run.token)
    preview = plans.plan(coder=request.user, **arguments)
    unit_label = UNIT_NAMES.get(form.cleaned_data["unit"], form.cleaned_data["unit"])
    context.update(
        plan=preview, shown=preview.passages[:PREVIEW_ROWS], preview_rows=PREVIEW_ROWS, unit_label=unit_label
    )
    return render(request, "coding/search/autocode.html", context, status=400 if form.errors else 200)


@login_required
def autocode_run(request: AuthenticatedHttpRequest, pk: int, token: str) -> HttpResponse:
    """An auto-coding run and the codings it made that still exist; POST undoes it."""
    study = get_for_user(Study.objects.all(), request.user, pk=pk)
    run = runs.run_of(study, token)
    if run is None:
        raise Http404
    if request.method == "POST":
        role = require_role(study, request.user, Role.CODER)
        try:
            removed = services.autocode_undo(study=study, user=request.user, token=token, role=role)
        except ValidationError as refused:
            messages.error(request, " ".join(refused.messages))
        else:
            messages.success(request, _("Undone: %(count)s codings of this run removed.") % {"count": removed})
        return redirect(reverse("search:autocode-run", args=[study.pk, token]))
    can_undo = (
        run.existing
        and (run.coder_id == request.user.pk or role_allows(study.user_role, Role.LEAD))
        and role_allows(study.user_role, Role.CODER)
    )
    context = {"study": study, "run": run, "can_undo": can_undo}
    return render(request, "coding/search/run.html", context)
