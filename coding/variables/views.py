"""The variables pages: a study's variables (leads define, edit and delete; members read), and the
values of one record.

Why the record's values have a page of their own, linked from the record's page, instead of fields
in the region, wave and actor forms: those forms live in ``cases``, which must never import
``coding`` (import contract ``cases-below-coding``). The record pages show the values through the
reverse relation ``variable_values`` that ``coding.variables.models`` declares, with the template
``coding/variables/_values_section.html`` (as they show memos), and link here to edit them; the
interview's values use the same page, so all four kinds of record work alike. The grid of many
records at once is in ``grid_views``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from cases.access import get_for_user, role_allows
from cases.choices import Role
from cases.models import Study
from cases.views.common import add_errors, call_service
from coding.variables import selectors, services
from coding.variables import values as pure
from coding.variables.fixed import FIXED
from coding.variables.forms import RecordValuesForm, VariableForm
from coding.variables.models import Variable, VariableTarget, VariableType
from coding.variables.wording import texts

if TYPE_CHECKING:
    from cases.access import AuthenticatedHttpRequest


@login_required
def variables_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Per kind of record: the fixed attributes, then the study's variables with their values' count."""
    study = get_for_user(Study.objects.all(), request.user, pk=pk)
    variables = selectors.variables_with_counts(study)
    sections = [
        {
            "target": target,
            "label": label,
            "fixed": [(attribute, VariableType(attribute.type).label) for attribute in FIXED[target]],
            "wording": texts(target),
            "variables": [variable for variable in variables if variable.target == target],
        }
        for target, label in VariableTarget.choices
    ]
    context = {
        "study": study,
        "sections": sections,
        "regions": study.regions.order_by("name"),
        "is_lead": role_allows(study.user_role, Role.LEAD),
        "is_coder": role_allows(study.user_role, Role.CODER),
    }
    return render(request, "coding/variables/list.html", context)


@login_required
def variable_create(request: HttpRequest, pk: int) -> HttpResponse:
    study = get_for_user(Study.objects.all(), request.user, min_role=Role.LEAD, pk=pk)
    target = request.GET.get("target", "")
    form = VariableForm(request.POST or None, initial={"target": target if target in pure.TARGETS else ""})
    if request.method == "POST" and form.is_valid():

        def write() -> Variable:
            return services.variable_create(study=study, target=form.cleaned_data["target"], **form.definition())

        if variable := call_service(request, form, write, success=_("Variable defined.")):
            return redirect(_page(study, variable))
    return _form(request, form, study, heading=_("New variable"))


@login_required
def variable_edit(request: HttpRequest, pk: int) -> HttpResponse:
    variable = get_for_user(Variable.objects.select_related("study"), request.user, min_role=Role.LEAD, pk=pk)
    form = VariableForm(request.POST or None, instance=variable)
    if request.method == "POST" and form.is_valid():

        def write() -> Variable:
            changes = {**form.definition(), "renamed_categories": form.renamed}
            return services.variable_update(variable=variable, changes=changes)

        if call_service(request, form, write, success=_("Variable saved.")):
            return redirect(_page(variable.study, variable))
    return _form(request, form, variable.study, heading=_("Edit the variable “%(name)s”") % {"name": variable.name})


@login_required
def variable_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the confirmation, naming how many values go with the variable. POST: delete."""
    variable = get_for_user(Variable.objects.select_related("study"), request.user, min_role=Role.LEAD, pk=pk)
    if request.method == "POST":
        services.variable_delete(variable=variable)
        messages.success(request, _("The variable “%(name)s” and its values were deleted.") % {"name": variable.name})
        return redirect(_page(variable.study, variable))
    context = {"study": variable.study, "variable": variable, "value_count": variable.values.count()}
    return render(request, "coding/variables/delete.html", context)


@login_required
def record_values(request: AuthenticatedHttpRequest, pk: int, target: str, record_id: int) -> HttpResponse:
    """The values of one region, wave, actor or interview: coders and leads edit them here."""
    study = get_for_user(Study.objects.all(), request.user, min_role=Role.CODER, pk=pk)
    record = _record_in_study(study, target, record_id)
    variables = selectors.study_variables(study, target)
    current = selectors.record_values(variables, [record.pk]).get(record.pk, {})
    form = RecordValuesForm(request.POST or None, variables=variables, current=current)
    if request.method == "POST" and form.is_valid():
        changes = {variable: {record.pk: raw} for variable, raw in form.changes().items()}
        try:
            services.values_set_many(study=study, changes=changes)
        except services.ValuesRefused as refused:
            names = {variable.pk: variable.name for variable in variables}
            for (variable_id, _record_id), problems in refused.cells.items():
                form.add_error(names[variable_id], problems)
        except ValidationError as refused:
            add_errors(form, refused)
        else:
            messages.success(request, _("Values saved."))
            return redirect(record_page(target, record))
    fixed = [(attribute, selectors.fixed_display(record, attribute)) for attribute in selectors.grid_fixed(target)]
    context = {
        "study": study,
        "record": record,
        "target": target,
        "wording": texts(target),
        "form": form,
        "fixed": fixed,
        "back": record_page(target, record),
    }
    return render(request, "coding/variables/record_values.html", context)


def record_page(target: str, record: Model) -> str:
    """Where a record's values are shown: its own page (a wave's is its region's)."""
    if target == pure.REGION:
        return reverse("cases:region-detail", args=[record.pk])
    if target == pure.WAVE:
        return reverse("cases:region-detail", args=[record.region_id])  # type: ignore[attr-defined]
    if target == pure.ACTOR:
        return reverse("cases:actor-detail", args=[record.pk])
    return reverse("interviews:detail", args=[record.pk])


def _record_in_study(study: Study, target: str, record_id: int) -> Model:
    """The study's record, or 404 (another study's record does not exist here)."""
    if target not in pure.TARGETS:
        raise Http404
    model = services.RECORD_MODELS[target]
    rows = model._default_manager.filter(**{services.STUDY_PATHS[target]: study})
    if target == pure.INTERVIEW:
        rows = rows.defer("transcript")
    record = rows.filter(pk=record_id).first()
    if record is None:
        raise Http404
    return record


def _page(study: Study, variable: Variable) -> str:
    return reverse("variables:page", args=[study.pk]) + f"#{variable.target}-variables"


def _form(request: HttpRequest, form: VariableForm, study: Study, *, heading: str) -> HttpResponse:
    context = {"study": study, "form": form, "heading": heading, "back": reverse("variables:page", args=[study.pk])}
    return render(request, "coding/variables/form.html", context)
