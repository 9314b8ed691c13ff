"""Downloads of a study's or region's data (issue 6): network files and CSV tables.

Members only (404 otherwise, via cases.access). The file formats live in coding.exchange and
know nothing of Django; the helpers here only turn rows into records.
"""

from __future__ import annotations

import csv
import uuid
from collections.abc import Iterator
from statistics import mean

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render

from cases.access import get_for_user
from cases.models import Actor, Region, Study
from coding.exchange import network, qdc
from coding.exchange.records import CodeRecord, EdgeRecord, NodeRecord
from coding.models import Code, Interaction
from coding.views import tables

NETWORK_FORMATS = {
    "graphml": ("application/graphml+xml", "graphml"),
    "gexf": ("application/gexf+xml", "gexf"),
    "pajek": ("text/plain; charset=utf-8", "net"),
}
TABLE_FORMATS = ("actors-csv", "interactions-csv")
FORMATS = {
    "graphml": "GraphML network (Gephi, igraph, networkx)",
    "gexf": "GEXF 1.3 network (Gephi)",
    "pajek": "Pajek .net network",
    "actors-csv": "Actors table (CSV)",
    "interactions-csv": "Interactions table (CSV)",
    "qdc": "REFI-QDA codebook (.qdc) of the study's coding scheme",
    "qdpx": "REFI-QDA project (.qdpx): transcripts, codes and codings (MAXQDA, ATLAS.ti, NVivo, QualCoder)",
    "qdpx-pseudonymised": "REFI-QDA project (.qdpx), person names replaced by pseudonyms",
}
TIE_RATINGS = ("rating_time", "rating_emotional_intensity", "rating_intimacy", "rating_reciprocal_services")


def node_record(actor: Actor) -> NodeRecord:
    attributes = {"name": actor.name, "kind": actor.kind, "type": actor.org_type, "location": actor.location}
    return NodeRecord(f"a{actor.pk}", actor.name, attributes)


def edge_record(tie: Interaction) -> EdgeRecord:
    ratings = [value for name in TIE_RATINGS if (value := getattr(tie, name)) is not None]
    attributes = {
        "modes": ";".join(tie.coordination_modes),
        "channel": tie.channel or None,
        "setting": tie.setting or None,
        "trust_basis": tie.trust_basis or None,
        "tie_ids": str(tie.pk),
    }
    strength = float(mean(ratings)) if ratings else None
    return EdgeRecord(f"t{tie.pk}", f"a{tie.source_id}", f"a{tie.target_id}", tie.directed, strength, attributes)


def code_guid(pk: int) -> str:
    """A stable GUID per code, so repeated exports of a scheme name the same codes alike."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"cluster-case-studies:code:{pk}"))


def code_records(scheme_id: int | None) -> list[CodeRecord]:
    return [
        CodeRecord(
            code_guid(code.pk),
            code.name,
            code_guid(code.parent_id) if code.parent_id else None,
            code.colour,
            code.definition,
            code.example,
            code.concept,
            code.order,
        )
        for code in Code.objects.filter(scheme_id=scheme_id)
    ]


def _scope(request: HttpRequest, scope: str, pk: int) -> tuple[Study | Region, QuerySet, QuerySet]:
    if scope == "study":
        study = get_for_user(Study.objects.all(), request.user, pk=pk)
        return study, Actor.objects.filter(region__study=study), Interaction.objects.filter(region__study=study)
    region = get_for_user(Region.objects.select_related("study"), request.user, pk=pk)
    return region, Actor.objects.filter(region=region), Interaction.objects.filter(region=region)


class _Echo:
    """A file-like object whose write returns the line, so csv.writer can feed a generator."""

    def write(self, value: str) -> str:
        return value


def _csv_rows(header: list[str], rows: Iterator[list]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow(header)
    for row in rows:
        yield writer.writerow(row)


def _actor_rows(actors: QuerySet) -> Iterator[list]:
    for actor in actors.select_related("region").order_by("pk").iterator(chunk_size=2000):
        yield [actor.pk, actor.region.name, actor.kind, actor.name, actor.org_type, actor.location]


def _interaction_rows(ties: QuerySet) -> Iterator[list]:
    query = ties.select_related("region", "source", "target", "wave").order_by("pk")
    for tie in query.iterator(chunk_size=2000):
        record = edge_record(tie)
        yield [
            tie.pk, tie.region.name, tie.wave.label if tie.wave else "", tie.source.name, tie.target.name,
            tie.directed, record.attributes["modes"], tie.channel, tie.setting, tie.trust_basis, record.weight or "",
        ]  # fmt: skip


@login_required
def export_list(request: HttpRequest, pk: int) -> HttpResponse:
    study = get_for_user(Study.objects.all(), request.user, pk=pk)
    regions = study.regions.order_by("name")
    context = {"study": study, "regions": regions, "formats": FORMATS, "table_labels": tables.LABELS}
    return render(request, "coding/exports/list.html", context)


@login_required
def export_file(request: HttpRequest, pk: int, fmt: str, scope: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    owner, actors, ties = _scope(request, scope, pk)
    stem = f"{scope}-{owner.pk}"
    if fmt.startswith("qdpx"):
        from coding.views.qdpx import qdpx_download  # its own module: keeps this dispatcher small

        pseudonymised = fmt == "qdpx-pseudonymised" or request.GET.get("pseudonymised") == "1"
        return qdpx_download(owner, stem, pseudonymised=pseudonymised)
    if fmt == "qdc":
        study = owner if isinstance(owner, Study) else owner.study
        response = HttpResponse(qdc.codebook(code_records(study.coding_scheme_id)), content_type="application/xml")
        extension = "qdc"
    elif fmt in NETWORK_FORMATS:
        content_type, extension = NETWORK_FORMATS[fmt]
        nodes = [node_record(actor) for actor in actors.order_by("pk")]
        edges = [edge_record(tie) for tie in ties.order_by("pk")]
        if fmt == "graphml":
            body: bytes | str = network.graphml(nodes, edges)
        elif fmt == "gexf":
            body = network.gexf(nodes, edges, description=str(owner))
        else:
            body = network.pajek(nodes, edges)
        response = HttpResponse(body, content_type=content_type)
    elif fmt == "actors-csv":
        header = ["id", "region", "kind", "name", "org_type", "location"]
        response = StreamingHttpResponse(_csv_rows(header, _actor_rows(actors)), content_type="text/csv")
        extension = "actors.csv"
    else:
        header = ["id", "region", "wave", "source", "target", "directed", "modes", "channel", "setting",
                  "trust_basis", "strength"]  # fmt: skip
        response = StreamingHttpResponse(_csv_rows(header, _interaction_rows(ties)), content_type="text/csv")
        extension = "interactions.csv"
    response["Content-Disposition"] = f'attachment; filename="{stem}.{extension}"'
    return response
