from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cases import selectors, services
from cases.access import get_for_user, role_allows
from cases.choices import ROLE_IN_SENTENCE, Role
from cases.forms import StudyCreateForm, StudySettingsForm
from cases.models import Study
from cases.views.common import call_service, form_page

if TYPE_CHECKING:
    from cases.access import AuthenticatedHttpRequest


@login_required
def study_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "cases/study_list.html", {"studies": selectors.study_list_for(request.user)})


@login_required
def study_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = StudyCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        study = services.study_create(**form.cleaned_data, lead=request.user)
        messages.success(request, _("Study “%(title)s” created; you are its lead.") % {"title": study})
        return redirect("cases:study-detail", pk=study.pk)
    return form_page(request, form, {}, heading=_("New study"))


@login_required
def study_detail(request: HttpRequest, pk: int) -> HttpResponse:
    study = get_for_user(Study.objects.select_related("coding_scheme"), request.user, pk=pk)
    context = {
        "study": study,
        "regions": selectors.regions_of(study),
        "memberships": selectors.memberships_of(study),
        "is_lead": role_allows(study.user_role, Role.LEAD),
        "is_coder": role_allows(study.user_role, Role.CODER),
        "role_label": ROLE_IN_SENTENCE[Role(study.user_role)] if study.user_role else "",
    }
    return render(request, "cases/study_detail.html", context)


@login_required
def study_settings(request: HttpRequest, pk: int) -> HttpResponse:
    study = get_for_user(Study.objects.all(), request.user, min_role=Role.LEAD, pk=pk)
    form = StudySettingsForm(request.POST or None, instance=study)
    if request.method == "POST" and form.is_valid() and save_settings(request, form):
        return redirect("cases:study-detail", pk=study.pk)
    return form_page(request, form, {"study": study}, heading=_("Study settings"))


def save_settings(request: HttpRequest, form: StudySettingsForm) -> Study | None:
    def write() -> Study:
        study = cast("Study", form.save(commit=False))  # a StudySettingsForm saves a Study
        return services.study_update_settings(study=study, loaded_version=form.opened_version)

    return call_service(request, form, write, success=_("Study settings saved."))
