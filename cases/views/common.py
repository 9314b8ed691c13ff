"""Shared steps of the case pages: save a valid form through ``cases.services`` with a message,
confirm-then-delete, a region's filtered and paginated list."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import IntegrityError
from django.db.models import Model
from django.forms import BaseForm, ModelForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django_filters import FilterSet

from cases import services
from cases.access import get_for_user, role_allows
from cases.choices import Role
from cases.concurrency import OptimisticLockMixin
from cases.models import Region

M = TypeVar("M", bound=Model)

# Rows per page of the full lists (the region page shows the first rows of each).
PAGE_SIZE = 50


def save_form(request: HttpRequest, form: ModelForm, success: str) -> Model | None:
    """Save the record a valid form built with ``services.record_save``; see ``call_service``."""
    loaded_version = form.opened_version if isinstance(form, OptimisticLockMixin) else None

    def write() -> Model:
        record = form.save(commit=False)
        return services.record_save(record=record, loaded_version=loaded_version, save_related=form.save_m2m)

    return call_service(request, form, write, success=success)


def call_service(request: HttpRequest, form: BaseForm, write: Callable[[], M], *, success: str) -> M | None:
    """Run the write of a valid form; a database refusal, a broken rule or an edit conflict (someone
    saved the record after this form was opened) becomes a form error and nothing is kept."""
    try:
        record = write()
    except IntegrityError:
        form.add_error(None, _("This conflicts with an existing record (is the name already used?)."))
        return None
    except ValidationError as exc:
        add_errors(form, exc)
        return None
    messages.success(request, success)
    return record


def add_errors(form: BaseForm, error: ValidationError) -> None:
    """A service's refusal as form errors; errors of fields the form does not show go on top."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def form_page(
    request: HttpRequest, form: BaseForm, context: dict, *, heading: str, back: str | None = None
) -> HttpResponse:
    """The create/edit page; Cancel goes to ``back``, by default the page of the region or study."""
    if back is None:
        back = _page_of(context)
    return render(request, "cases/form.html", {**context, "form": form, "heading": heading, "back": back})


def _page_of(context: dict) -> str:
    if region := context.get("region"):
        return reverse("cases:region-detail", args=[region.pk])
    if study := context.get("study"):
        return reverse("cases:study-detail", args=[study.pk])
    return reverse("cases:study-list")


def confirm_delete(
    request: HttpRequest,
    record: Model,
    context: dict,
    *,
    back: str,
    done: Callable[[], HttpResponse],
    consequences: str = "",
) -> HttpResponse:
    """GET: the confirmation page. POST: delete and go on; a protected row is refused with a reason."""
    if request.method == "POST":
        label = str(record)
        try:
            services.record_delete(record=record)
        except services.RecordInUse as refused:
            messages.error(request, str(refused))
            return redirect(back)
        messages.success(request, _("“%(label)s” was deleted.") % {"label": label})
        return done()
    return render(
        request,
        "cases/confirm_delete.html",
        {**context, "object": record, "back": back, "consequences": consequences},
    )


def region_list_page(
    request: HttpRequest, pk: int, filterset: Callable[[Region], FilterSet], template: str
) -> HttpResponse:
    """A region's rows of one kind, filtered by ``filterset(region)`` from the query string and paginated."""
    region = get_for_user(Region.objects.select_related("study"), request.user, pk=pk)
    rows = filterset(region)
    context = {
        "region": region,
        "study": region.study,
        "filter": rows,
        "page": Paginator(rows.qs, PAGE_SIZE).get_page(request.GET.get("page")),
        "is_coder": role_allows(region.user_role, Role.CODER),
    }
    return render(request, template, context)
