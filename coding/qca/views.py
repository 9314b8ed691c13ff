"""The QCA page under Compare: run a specification, read it, save it, download it.

The specification lives in the query string (like the comparison), so an analysis is a shareable
URL and the downloads take the same address; ``?model=<id>`` opens a saved model with its stored
result (recomputed when its data changed). Viewers run and read; coders and leads save and delete
models (README, "QCA").
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases.access import get_for_user, require_role
from cases.choices import Role
from cases.models import Study
from coding.qca import display, files, selectors, services
from coding.qca.forms import ROWS, ConditionForm, QcaForm, add_input_error, condition_initial, spec_json
from coding.qca.models import QcaModel
from coding.qca.spec import parse_spec
from coding.templatetags.says import say


class Page:
    """The bound forms of one request and, once run, the analysis (or the refusal)."""

    def __init__(self, study: Study, data: QueryDict | None, initial: dict[str, Any] | None = None) -> None:
        self.study = study
        self.cases = selectors.all_cases(study)
        sources = selectors.source_choices(study)
        initial = initial or {}
        rows = max(ROWS, len(initial.get("conditions", [])) + 2)
        self.form = QcaForm(data, cases=self.cases, initial=initial.get("form"))
        self.outcome = ConditionForm(data, prefix="outcome", sources=sources, initial=initial.get("outcome"))
        conditions = initial.get("conditions", [])
        self.rows = [
            ConditionForm(data, prefix=f"c{i}", sources=sources, initial=conditions[i] if i < len(conditions) else None)
            for i in range(rows)
        ]
        self.analysis: services.Analysis | None = None

    def run(self) -> bool:
        forms_valid = [self.form.is_valid(), self.outcome.is_valid(), *(row.is_valid() for row in self.rows)]
        if not all(forms_valid):
            return False
        body, filled = spec_json(self.form, self.outcome, self.rows)
        if body["outcome"] is None:
            self.outcome.add_error("source", _("Choose the outcome: a name and where its values come from."))
            return False
        try:
            self.analysis = services.qca_analyse(study=self.study, spec_json=body)
        except services.QcaInputError as error:
            add_input_error(
                error.place, say(error.said), form=self.form, outcome=self.outcome, rows=self.rows, filled=filled
            )
            return False
        return True

    @property
    def has_errors(self) -> bool:
        return any(form.errors for form in (self.form, self.outcome, *self.rows))


def spec_initial(spec: dict[str, Any]) -> dict[str, Any]:
    """Form initials from a saved specification (to edit and rerun a saved model)."""
    prefix = "r" if spec.get("unit") == "region" else "w"
    directions = spec.get("dir_exp") or {}
    return {
        "form": {
            "unit": spec.get("unit"),
            "cases": [f"{prefix}{pk}" for pk in spec.get("cases", [])],
            **{key: spec.get(key) for key in ("incl_cut", "n_cut", "pri_cut", "solution")},
        },
        "outcome": condition_initial(spec.get("outcome") or {}),
        "conditions": [condition_initial(c, directions.get(c.get("name"), "-")) for c in spec.get("conditions", [])],
    }


def _study(request: HttpRequest, pk: int, min_role: str = Role.VIEWER) -> Study:
    study = get_for_user(Study.objects.all(), request.user, pk=pk)
    require_role(study, request.user, min_role)
    return study


def _saved(study: Study, model_id: str | None) -> QcaModel | None:
    if not model_id:
        return None
    if not model_id.isdigit():
        raise Http404
    model = QcaModel.objects.filter(study=study, pk=int(model_id)).first()
    if model is None:
        raise Http404
    return model


def _context(page: Page, result: dict[str, Any] | None, model: QcaModel | None, query: str) -> dict[str, Any]:
    return {
        "study": page.study,
        "page": page,
        "form": page.form,
        "outcome": page.outcome,
        "rows": page.rows,
        "result": display.page_result(result) if result else None,
        "xy": display.xy_points(result) if result else None,
        "model": model,
        "models": selectors.study_models(page.study),
        "query": query,
        "solution_titles": display.SOLUTION_TITLES,
    }


@login_required
def qca_page(request: HttpRequest, pk: int) -> HttpResponse:
    study = _study(request, pk)
    model = _saved(study, request.GET.get("model"))
    if model is not None and "run" not in request.GET:
        model = services.model_refresh(model=model)
        page = Page(study, None, spec_initial(model.spec))
        page.form.initial["name"] = model.name
        context = _context(page, model.result, model, f"model={model.pk}")
        return render(request, "coding/qca/page.html", _with_role(context, request, study))
    page = Page(study, request.GET if "run" in request.GET else None)
    ran = "run" in request.GET and page.run()
    result = page.analysis.result if ran and page.analysis else None
    context = _context(page, result, model, request.GET.urlencode())
    status = 400 if page.has_errors else 200
    return render(request, "coding/qca/page.html", _with_role(context, request, study), status=status)


def _with_role(context: dict[str, Any], request: HttpRequest, study: Study) -> dict[str, Any]:
    role = study.role_of(request.user)
    context["can_save"] = role in (Role.CODER, Role.LEAD)
    return context


@login_required
@require_POST
def qca_save(request: HttpRequest, pk: int) -> HttpResponse:
    """Save the posted specification as a new model, or over ``model`` (coders and leads)."""
    study = _study(request, pk, Role.CODER)
    model = _saved(study, request.POST.get("model"))
    page = Page(study, request.POST)
    if page.run() and page.analysis is not None:
        name = page.form.cleaned_data.get("name") or ""
        try:
            if model is None:
                model = services.qca_model_create(
                    study=study, user=request.user, name=name, spec_json=page.analysis.spec.as_json()
                )
            else:
                model = services.qca_model_update(model=model, name=name, spec_json=page.analysis.spec.as_json())
        except services.QcaInputError as error:
            page.form.add_error("name" if error.place == "name" else None, say(error.said))
        else:
            messages.success(request, _("Saved the QCA model “%(name)s”.") % {"name": model.name})
            return redirect(reverse("qca:page", args=[study.pk]) + f"?model={model.pk}")
    result = page.analysis.result if page.analysis else None
    context = _with_role(_context(page, result, model, ""), request, study)
    return render(request, "coding/qca/page.html", context, status=400)


@login_required
@require_POST
def qca_delete(request: HttpRequest, pk: int, model_pk: int) -> HttpResponse:
    study = _study(request, pk, Role.CODER)
    model = _saved(study, str(model_pk))
    assert model is not None
    services.qca_model_delete(model=model)
    messages.success(request, _("Deleted the QCA model “%(name)s”.") % {"name": model.name})
    return redirect("qca:page", pk=study.pk)


DOWNLOADS = {
    "data.csv": "text/csv; charset=utf-8",
    "truth-table.csv": "text/csv; charset=utf-8",
    "solution.txt": "text/plain; charset=utf-8",
    "analysis.R": "text/plain; charset=utf-8",
}


@login_required
def qca_download(request: HttpRequest, pk: int, what: str) -> HttpResponse:
    """A download of the page's analysis (same query string) or of a saved model (``?model=``)."""
    if what not in DOWNLOADS:
        raise Http404
    study = _study(request, pk)
    model = _saved(study, request.GET.get("model"))
    if model is not None:
        model = services.model_refresh(model=model)
        if model.result is None:
            return HttpResponse(model.error or "No result yet.", status=409, content_type="text/plain; charset=utf-8")
        spec, result, stem = parse_spec(model.spec), model.result, f"qca-model-{model.pk}"
    else:
        page = Page(study, request.GET)
        if not page.run() or page.analysis is None:
            errors = [
                f"{error}"
                for form in (page.form, page.outcome, *page.rows)
                for e in form.errors.values()
                for error in e
            ]
            return HttpResponse("\n".join(errors), status=400, content_type="text/plain; charset=utf-8")
        spec, result, stem = page.analysis.spec, page.analysis.result, f"qca-study-{study.pk}"
    body = download_body(what, spec, result, stem, title=f"QCA {model.name if model else ''} · {study.title}")
    response = HttpResponse(body, content_type=DOWNLOADS[what])
    response["Content-Disposition"] = f'attachment; filename="{stem}-{what}"'
    return response


def download_body(what: str, spec: Any, result: dict[str, Any], stem: str, *, title: str) -> str:
    if what == "data.csv":
        return files.data_csv(result, spec)
    if what == "truth-table.csv":
        return files.truth_table_csv(result)
    if what == "solution.txt":
        return "\n".join(files.solution_text(result, kind) for kind in result["solutions"])
    multivalue = any(level > 2 for level in result["truth_table"]["levels"])
    return files.r_script(spec, title=title, data_file=f"{stem}-data.csv", multivalue=multivalue)
