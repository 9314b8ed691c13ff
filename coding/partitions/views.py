"""The partition section of the analysis page: a fragment that the page's script fetches and polls.

``GET /regions/<id>/analysis/partition/?attribute=&layer=&wave=`` answers with the figures, or with
"computing…" (``data-status="queued"``) while the worker computes them: ``partition.js`` asks
again until the status is ``ok`` or ``failed``. (The API answers 202 for the same state.)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy

from cases.access import get_for_user
from cases.models import Actor, Region
from coding.analysis.partitions import ROLES
from coding.charts.region import ROLE_WORDS
from coding.partitions import selectors
from coding.partitions.models import PartitionStatus
from coding.partitions.services import PartitionAnswer, partition_figures
from coding.variables.fixed import EFFECTIVE_ACTOR_TYPE, Attribute
from coding.worker.numbers import decimals

CONVENTIONS = gettext_lazy(
    "E-I (Krackhardt & Stern) counts each pair of actors once, tie values ignored; Blau = 1 − Σ share² over "
    "the groups; assortativity is Newman's nominal coefficient over the undirected ties (as igraph and "
    "networkx compute it: 1 all ties inside groups, 0 as by chance); Coleman's index per group compares "
    "the share of its members' ties that stay inside with the share chance would give (netseg::coleman; "
    "+1 all inside, −1 none); brokerage roles are Gould & Fernandez's over the directed ties (a mutual tie "
    "counts both ways). Actors without a value of the attribute stay in the network as the group “(no value)”."
)


def partition_menu(
    request: HttpRequest,
    region: Region,
    layer: str,
    wave_id: int | None,
    attributes: Sequence[Attribute] | None = None,
) -> dict[str, Any]:
    """The partition select of the analysis page and the address its script fetches. One query,
    none when the study's partition ``attributes`` are given."""
    chosen = request.GET.get("partition") or EFFECTIVE_ACTOR_TYPE
    query = {"attribute": chosen, "layer": layer, **({"wave": wave_id} if wave_id else {})}
    url = reverse("partitions:region", args=[region.pk])
    offered = selectors.partition_attributes(region.study) if attributes is None else attributes
    return {
        "choices": [(a.name, gettext(a.label), a.name == chosen) for a in offered],  # a fixed label is a msgid
        "url": f"{url}?{urlencode(query)}",
    }


def figures_context(attribute: Attribute, answer: PartitionAnswer, names: dict[int, str]) -> dict[str, Any]:
    """The fragment's context: figures with group labels and actor names."""
    result = answer.result or {}
    labels = selectors.group_labels(attribute)
    summary = {key: _number(result.get(key)) for key in ("blau", "assortativity")}
    summary["ei"] = _number((result.get("ei") or {}).get("index"))
    return {
        "summary": summary,
        "attribute": attribute,
        "answer": answer,
        "status_label": str(PartitionStatus(answer.status).label),
        "result": result if answer.status == PartitionStatus.OK else None,
        "roles": ROLES,
        # The roles' names in the reader's language; ``data-role`` keeps the keys.
        "role_labels": [gettext(ROLE_WORDS[role]) for role in ROLES],
        "brokerage_counts": [
            (gettext("total") if role == "total" else gettext(ROLE_WORDS.get(role, role)), count)
            for role, count in (result.get("brokerage") or {}).items()
        ],
        "groups": [
            {
                **group,
                "label": labels.get(group["group"], group["group"]),
                "ei_text": _number(group["ei"]["index"]),
                "coleman_text": _number(group["coleman"]),
                "share_text": _number(group["share"]),
            }
            for group in result.get("groups", [])
        ],
        "actors": [
            {
                **actor,
                "name": names.get(actor["id"], actor["id"]),
                "label": labels.get(actor["group"], actor["group"]),
                "ei_text": _number(actor["ei"]),
            }
            for actor in result.get("actors", [])
        ],
        "conventions": str(CONVENTIONS),
    }


def _number(value: float | None) -> str:
    """Three decimals, as the analysis page shows figures; "—" where a figure is undefined."""
    return "—" if value is None else decimals(value)


@login_required
def region_partition(request: HttpRequest, pk: int) -> HttpResponse:
    region = get_for_user(Region.objects.select_related("study"), request.user, pk=pk)
    attribute, layer, wave, errors = selectors.resolve_request(
        region,
        attribute=request.GET.get("attribute") or EFFECTIVE_ACTOR_TYPE,
        layer=request.GET.get("layer") or "all",
        wave=request.GET.get("wave") or "",
    )
    if errors or attribute is None:
        return render(request, "coding/analysis/_partition.html", {"errors": list(errors.values())}, status=400)
    answer = partition_figures(region=region, wave=wave, layer=layer, attribute=attribute.name)
    names = dict(Actor.objects.filter(region=region).values_list("pk", "name")) if answer.ready else {}
    context = figures_context(attribute, answer, names)
    # 200 either way: the fragment's ``data-status`` tells the script whether to ask again.
    return render(request, "coding/analysis/_partition.html", context)
