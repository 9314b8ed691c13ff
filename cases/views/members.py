from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from cases import services
from cases.access import get_for_user
from cases.choices import ROLE_IN_SENTENCE, Role
from cases.forms import MemberAddForm, MembershipRoleForm
from cases.models import Membership, Study
from cases.selectors import is_last_lead
from cases.views.common import call_service, form_page


def _membership(request: HttpRequest, pk: int) -> Membership:
    membership = Membership.objects.select_related("study", "user").filter(pk=pk).first()
    study_pk = membership.study_id if membership else 0
    get_for_user(Study.objects.all(), request.user, min_role=Role.LEAD, pk=study_pk)
    assert membership is not None  # get_for_user raised 404 otherwise
    return membership


@login_required
def member_add(request: HttpRequest, pk: int) -> HttpResponse:
    study = get_for_user(Study.objects.all(), request.user, min_role=Role.LEAD, pk=pk)
    form = MemberAddForm(request.POST or None, study=study)
    if request.method == "POST" and form.is_valid():
        user, role = form.cleaned_data["username"], form.cleaned_data["role"]
        added = _("%(user)s was added as %(role)s.") % {
            "user": user.get_username(),
            "role": ROLE_IN_SENTENCE[Role(role)],
        }
        if call_service(request, form, lambda: services.member_add(study=study, user=user, role=role), success=added):
            return redirect("cases:study-detail", pk=study.pk)
    return form_page(request, form, {"study": study}, heading=_("Add a member"))


@login_required
def member_edit(request: HttpRequest, pk: int) -> HttpResponse:
    membership = _membership(request, pk)
    form = MembershipRoleForm(request.POST or None, instance=membership)
    if request.method == "POST" and form.is_valid():

        def write() -> Membership:
            return services.member_change_role(membership=membership, role=form.cleaned_data["role"])

        if call_service(request, form, write, success=_("Role changed.")):
            return redirect("cases:study-detail", pk=membership.study_id)
    heading = _("Role of %(user)s") % {"user": membership.user.get_username()}
    return form_page(request, form, {"study": membership.study}, heading=heading)


@login_required
def member_remove(request: HttpRequest, pk: int) -> HttpResponse:
    membership = _membership(request, pk)
    study = membership.study
    if is_last_lead(membership):
        messages.error(request, str(services.LAST_LEAD_REMOVAL))
        return redirect("cases:study-detail", pk=study.pk)
    if request.method == "POST":
        try:
            services.member_remove(membership=membership)
        except ValidationError as refused:
            messages.error(request, " ".join(refused.messages))
            return redirect("cases:study-detail", pk=study.pk)
        messages.success(request, _("%(user)s was removed from the study.") % {"user": membership.user.get_username()})
        if membership.user_id == request.user.pk:
            return redirect("cases:study-list")
        return redirect("cases:study-detail", pk=study.pk)
    return render(
        request,
        "cases/confirm_delete.html",
        {
            "study": study,
            "object": _("the membership of %(user)s") % {"user": membership.user.get_username()},
            "back": reverse("cases:study-detail", args=[study.pk]),
            "consequences": _("Their codings and interactions stay; they lose access to the study."),
        },
    )
