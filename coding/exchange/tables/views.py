"""Downloads of the statistics tables (issue 6): actors with metrics, interactions, codings.

Pages and API alike call ``table_response``; access is checked before, via cases.access.
CSV is streamed; XLSX is written in write-only mode to a temporary file and sent from there,
so neither holds the whole table in memory.
"""

from __future__ import annotations

import tempfile
from typing import TYPE_CHECKING

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, QueryDict, StreamingHttpResponse

from cases.access import get_for_user
from cases.models import Region, Study
from coding.exchange.tables.rows import TABLES, make_scope
from coding.exchange.tables.writers import csv_chunks, write_xlsx

if TYPE_CHECKING:
    from django.http.response import HttpResponseBase

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
LABELS = {
    "actors": "Actors with network metrics",
    "interactions": "Interactions",
    "codings": "Codings with quotes",
}


def wants_pseudonyms(query: QueryDict) -> bool:
    return query.get("pseudonymised", "") in ("1", "true", "yes")


def table_response(
    owner: Study | Region, table: str, extension: str, *, pseudonymised: bool
) -> HttpResponse | StreamingHttpResponse:
    """The file of one table over a study or a region; 404 for an unknown table or format."""
    if table not in TABLES or extension not in CONTENT_TYPES:
        raise Http404
    study, region = (owner, None) if isinstance(owner, Study) else (owner.study, owner)
    scope = make_scope(study, region, pseudonymised=pseudonymised)
    spec = TABLES[table]
    suffix = "-pseudonymised" if pseudonymised else ""
    filename = f"{'region' if region else 'study'}-{owner.pk}-{table}{suffix}.{extension}"
    if extension == "csv":
        response = StreamingHttpResponse(csv_chunks(spec.columns, spec.rows(scope)), content_type=CONTENT_TYPES["csv"])
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    # Spills to disk past 8 MB; the workbook itself streams rows to its own temporary files.
    target = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115 - FileResponse closes it
    write_xlsx(spec.columns, spec.rows(scope), target, sheet=table)
    target.seek(0)
    return FileResponse(target, as_attachment=True, filename=filename, content_type=CONTENT_TYPES["xlsx"])


@login_required
def table_file(request: HttpRequest, pk: int, table: str, extension: str, scope: str) -> HttpResponseBase:
    if scope == "study":
        owner: Study | Region = get_for_user(Study.objects.all(), request.user, pk=pk)
    else:
        owner = get_for_user(Region.objects.select_related("study"), request.user, pk=pk)
    return table_response(owner, table, extension, pseudonymised=wants_pseudonyms(request.GET))
