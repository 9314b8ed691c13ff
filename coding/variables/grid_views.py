"""The grid: many records × the study's variables of their kind, edited like a spreadsheet.

A region's actors, interviews or waves, or the study's regions, one row each; the study's
variables as columns of inputs (selects for categories and yes/no), the fixed attributes beside
them read-only. ``static/coding/variable_grid.js`` moves between cells with the keyboard, spreads a
block pasted from a spreadsheet right and down, and posts the changed cells as JSON; the save is
``services.values_set_many``: all or nothing, each refused cell named in the answer so the page
marks it and keeps everything typed. A save from a page opened before someone else saved these
cells is refused (409) rather than silently overwriting theirs.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.access import get_for_user, role_allows
from cases.choices import Role
from cases.models import Actor, Interview, Region, Study, Wave
from coding.variables import selectors, services
from coding.variables import values as pure
from coding.variables.models import Variable
from coding.variables.wording import texts

if TYPE_CHECKING:
    from collections.abc import Sequence

STALE = gettext_lazy(
    "Someone saved values in this grid since you opened it. Copy what you typed, reload and save again."
)
# The kinds of record a region's grid lists (regions themselves are the study's grid).
REGION_PARTS = (pure.ACTOR, pure.INTERVIEW, pure.WAVE)


@login_required
def study_grid(request: HttpRequest, pk: int) -> HttpResponse:
    """The study's regions × region variables."""
    study = get_for_user(Study.objects.all(), request.user, pk=pk)
    return _grid(request, study, study.user_role, None, pure.REGION, list(study.regions.order_by("name")))


@login_required
def region_grid(request: HttpRequest, pk: int, target: str) -> HttpResponse:
    """A region's actors, interviews or waves × their variables."""
    if target not in REGION_PARTS:
        raise Http404
    region = get_for_user(Region.objects.select_related("study"), request.user, pk=pk)
    return _grid(request, region.study, region.user_role, region, target, _region_records(region, target))


def _region_records(region: Region, target: str) -> list[Model]:
    if target == pure.ACTOR:
        return list(Actor.objects.filter(region=region).order_by("kind", "name", "pk"))
    if target == pure.INTERVIEW:
        return list(Interview.objects.filter(region=region).defer("transcript").order_by("date", "title", "pk"))
    return list(Wave.objects.filter(region=region).order_by("start", "pk"))


def _grid(
    request: HttpRequest, study: Study, role: str | None, region: Region | None, target: str, records: Sequence[Model]
) -> HttpResponse:
    if request.method == "POST":
        if not role_allows(role, Role.CODER):
            raise PermissionDenied(_("Viewers read the values; coders and leads change them."))
        return _save(request, study, target, records)
    context = {
        "study": study,
        "region": region,
        "target": target,
        "grid": selectors.grid(study, target, records),
        "wording": texts(target),
        "can_edit": role_allows(role, Role.CODER),
        "is_lead": role_allows(role, Role.LEAD),
    }
    return render(request, "coding/variables/grid.html", context)


def _save(request: HttpRequest, study: Study, target: str, records: Sequence[Model]) -> JsonResponse:
    """``{"version": ..., "values": {variable id: {record id: raw}}}`` -> ``{"saved": n, "version": ...}``,
    or 400 with ``{"errors": [{"variable", "record", "messages"}]}``, or 409 when the cells changed."""
    try:
        body = json.loads(request.body)
        cells: dict[str, dict[str, Any]] = body["values"]
        version = str(body.get("version", ""))
        if not isinstance(cells, dict) or not all(isinstance(column, dict) for column in cells.values()):
            raise ValueError
        changes_raw = {
            int(variable): {int(record): raw for record, raw in column.items()} for variable, column in cells.items()
        }
    except (ValueError, KeyError, TypeError):
        return JsonResponse({"message": _("The grid sent no readable values; reload the page.")}, status=400)
    variables = {variable.pk: variable for variable in selectors.study_variables(study, target)}
    unknown = sorted(set(changes_raw) - set(variables))
    if unknown:
        return JsonResponse(
            {"message": _("No variable %(id)s of this kind in this study; reload the page.") % {"id": unknown[0]}},
            status=400,
        )
    record_ids = [record.pk for record in records]
    outside = sorted({record for column in changes_raw.values() for record in column} - set(record_ids))
    if outside:
        return JsonResponse(
            {"message": _("No record %(id)s in this grid; reload the page.") % {"id": outside[0]}}, status=400
        )
    with transaction.atomic():
        # Locks the columns' definitions: two saves of the same grid run one after the other.
        list(Variable.objects.select_for_update().filter(pk__in=list(variables)))
        if version and version != selectors.grid_version(list(variables.values()), record_ids):
            return JsonResponse({"message": str(STALE)}, status=409)
        changes = {variables[variable_id]: column for variable_id, column in changes_raw.items()}
        try:
            saved = services.values_set_many(study=study, changes=changes)
        except services.ValuesRefused as refused:
            errors = [
                {"variable": variable_id, "record": record_id, "messages": problems}
                for (variable_id, record_id), problems in refused.cells.items()
            ]
            summary = _("Nothing was saved: %(count)d cell(s) hold a value that does not fit.") % {"count": len(errors)}
            return JsonResponse({"message": summary, "errors": errors}, status=400)
        new_version = selectors.grid_version(list(variables.values()), record_ids)
    return JsonResponse({"saved": saved, "version": new_version})
