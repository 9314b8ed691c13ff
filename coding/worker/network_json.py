"""The analysis page's network as compact JSON, from its own endpoint (issue 17).

The page embedded the whole network (7.4 MB for 5,000 actors and 50,000 ties); now
``static/coding/analysis.js`` fetches ``regions/<pk>/analysis/network/?layer=&wave=``. Actors and
ties are arrays named once by ``actor_fields`` / ``tie_fields``. A large network ships its
strongest ties first (``NETWORK_TIE_LIMIT``; equal ones in stored order, as the comparison picks
them: ``strength.strongest_first``) with ``total``, and ``?all=1`` sends every tie. The database
cuts the two lists out of the stored result (``snapshot_parts``), so neither the classifications
nor the tie ids are decoded here.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, JsonResponse

from cases.query_flags import query_flag
from coding.analysis.layout import Point
from coding.analysis.palette import SIZE_FIGURES
from coding.analysis.strength import strongest_first
from coding.colour_by import colourings
from coding.colour_by.selectors import actor_categories, colour_attributes
from coding.layout.selectors import region_positions
from coding.partitions.selectors import partition_attributes
from coding.worker.models import AnalysisSnapshot
from coding.worker.snapshot_parts import result_rows, rows_parts

NETWORK_TIE_LIMIT: int = getattr(settings, "ANALYSIS_NETWORK_TIE_LIMIT", 5000)

# As stored in the result's actor records, and as sent (the type is the effective actor type).
ACTOR_KEYS = ("id", "name", "actor_type", "location", "community", *SIZE_FIGURES)
ACTOR_FIELDS = ("id", "name", "type", "location", "community", "x", "y", "groups", *SIZE_FIGURES)
TIE_KEYS = ("source", "target", "strength", "modes")


def network_parts() -> dict[str, Any]:
    """The snapshot query's annotations: the actors and ties projected by the database."""
    return rows_parts(actors=(["actors"], ACTOR_KEYS), ties=(["ties"], TIE_KEYS))


def network_json(
    region_id: int,
    snapshot: AnalysisSnapshot | None,
    *,
    study_attributes: Any,
    everything: bool,
    limit: int | None = None,
) -> dict[str, Any]:
    """Actors (with stored positions and colour groups) and the strongest ties of one snapshot
    (read with ``network_parts``); empty lists before the first result."""
    colour_by = colour_attributes(study_attributes)
    categories = actor_categories([region_id], colour_by)
    positions = region_positions(region_id)
    ties = strongest_first(result_rows(snapshot, "ties"), lambda tie: tie[2])
    cap = len(ties) if everything else (limit if limit is not None else NETWORK_TIE_LIMIT)
    return {
        "actor_fields": ACTOR_FIELDS,
        "actors": [_actor(row, positions, categories) for row in result_rows(snapshot, "actors")],
        "tie_fields": TIE_KEYS,
        "ties": [[source, target, _short(strength), modes or []] for source, target, strength, modes in ties[:cap]],
        "total": len(ties),
        "colours": colourings.colours(colour_by),
    }


def _actor(row: list[Any], positions: dict[int, Point], categories: dict[int, dict[str, str]]) -> list[Any]:
    actor_id, name, actor_type, location, community, *figures = row
    point = positions.get(actor_id)
    x, y = (round(point[0], 2), round(point[1], 2)) if point else (None, None)
    groups = categories.get(actor_id) or None
    return [actor_id, name or "", actor_type or "", location or "", community, x, y, groups, *map(_short, figures)]


def _short(value: Any) -> Any:
    """Figures to five significant digits: enough to size a node or a line, a third of the bytes."""
    return float(f"{value:.5g}") if isinstance(value, float) else value


@login_required
def region_network(request: HttpRequest, pk: int) -> JsonResponse:
    from coding.worker.views import load_view  # the page's own reading of region, layer and wave

    view, errors = load_view(request, pk, with_result=False, parts=network_parts())
    if errors:
        return JsonResponse({"errors": errors}, status=400)
    payload = network_json(
        view.region.pk,
        view.snapshot,
        study_attributes=partition_attributes(view.region.study),
        everything=query_flag(request.GET, "all"),
    )
    return JsonResponse({**payload, "layer": view.layer, "wave": view.wave.pk if view.wave else None})
