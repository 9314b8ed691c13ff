"""Memo pages: the study's memo list, the memos on a code or a wave, and writing, editing, deleting.

Members read; coders and leads write; a memo is changed by its author or a lead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext, pgettext_lazy

from cases.access import get_for_user, role_allows
from cases.choices import Role
from cases.models import Study, Wave
from cases.views.common import call_service
from coding.memos import selectors, services
from coding.memos.forms import MemoFilterForm, MemoForm, target_in_study
from coding.memos.models import Memo

if TYPE_CHECKING:
    from django.db.models import Model

    from cases.access import AuthenticatedHttpRequest

PAGE_SIZE = 50
TARGET_NAMED = {
    "code": pgettext_lazy("memo on", "the code “%(name)s”"),
    "actor": pgettext_lazy("memo on", "the actor “%(name)s”"),
    "interview": pgettext_lazy("memo on", "the interview “%(name)s”"),
    "region": pgettext_lazy("memo on", "the region “%(name)s”"),
    "wave": pgettext_lazy("memo on", "the wave “%(name)s”"),
}


@login_required
def memo_list(request: HttpRequest, pk: int) -> HttpResponse:
    """Every memo of the study (memo fields of codings, ties and interviews too), searched and filtered."""
    study = get_for_user(Study.objects.all(), request.user, pk=pk)
    filters = MemoFilterForm(request.GET or None, study=study)
    page = Paginator(selectors.all_memos(study, filters.selection()), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = selectors.describe_memos(page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "study": study,
        "filters": filters,
        "page": page,
        "rows": rows,
        "query": query.urlencode(),
        "can_write": role_allows(study.user_role, Role.CODER),
        "is_lead": role_allows(study.user_role, Role.LEAD),
    }
    return render(request, "coding/memos.html", context)


@login_required
def memos_on(request: HttpRequest, pk: int, kind: str, target_id: int) -> HttpResponse:
    """The memos written on one code or wave of the study (actors, interviews, regions show theirs)."""
    study = get_for_user(Study.objects.all(), request.user, pk=pk)
    if kind not in ("code", "wave"):
        raise Http404
    try:
        target = target_in_study(study, f"{kind}:{target_id}")[kind]
    except forms.ValidationError as missing:  # not a record of the study: as if it did not exist
        raise Http404 from missing
    context = {
        "study": study,
        "region": target.region if isinstance(target, Wave) else None,
        "target": target,
        "kind": kind,
        "kind_label": pgettext("memo target", kind),
        "memos": selectors.memos_on(study, **{kind: target}),
        "on": f"{kind}:{target_id}",
        "can_write": role_allows(study.user_role, Role.CODER),
    }
    return render(request, "coding/memos_on.html", context)


def _back(request: HttpRequest, study: Study, fallback: str = "") -> str:
    """Where to go after writing: the page the memo was written from (a path on this site only)."""
    back = request.POST.get("back") or request.GET.get("back") or ""
    if back.startswith("/") and not back.startswith("//"):
        return back
    return fallback or reverse("coding:memos", args=[study.pk])


@login_required
def memo_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    study = get_for_user(Study.objects.all(), request.user, min_role=Role.CODER, pk=pk)
    form = MemoForm(request.POST or None, study=study, initial={"on": request.GET.get("on", "")})
    back = _back(request, study)
    if request.method == "POST" and form.is_valid():

        def write() -> Memo:
            cleaned = form.cleaned_data
            return services.memo_create(
                study=study, author=request.user, title=cleaned["title"], text=cleaned["text"], targets=form.targets
            )

        if call_service(request, form, write, success=_("Memo saved.")):
            return redirect(back)
    target = _target_label(study, request.GET.get("on", "") or request.POST.get("on", ""))
    return _form_page(request, form, study, heading=_("New memo on %(target)s") % {"target": target}, back=back)


def _target_label(study: Study, on: str) -> str:
    try:
        targets: dict[str, Model | None] = target_in_study(study, on)
    except forms.ValidationError:  # the form says what is wrong with ``on``
        return pgettext("memo on", "a record")
    return next(
        (TARGET_NAMED[kind] % {"name": target} for kind, target in targets.items()), pgettext("memo on", "the study")
    )


def _editable_memo(request: HttpRequest, pk: int) -> Memo:
    memo = get_for_user(Memo.objects.select_related("study"), request.user, min_role=Role.CODER, pk=pk)
    services.require_author_or_lead(memo, request.user)
    return memo


@login_required
def memo_edit(request: HttpRequest, pk: int) -> HttpResponse:
    memo = _editable_memo(request, pk)
    form = MemoForm(request.POST or None, instance=memo, study=memo.study)
    back = _back(request, memo.study)
    if request.method == "POST" and form.is_valid():

        def write() -> Memo:
            values = {"title": form.cleaned_data["title"], "text": form.cleaned_data["text"]}
            return services.memo_update(memo=memo, values=values, loaded_version=form.opened_version)

        if call_service(request, form, write, success=_("Memo saved.")):
            return redirect(back)
    return _form_page(
        request, form, memo.study, heading=_("Edit the memo “%(title)s”") % {"title": memo.title}, back=back
    )


@login_required
def memo_delete(request: HttpRequest, pk: int) -> HttpResponse:
    memo = _editable_memo(request, pk)
    back = _back(request, memo.study)
    if request.method == "POST":
        services.memo_delete(memo=memo)
        messages.success(
            request, _("The memo “%(title)s” was deleted; a lead can bring it back.") % {"title": memo.title}
        )
        return redirect(back)
    return render(request, "coding/memo_delete.html", {"study": memo.study, "memo": memo, "back": back})


def _form_page(request: HttpRequest, form: MemoForm, study: Study, *, heading: str, back: str) -> HttpResponse:
    context = {"study": study, "form": form, "heading": heading, "back": back}
    return render(request, "coding/memo_form.html", context)
