from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cases import selectors, services
from cases.access import get_for_user, role_allows
from cases.choices import Role
from cases.filters import InterviewFilter
from cases.models import Interview, Region
from cases.views.common import add_errors, confirm_delete, form_page, region_list_page
from coding.interviews.forms import InterviewForm
from coding.interviews.services import TranscriptEditRefused, save_interview

if TYPE_CHECKING:
    from cases.access import AuthenticatedHttpRequest


@login_required
def interview_list(request: HttpRequest, pk: int) -> HttpResponse:
    def filterset(region: Region) -> InterviewFilter:
        return InterviewFilter(request.GET or None, queryset=selectors.interviews_of(region), region=region)

    return region_list_page(request, pk, filterset, "cases/interview_list.html")


@login_required
def interview_detail(request: HttpRequest, pk: int) -> HttpResponse:
    interview = get_for_user(
        Interview.objects.select_related("region__study", "wave", "interviewer").prefetch_related(
            "variable_values__variable"
        ),
        request.user,
        pk=pk,
    )
    context = {
        "interview": interview,
        "region": interview.region,
        "study": interview.region.study,
        "interviewees": interview.interviewees.order_by("name"),
        "codings": selectors.codings_of(interview),
        "is_coder": role_allows(interview.user_role, Role.CODER),
        "is_lead": role_allows(interview.user_role, Role.LEAD),
    }
    return render(request, "cases/interview_detail.html", context)


def _save_interview(request: AuthenticatedHttpRequest, form: InterviewForm) -> Interview | None:
    """Save the form; a changed transcript goes through re-anchoring of its codings, all in one
    transaction. Refusals become form errors and nothing is saved."""
    interview = cast("Interview", form.save(commit=False))  # an InterviewForm saves an Interview
    new_text = interview.transcript
    upload = form.cleaned_data.get("upload")

    def save() -> None:
        services.record_save(record=interview, loaded_version=form.opened_version, save_related=form.save_m2m)

    try:
        moved = save_interview(interview, save, source_filename=upload.name if upload else None, user=request.user)
    except TranscriptEditRefused as refused:
        form.add_error("transcript", _("The transcript was not saved: some codings have no place in the new text."))
        form.lost_codings = refused.lost
        interview.transcript = new_text
        return None
    except IntegrityError:
        form.add_error(None, _("This conflicts with an existing record (is the title already used in this region?)."))
        return None
    except ValidationError as refused:  # e.g. someone saved the interview after this form was opened
        add_errors(form, refused)
        interview.transcript = new_text
        return None
    if moved:
        messages.info(
            request,
            ngettext(
                "%(count)s coding was moved to its place in the new transcript.",
                "%(count)s coding(s) were moved to their place in the new transcript.",
                moved,
            )
            % {"count": moved},
        )
    return interview


@login_required
def interview_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    region = get_for_user(Region.objects.select_related("study"), request.user, min_role=Role.CODER, pk=pk)
    form = InterviewForm(request.POST or None, request.FILES or None, region=region)
    if request.method == "POST" and form.is_valid() and (interview := _save_interview(request, form)):
        messages.success(request, _("Interview created."))
        return redirect("interviews:detail", pk=interview.pk)
    return form_page(
        request, form, {"study": region.study, "region": region, "multipart": True}, heading=_("New interview")
    )


@login_required
def interview_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    interview = get_for_user(
        Interview.objects.select_related("region__study"), request.user, min_role=Role.CODER, pk=pk
    )
    form = InterviewForm(request.POST or None, request.FILES or None, instance=interview, region=interview.region)
    if request.method == "POST" and form.is_valid() and _save_interview(request, form):
        messages.success(request, _("Interview saved."))
        return redirect("interviews:detail", pk=interview.pk)
    context = {"study": interview.region.study, "region": interview.region, "multipart": True}
    back = reverse("interviews:detail", args=[interview.pk])
    return form_page(request, form, context, heading=_("Edit %(title)s") % {"title": interview.title}, back=back)


@login_required
def interview_delete(request: HttpRequest, pk: int) -> HttpResponse:
    interview = get_for_user(
        Interview.objects.select_related("region__study"), request.user, min_role=Role.CODER, pk=pk
    )
    region = interview.region
    return confirm_delete(
        request,
        interview,
        {"study": region.study, "region": region},
        back=reverse("interviews:detail", args=[interview.pk]),
        done=lambda: redirect("cases:region-detail", pk=region.pk),
        consequences=_("Its transcript and codings are deleted too."),
    )
