"""Downloads of a study's or region's data (issue 6): network files and REFI-QDA files.

Members only (404 otherwise, via cases.access). ``export_response`` builds the file for the
export page and for the API alike. The file formats live in coding.exchange and know nothing of
Django; the helpers here only turn rows into records. Tables: coding/views/tables.py.
"""

from __future__ import annotations

from statistics import mean
from typing import TYPE_CHECKING

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from cases.access import get_for_user, role_allows
from cases.choices import Role
from cases.models import Actor, Region, Study
from coding.exchange.network import files as network
from coding.exchange.records import AttributeValue, EdgeRecord, NodeRecord
from coding.exchange.refi.codebook import codebook_file
from coding.exchange.tables import views as tables
from coding.exchange.tables.rows import TableScope, make_scope
from coding.models import Interaction

if TYPE_CHECKING:
    from django.http.response import HttpResponseBase

NETWORK_FORMATS = {
    "graphml": ("application/graphml+xml", "graphml"),
    "gexf": ("application/gexf+xml", "gexf"),
    "pajek": ("text/plain; charset=utf-8", "net"),
}
PSEUDONYMISED = "-pseudonymised"  # a format key ending so is the same file with person names replaced
FORMATS = {
    "graphml": "GraphML network (Gephi, igraph, networkx)",
    "graphml-pseudonymised": "GraphML network, person names replaced by pseudonyms",
    "gexf": "GEXF 1.3 network (Gephi)",
    "gexf-pseudonymised": "GEXF 1.3 network, person names replaced by pseudonyms",
    "pajek": "Pajek .net network",
    "pajek-pseudonymised": "Pajek .net network, person names replaced by pseudonyms",
    "qdc": "REFI-QDA codebook (.qdc) of the study's coding scheme",
    "qdpx": "REFI-QDA project (.qdpx): transcripts, codes and codings (MAXQDA, ATLAS.ti, NVivo, QualCoder)",
    "qdpx-pseudonymised": "REFI-QDA project (.qdpx), person names replaced by pseudonyms",
}
TIE_RATINGS = ("rating_time", "rating_emotional_intensity", "rating_intimacy", "rating_reciprocal_services")


def node_record(actor: Actor, scope: TableScope | None = None) -> NodeRecord:
    """The actor as a node; a pseudonymising ``scope`` replaces a person's name (the only free text here)."""
    name = scope.name(actor) if scope else actor.name
    attributes: dict[str, AttributeValue] = {
        "name": name,
        "kind": actor.kind,
        "type": actor.org_type,
        "location": actor.location,
    }
    return NodeRecord(f"a{actor.pk}", name, attributes)


def edge_record(tie: Interaction) -> EdgeRecord:
    ratings = [value for name in TIE_RATINGS if (value := getattr(tie, name)) is not None]
    attributes: dict[str, AttributeValue] = {
        "modes": ";".join(tie.coordination_modes),
        "channel": tie.channel or None,
        "setting": tie.setting or None,
        "trust_basis": tie.trust_basis or None,
        "tie_ids": str(tie.pk),
    }
    strength = float(mean(ratings)) if ratings else None
    return EdgeRecord(f"t{tie.pk}", f"a{tie.source_id}", f"a{tie.target_id}", tie.directed, strength, attributes)


def _owner(request: HttpRequest, scope: str, pk: int) -> Study | Region:
    if scope == "study":
        return get_for_user(Study.objects.all(), request.user, pk=pk)
    return get_for_user(Region.objects.select_related("study"), request.user, pk=pk)


def _network(owner: Study | Region) -> tuple[QuerySet[Actor], QuerySet[Interaction]]:
    if isinstance(owner, Study):
        return Actor.objects.filter(region__study=owner), Interaction.objects.filter(region__study=owner)
    return Actor.objects.filter(region=owner), Interaction.objects.filter(region=owner)


@login_required
def export_list(request: HttpRequest, pk: int) -> HttpResponse:
    study = get_for_user(Study.objects.all(), request.user, pk=pk)
    regions = study.regions.order_by("name")
    context = {
        "study": study,
        "regions": regions,
        "formats": FORMATS,
        "table_labels": tables.LABELS,
        "is_lead": role_allows(study.user_role, Role.LEAD),  # the .qdpx import is theirs
    }
    return render(request, "coding/exports/list.html", context)


@login_required
def export_file(request: HttpRequest, pk: int, fmt: str, scope: str) -> HttpResponseBase:
    if fmt not in FORMATS:
        raise Http404
    return export_response(_owner(request, scope, pk), fmt, pseudonymised=tables.wants_pseudonyms(request.GET))


def network_file(owner: Study | Region, fmt: str, *, pseudonymised: bool) -> bytes | str:
    """The network of ``owner`` in ``fmt`` (a key of NETWORK_FORMATS)."""
    study, region = (owner, None) if isinstance(owner, Study) else (owner.study, owner)
    scope = make_scope(study, region, pseudonymised=pseudonymised)
    actors, ties = _network(owner)
    nodes = [node_record(actor, scope) for actor in actors.order_by("pk")]
    edges = [edge_record(tie) for tie in ties.order_by("pk")]
    if fmt == "graphml":
        return network.graphml(nodes, edges)
    if fmt == "gexf":
        return network.gexf(nodes, edges, description=str(owner))
    return network.pajek(nodes, edges)


def export_response(owner: Study | Region, fmt: str, *, pseudonymised: bool = False) -> HttpResponseBase:
    """The file ``fmt`` (a key of FORMATS) of a study or region the caller may read."""
    stem = f"{'study' if isinstance(owner, Study) else 'region'}-{owner.pk}"
    pseudonymised = pseudonymised or fmt.endswith(PSEUDONYMISED)
    fmt = fmt.removesuffix(PSEUDONYMISED)
    if fmt == "qdpx":
        from coding.exchange.refi.views import qdpx_download  # its own module: keeps this dispatcher small

        return qdpx_download(owner, stem, pseudonymised=pseudonymised)
    if fmt == "qdc":  # a coding scheme names nobody: the same file either way
        study = owner if isinstance(owner, Study) else owner.study
        response = HttpResponse(codebook_file(study.coding_scheme_id), content_type="application/xml")
        filename = f"{stem}.qdc"
    elif fmt in NETWORK_FORMATS:
        content_type, extension = NETWORK_FORMATS[fmt]
        response = HttpResponse(network_file(owner, fmt, pseudonymised=pseudonymised), content_type=content_type)
        filename = f"{stem}{PSEUDONYMISED if pseudonymised else ''}.{extension}"
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
