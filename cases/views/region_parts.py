"""Create, edit and delete pages of the small records that live on a region's page (waves,
outcomes): one access rule, one form, and back to the region page when done."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple, TypeVar

from django.contrib.auth.decorators import login_required
from django.db.models import Model, QuerySet
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import Promise

from cases.access import get_for_user
from cases.choices import Role
from cases.models import Region
from cases.views.common import confirm_delete, form_page, save_form

View = Callable[[HttpRequest, int], HttpResponse]

M = TypeVar("M", bound=Model)


class PartTexts(NamedTuple):
    """Whole sentences per record kind, so each language can inflect its noun."""

    created: str | Promise
    saved: str | Promise
    new: str | Promise
    edit: Callable[[Any], str]  # the edit page's heading, naming the record


class RegionPartViews(NamedTuple):
    create: View
    edit: View
    delete: View


def region_part_views(
    model: type[M],
    form_class: Callable[..., ModelForm],
    *,
    min_role: Role,
    texts: PartTexts,
    consequences: str | Promise = "",
) -> RegionPartViews:
    """The three pages for ``model`` (which has a ``region`` foreign key); ``form_class`` takes
    ``region=``; ``texts`` are the pages' messages and headings (lazy: translated per request)."""
    # Any: the rows have the ``region`` foreign key, which the bound of M cannot say.
    parts: QuerySet[Any] = model._default_manager.select_related("region__study")

    def context(region: Region) -> dict:
        return {"study": region.study, "region": region}

    @login_required
    def create(request: HttpRequest, pk: int) -> HttpResponse:
        region = get_for_user(Region.objects.select_related("study"), request.user, min_role=min_role, pk=pk)
        form = form_class(request.POST or None, region=region)
        if request.method == "POST" and form.is_valid() and save_form(request, form, str(texts.created)):
            return redirect("cases:region-detail", pk=region.pk)
        return form_page(request, form, context(region), heading=str(texts.new))

    @login_required
    def edit(request: HttpRequest, pk: int) -> HttpResponse:
        part = get_for_user(parts, request.user, min_role=min_role, pk=pk)
        form = form_class(request.POST or None, instance=part, region=part.region)
        if request.method == "POST" and form.is_valid() and save_form(request, form, str(texts.saved)):
            return redirect("cases:region-detail", pk=part.region_id)
        return form_page(request, form, context(part.region), heading=texts.edit(part))

    @login_required
    def delete(request: HttpRequest, pk: int) -> HttpResponse:
        part = get_for_user(parts, request.user, min_role=min_role, pk=pk)
        back = reverse("cases:region-detail", args=[part.region_id])
        return confirm_delete(
            request, part, context(part.region), back=back, done=lambda: redirect(back), consequences=str(consequences)
        )

    return RegionPartViews(create, edit, delete)
