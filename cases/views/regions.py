from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases import selectors
from cases.access import get_for_user, role_allows
from cases.choices import Role
from cases.forms import RegionForm, WaveForm
from cases.models import Region, Study, Wave
from cases.views.common import confirm_delete, form_page, save_form
from cases.views.region_parts import PartTexts, region_part_views

# How many rows of each kind the region page shows; the full lists are paginated elsewhere.
SECTION_ROWS = 50


@login_required
def region_detail(request: HttpRequest, pk: int) -> HttpResponse:
    # The variable values through the reverse relation coding declares (cases never imports coding).
    region = get_for_user(
        Region.objects.select_related("study").prefetch_related("variable_values__variable"), request.user, pk=pk
    )
    context = {
        "region": region,
        "study": region.study,
        "actors": selectors.actors_of(region)[:SECTION_ROWS],
        "waves": selectors.waves_of(region),
        "interviews": selectors.interviews_of(region)[:SECTION_ROWS],
        "interactions": selectors.interactions_of(region)[:SECTION_ROWS],
        "outcomes": selectors.outcomes_of(region)[:SECTION_ROWS],
        "counts": selectors.region_counts(region),
        "section_rows": SECTION_ROWS,
        "is_lead": role_allows(region.user_role, Role.LEAD),
        "is_coder": role_allows(region.user_role, Role.CODER),
    }
    return render(request, "cases/region_detail.html", context)


@login_required
def region_create(request: HttpRequest, pk: int) -> HttpResponse:
    study = get_for_user(Study.objects.all(), request.user, min_role=Role.LEAD, pk=pk)
    form = RegionForm(request.POST or None, study=study)
    if request.method == "POST" and form.is_valid() and (region := save_form(request, form, _("Region created."))):
        return redirect("cases:region-detail", pk=region.pk)
    return form_page(request, form, {"study": study}, heading=_("New region"))


@login_required
def region_edit(request: HttpRequest, pk: int) -> HttpResponse:
    region = get_for_user(Region.objects.select_related("study"), request.user, min_role=Role.LEAD, pk=pk)
    form = RegionForm(request.POST or None, instance=region, study=region.study)
    if request.method == "POST" and form.is_valid() and save_form(request, form, _("Region saved.")):
        return redirect("cases:region-detail", pk=region.pk)
    return form_page(
        request, form, {"study": region.study, "region": region}, heading=_("Edit %(name)s") % {"name": region.name}
    )


@login_required
def region_delete(request: HttpRequest, pk: int) -> HttpResponse:
    region = get_for_user(Region.objects.select_related("study"), request.user, min_role=Role.LEAD, pk=pk)
    study = region.study
    return confirm_delete(
        request,
        region,
        {"study": study, "region": region},
        back=reverse("cases:region-detail", args=[region.pk]),
        done=lambda: redirect("cases:study-detail", pk=study.pk),
        consequences=_("Its actors, waves, interviews with their codings, interactions and outcomes are deleted too."),
    )


wave_create, wave_edit, wave_delete = region_part_views(
    Wave,
    WaveForm,
    min_role=Role.LEAD,
    texts=PartTexts(
        created=gettext_lazy("Wave created."),
        saved=gettext_lazy("Wave saved."),
        new=gettext_lazy("New wave"),
        edit=lambda wave: _("Edit wave %(label)s") % {"label": wave.label},
    ),
    consequences=gettext_lazy("A wave that interviews belong to cannot be deleted."),
)
