"""The coding view of one interview: highlighted transcript, code a selection, edit and remove codings."""

from __future__ import annotations

import json
from collections import Counter
from typing import TYPE_CHECKING
from urllib.parse import quote

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases.access import get_for_user, require_own_or_lead, role_allows
from cases.choices import Role
from cases.models import Interview
from coding.codebook.services import may_add_codes
from coding.interviews.paragraphs import ParagraphIndex
from coding.models import Coding
from coding.workbench import selectors, services
from coding.workbench.forms import (
    CodingEditForm,
    MultiCodePassageForm,
    NewCodePassageForm,
    SelectionForm,
    loaded_version,
    model_values,
)

if TYPE_CHECKING:
    from cases.access import AuthenticatedHttpRequest

INTERVIEW_QS = Interview.objects.select_related("region__study", "wave")


def add_errors(form: forms.Form, error: ValidationError) -> None:
    """A service's refusal on the form: beside the field it names if the form has one, else on top."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def _coder_filter(request: HttpRequest) -> list[int]:
    return [int(value) for value in request.GET.getlist("coder") if value.isdigit()]


# json_script's escapes, without its \\uXXXX for every non-ASCII letter (German transcripts).
_SCRIPT_ESCAPES = str.maketrans({"<": "\\u003C", ">": "\\u003E", "&": "\\u0026"})


def _script_json(value: object) -> str:
    return mark_safe(json.dumps(value, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_ESCAPES))  # noqa: S308


def _with_id(url: str, pk: int) -> str:
    """``url`` reversed with the id 0 (its last ``/0/``), for the object ``pk``."""
    head, _sep, tail = url.rpartition("/0/")
    return f"{head}/{pk}/{tail}"


def _workbench_context(
    request: HttpRequest,
    interview: Interview,
    passage: SelectionForm | None = None,
    new_code: NewCodePassageForm | None = None,
) -> dict:
    """The page draws the transcript, codings list and side-by-side columns from one compact JSON
    (``coding_data``); the server renders only the code tree and the forms."""
    study = interview.region.study
    shown = _coder_filter(request)
    codings = selectors.codings_for_view(interview, shown)
    codes = selectors.scheme_codes(study)
    here = Counter(coding.code_id for coding in codings)
    in_study = selectors.study_code_counts(study)
    parents = {code.parent_id for code in codes}
    # Reversed once, filled in per code: 55 {% url %} tags cost more than the rest of the tree.
    memos_url = reverse("memos:on", args=[study.pk, "code", 0])
    edit_url = reverse("coding:code-edit", args=[study.pk, 0])
    back = "?next=" + quote(request.get_full_path(), safe="/")
    passage = passage or MultiCodePassageForm(interview=interview)
    new_code = new_code or NewCodePassageForm(interview=interview)
    # Asked once, not once per code: a bound field's value() prepares the whole choice list.
    checked = {str(value) for value in passage["code"].value() or ()}
    parent_value = str(new_code["parent"].value() or "")
    return {
        "interview": interview,
        "region": interview.region,
        "study": study,
        "coding_count": len(codings),
        "coders": selectors.coders_of(interview),
        "shown_coders": shown,
        "code_tree": [
            {
                "node": node,
                "pk": str(node.code.pk),
                "name": node.code.name,
                "colour": node.code.colour,
                "depth": str(node.depth),
                "search": f"{node.code.name} {node.code.definition[:200]}".lower(),
                "here": str(here[node.code.pk]),
                "in_study": str(in_study.get(node.code.pk, 0)),
                "parent": parent,
                "memos_url": _with_id(memos_url, node.code.pk),
                "edit_url": _with_id(edit_url, node.code.pk) + back,
                "ancestors": " ".join(map(str, node.ancestor_ids)),
                "dashes": "– " * node.depth,
                "checked": str(node.code.pk) in checked,
                "selected": str(node.code.pk) == parent_value,
            }
            for node in selectors.code_tree(codes)
            for parent in [node.code.pk in parents]
        ],
        "coding_data": _script_json(selectors.coding_view_data(interview, codings, codes)),
        "passage_form": passage,
        "new_code_form": new_code,
        "can_code": role_allows(interview.user_role, Role.CODER),
        "can_add_codes": may_add_codes(study, interview.user_role),
        "is_lead": role_allows(interview.user_role, Role.LEAD),
    }


@login_required
def interview_code(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """GET shows the coding view to every member; POST codes a passage (coders and leads)."""
    min_role = Role.CODER if request.method == "POST" else Role.VIEWER
    interview = get_for_user(INTERVIEW_QS, request.user, min_role=min_role, pk=pk)
    passage = None
    if request.method == "POST":
        passage = MultiCodePassageForm(request.POST, interview=interview)
        if passage.is_valid():
            try:
                codings = services.codings_create(coder=request.user, codes=passage.codes(), **passage.selection())
            except ValidationError as exc:
                add_errors(passage, exc)
            else:
                names = ", ".join(coding.code.name for coding in codings)
                messages.success(
                    request, _("Coded “%(quote)s” as %(codes)s.") % {"quote": codings[0].quote[:60], "codes": names}
                )
                return redirect(f"{reverse('coding:interview-code', args=[pk])}#coding-{codings[0].pk}")
    response = render(request, "coding/interview_code.html", _workbench_context(request, interview, passage))
    if passage is not None:
        response.status_code = 400
    return response


@login_required
@require_POST
def interview_code_new(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Add a code (typed or in vivo) to the study's scheme and code the selection with it (one step)."""
    interview = get_for_user(INTERVIEW_QS, request.user, min_role=Role.CODER, pk=pk)
    form = NewCodePassageForm(request.POST, interview=interview)
    if form.is_valid():
        try:
            coding = services.coding_create_with_new_code(coder=request.user, **form.selection(), **form.new_code())
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request,
                _("Added the code “%(code)s” and coded “%(quote)s” with it.")
                % {"code": coding.code.name, "quote": coding.quote[:60]},
            )
            return redirect(f"{reverse('coding:interview-code', args=[pk])}#coding-{coding.pk}")
    return render(
        request, "coding/interview_code.html", _workbench_context(request, interview, new_code=form), status=400
    )


def _coding_for_change(request: HttpRequest, pk: int) -> Coding:
    """Coders change their own codings; leads change anyone's."""
    coding = get_for_user(
        Coding.objects.select_related("interview__region__study", "code", "coder"),
        request.user,
        min_role=Role.CODER,
        pk=pk,
    )
    require_own_or_lead(coding, request.user)
    return coding


@login_required
def coding_edit(request: HttpRequest, pk: int) -> HttpResponse:
    coding = _coding_for_change(request, pk)
    form = CodingEditForm(request.POST or None, instance=coding)
    if request.method == "POST" and form.is_valid():
        try:
            services.coding_update(coding=coding, values=model_values(form), loaded_version=loaded_version(form))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Coding updated."))
            return redirect(f"{reverse('coding:interview-code', args=[coding.interview_id])}#coding-{coding.pk}")
    interview = coding.interview
    context = {
        "coding": coding,
        "form": form,
        "interview": interview,
        "region": interview.region,
        "study": interview.region.study,
        "position": ParagraphIndex(interview.transcript).label(coding.start, coding.end),
    }
    return render(request, "coding/coding_edit.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def coding_delete(request: HttpRequest, pk: int) -> HttpResponse:
    coding = _coding_for_change(request, pk)
    interview_id = coding.interview_id
    try:
        services.coding_delete(coding=coding)
    except services.CodingIsEvidence as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("Coding removed."))
    return redirect("coding:interview-code", pk=interview_id)
