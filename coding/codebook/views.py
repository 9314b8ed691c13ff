"""The codebook page of a study (leads): the code tree, merging, splitting and moving codes with a
preview first, and undoing the latest change. Writes in ``coding.codebook.reorganise`` and ``undo``."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases.access import get_for_user
from cases.choices import Role
from cases.models import Study
from coding.codebook import reorganise, selectors, undo
from coding.codebook import services as versions
from coding.codebook.forms import CodebookForm, MergeForm, MoveForm, SplitForm
from coding.codebook.selectors import Preview, Refused
from coding.models import Code

if TYPE_CHECKING:
    from django.http import QueryDict

    from cases.access import AuthenticatedHttpRequest
    from coding.codebook.models import CodebookOperation


def _lead_study(request: HttpRequest, pk: int) -> Study:
    return get_for_user(Study.objects.select_related("coding_scheme"), request.user, min_role=Role.LEAD, pk=pk)


def _rows(study: Study) -> list[selectors.CodebookRow]:
    return selectors.codebook_rows(study.coding_scheme) if study.coding_scheme else []


@login_required
def codebook(request: HttpRequest, pk: int) -> HttpResponse:
    study = _lead_study(request, pk)
    rows = _rows(study)
    try:
        selectors.study_scheme(study)
        blocked = ""
    except Refused as refused:
        blocked = " ".join(refused.messages)
    context = {
        "study": study,
        "rows": rows,
        "blocked": blocked,
        "merge_form": MergeForm(rows=rows),
        "move_form": MoveForm(rows=rows),
        "operations": selectors.recent_operations(study),
        "undoable": selectors.last_undoable(study),
    }
    return render(request, "coding/codebook/codebook.html", context)


def _preview_or_run(
    request: HttpRequest,
    study: Study,
    form: CodebookForm,
    preview: Callable[[], Preview],
    run: Callable[[str], CodebookOperation],
    back: str,
) -> HttpResponse:
    """Show the preview; a POST carrying its fingerprint runs the operation (refused if it changed)."""
    if not form.is_valid():
        messages.error(
            request,
            _("Not changed: %(reasons)s")
            % {"reasons": " ".join(str(message) for errors in form.errors.values() for message in errors)},
        )
        return redirect(back)
    try:
        if request.method == "POST" and form.cleaned_data["fingerprint"]:
            operation = run(form.cleaned_data["fingerprint"])  # computes the preview again, under a lock
            messages.success(request, _("%(change)s. You can undo it below.") % {"change": operation.summary})
            return redirect("codebook:page", pk=study.pk)
        plan = preview()
    except Refused as refused:
        messages.error(request, _("Not changed: %(reasons)s") % {"reasons": " ".join(refused.messages)})
        return redirect(back)
    context = {
        "study": study,
        "plan": plan,
        "form": form,
        "action": request.path,
        "back": back,
        # The choices travel to the confirmation as they were previewed, with the fingerprint.
        "hidden": [
            (name, value)
            for name, values in cast("QueryDict", form.data).lists()
            if name not in {"csrfmiddlewaretoken", "fingerprint"}
            for value in values
        ],
    }
    return render(request, "coding/codebook/preview.html", context)


@login_required
def merge(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    study = _lead_study(request, pk)
    form = MergeForm(request.POST if request.method == "POST" else request.GET, rows=_rows(study))

    def preview() -> Preview:
        return selectors.merge_preview(study=study, source=_code(form, "source"), target=_code(form, "target"))

    def run(fingerprint: str) -> CodebookOperation:
        source, target = _code(form, "source"), _code(form, "target")
        return reorganise.codes_merge(
            study=study, source=source, target=target, fingerprint=fingerprint, user=request.user
        )

    return _preview_or_run(request, study, form, preview, run, reverse("codebook:page", args=[study.pk]))


@login_required
def move(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    study = _lead_study(request, pk)
    form = MoveForm(request.POST if request.method == "POST" else request.GET, rows=_rows(study))

    def preview() -> Preview:
        return selectors.move_preview(study=study, code=_code(form, "code"), new_parent=form.chosen("parent"))

    def run(fingerprint: str) -> CodebookOperation:
        code, parent = _code(form, "code"), form.chosen("parent")
        return reorganise.code_move(
            study=study, code=code, new_parent=parent, fingerprint=fingerprint, user=request.user
        )

    return _preview_or_run(request, study, form, preview, run, reverse("codebook:page", args=[study.pk]))


@login_required
def split(request: AuthenticatedHttpRequest, pk: int, code_id: int) -> HttpResponse:
    study = _lead_study(request, pk)
    source = selectors.study_code(study, code_id)
    candidates = selectors.split_candidates(source)
    rows = _rows(study)
    ids = [candidate["coding"].pk for candidate in candidates]
    back = reverse("codebook:split", args=[study.pk, source.pk])
    if request.method != "POST":
        context = {
            "study": study,
            "source": source,
            "candidates": candidates,
            "form": SplitForm(rows=rows, coding_ids=ids),
        }
        return render(request, "coding/codebook/split.html", context)
    form = SplitForm(request.POST, rows=rows, coding_ids=ids)

    def values() -> dict:
        return {
            "study": study,
            "source": source,
            "coding_ids": form.cleaned_data["codings"],
            "target": form.chosen("target"),
            "new_name": form.cleaned_data["new_name"],
            "new_parent": form.chosen("new_parent"),
        }

    def run(fingerprint: str) -> CodebookOperation:
        return reorganise.codings_split(**values(), fingerprint=fingerprint, user=request.user)

    return _preview_or_run(request, study, form, lambda: selectors.split_preview(**values()), run, back)


def _code(form: CodebookForm, name: str) -> Code:
    code = form.chosen(name)
    if code is None:
        raise Refused(_("Choose the %(field)s.") % {"field": form.fields[name].label})
    return code


@login_required
@require_POST
def own_version(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Copy a scheme version shared with other studies for this study alone, so it can be reorganised."""
    study = _lead_study(request, pk)
    shared = study.coding_scheme
    try:
        selectors.study_scheme(study)
    except Refused:
        if shared is not None:
            new = versions.study_own_version(study=study, user=request.user)
            messages.success(
                request,
                _("This study now uses %(new)s, a copy of %(shared)s of its own; the other studies keep %(shared)s.")
                % {"new": new, "shared": shared},
            )
    else:
        messages.info(request, _("This study's coding scheme version is its own already."))
    return redirect("codebook:page", pk=study.pk)


@login_required
@require_POST
def undo_operation(request: AuthenticatedHttpRequest, pk: int, operation_id: int) -> HttpResponse:
    study = _lead_study(request, pk)
    operation = get_object_or_404(study.codebook_operations, pk=operation_id)
    try:
        undo.operation_undo(operation=operation, user=request.user)
    except Refused as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(
            request,
            _("Undone: %(change)s. The codes and codings are as they were before.") % {"change": operation.summary},
        )
    return redirect("codebook:page", pk=study.pk)
