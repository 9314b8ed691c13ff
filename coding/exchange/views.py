"""The exports page of a study and its network and REFI-QDA files per study or region.

Members only (404 otherwise, via cases.access). The files themselves are built in
``coding.exchange.downloads``, which the API calls too.
"""

from __future__ import annotations

from typing import Literal

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render

from cases.access import get_for_user, role_allows
from cases.choices import Role
from cases.models import Study
from coding.analysis.layers import LAYER_LABELS
from coding.exchange.downloads import FORMATS, TABLE_LABELS, export_response, wants_pseudonyms
from coding.exchange.selectors import export_owner

# The network formats as the layer-and-wave form names its buttons.
NETWORK_BUTTONS = {"graphml": "GraphML", "gexf": "GEXF 1.3", "pajek": "Pajek .net"}


@login_required
def export_list(request: HttpRequest, pk: int) -> HttpResponse:
    study = get_for_user(Study.objects.all(), request.user, pk=pk)
    context = {
        "study": study,
        "regions": study.regions.order_by("name").prefetch_related("waves"),
        "layers": LAYER_LABELS,
        "network_buttons": NETWORK_BUTTONS,
        "formats": FORMATS,
        "table_labels": TABLE_LABELS,
        "is_lead": role_allows(study.user_role, Role.LEAD),  # the .qdpx import is theirs
    }
    return render(request, "coding/exports/list.html", context)


@login_required
def export_file(
    request: HttpRequest, pk: int, fmt: str, scope: Literal["study", "region"]
) -> HttpResponse | StreamingHttpResponse:
    owner = export_owner(request.user, scope=scope, pk=pk)
    return export_response(owner, fmt, pseudonymised=wants_pseudonyms(request.GET), query=request.GET)
