"""A study's or region's data as file downloads, for the export pages and the API alike.

Access is checked by the caller before (cases.access, 404 outside the study). Each response
streams or spills to a temporary file, so no export holds a large file in memory: CSV, the JSON
dump and the network files (GraphML, GEXF, Pajek) are streamed, XLSX and .qdpx are written to
temporary files and sent from there.
"""

from __future__ import annotations

import io
import tempfile
from typing import IO, TypeVar

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse, QueryDict, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.utils.translation import gettext_lazy as _

from cases.models import Region, Study
from cases.query_flags import query_flag
from coding.exchange.dump import study_dump
from coding.exchange.network.choice import network_choice
from coding.exchange.network.selectors import network_chunks
from coding.exchange.refi import qdpx_export
from coding.exchange.refi.codebook import code_records, codebook_file
from coding.exchange.tables.codebook import COLUMNS as CODEBOOK_COLUMNS
from coding.exchange.tables.codebook import codebook_rows
from coding.exchange.tables.rows import TABLES, VARIABLE_COLUMNS, make_scope
from coding.exchange.tables.variables import TableWithVariables, with_variables
from coding.exchange.tables.writers import csv_chunks, write_xlsx

PSEUDONYMISED = "-pseudonymised"  # a format key ending so is the same file with person names replaced
FORMATS = {
    "graphml": _("GraphML network (Gephi, igraph, networkx)"),
    "graphml-pseudonymised": _("GraphML network, person names replaced by pseudonyms"),
    "gexf": _("GEXF 1.3 network (Gephi)"),
    "gexf-pseudonymised": _("GEXF 1.3 network, person names replaced by pseudonyms"),
    "pajek": _("Pajek .net network"),
    "pajek-pseudonymised": _("Pajek .net network, person names replaced by pseudonyms"),
    "qdc": _("REFI-QDA codebook (.qdc) of the study's coding scheme"),
    "codebook-csv": _("Codebook as CSV (Taguette; tag, path, description, colour)"),
    "codebook-xlsx": _("Codebook as Excel (.xlsx; tag, path, description, colour)"),
    "qdpx": _("REFI-QDA project (.qdpx): transcripts, codes and codings (MAXQDA, ATLAS.ti, NVivo, QualCoder)"),
    "qdpx-pseudonymised": _("REFI-QDA project (.qdpx), person names replaced by pseudonyms"),
}
NETWORK_FORMATS = {
    "graphml": ("application/graphml+xml", "graphml"),
    "gexf": ("application/gexf+xml", "gexf"),
    "pajek": ("text/plain; charset=utf-8", "net"),
}
QDC_CONTENT_TYPE = "application/xml"
QDPX_CONTENT_TYPE = "application/zip"
DUMP_CONTENT_TYPE = "application/json"
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
TABLE_LABELS = {
    "actors": _("Actors with network metrics"),
    "interactions": _("Interactions"),
    "codings": _("Codings with quotes"),
    "regions": _("Regions with their variables"),
    "waves": _("Waves with their variables"),
    "interviews": _("Interviews (without transcripts) with their variables"),
    "variables": _("Variables: the codebook of the variable columns (table, column, label, type, categories, unit)"),
    "tie_changes": _("Tie changes between consecutive waves (formed, persisted, dissolved; every tie layer)"),
}
CODEBOOK_FORMATS = {"qdc": "qdc", "codebook-csv": "csv", "codebook-xlsx": "xlsx"}
SPOOL_BYTES = 8 * 1024 * 1024
Response = TypeVar("Response", bound=HttpResponseBase)


def export_media_types() -> list[str]:
    """The media types ``export_response`` answers with, one per kind of file (for the API schema)."""
    codebooks = {QDC_CONTENT_TYPE} | {CONTENT_TYPES[kind] for kind in CODEBOOK_FORMATS.values() if kind != "qdc"}
    sent = {content_type for content_type, _extension in NETWORK_FORMATS.values()} | codebooks | {QDPX_CONTENT_TYPE}
    return sorted({content_type.split(";")[0] for content_type in sent})


def wants_pseudonyms(query: QueryDict) -> bool:
    """``?pseudonymised=``, read strictly: a malformed value is a 400, never a file with real names."""
    return query_flag(query, "pseudonymised")


def _stem(owner: Study | Region) -> str:
    return f"{'study' if isinstance(owner, Study) else 'region'}-{owner.pk}"


def _attachment(response: Response, filename: str) -> Response:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def export_response(
    owner: Study | Region, fmt: str, *, pseudonymised: bool = False, query: QueryDict | None = None
) -> HttpResponse | FileResponse | StreamingHttpResponse:
    """The file ``fmt`` (a key of FORMATS) of a study or region; 404 for an unknown format. A
    network's layer and wave come from ``query`` (``?layer=&wave=``, default all ties, all waves)."""
    if fmt not in FORMATS:
        raise Http404
    pseudonymised = pseudonymised or fmt.endswith(PSEUDONYMISED)
    fmt = fmt.removesuffix(PSEUDONYMISED)
    if fmt == "qdpx":
        return qdpx_download(owner, pseudonymised=pseudonymised)
    if fmt in CODEBOOK_FORMATS:  # a coding scheme names nobody: the same file either way
        study = owner if isinstance(owner, Study) else owner.study
        return codebook_response(study.coding_scheme_id, fmt, _stem(owner))
    content_type, extension = NETWORK_FORMATS[fmt]
    choice = network_choice(owner, query or QueryDict())
    # Every read that decides the file's head runs here, before the first byte: a failure is still an error page.
    chunks = network_chunks(owner, fmt, pseudonymised=pseudonymised, choice=choice)
    layer = "" if choice.layer == "all" else f"-{choice.layer}"
    wave = f"-wave-{choice.wave.pk}" if choice.wave else ""
    filename = f"{_stem(owner)}{layer}{wave}{PSEUDONYMISED if pseudonymised else ''}.{extension}"
    return _attachment(StreamingHttpResponse(chunks, content_type=content_type), filename)


def codebook_response(scheme_id: int | None, fmt: str, stem: str) -> HttpResponse:
    """A scheme's codebook as .qdc, or as a CSV/XLSX table (``coding.exchange.tables.codebook``)."""
    if fmt == "qdc":
        return _attachment(HttpResponse(codebook_file(scheme_id), content_type=QDC_CONTENT_TYPE), f"{stem}.qdc")
    extension = CODEBOOK_FORMATS[fmt]
    rows = codebook_rows(code_records(scheme_id))
    if extension == "csv":
        content = b"".join(csv_chunks(CODEBOOK_COLUMNS, rows))
    else:
        target = io.BytesIO()  # a codebook is small: hundreds of codes
        write_xlsx(CODEBOOK_COLUMNS, rows, target, sheet="codebook")
        content = target.getvalue()
    response = HttpResponse(content, content_type=CONTENT_TYPES[extension])
    return _attachment(response, f"{stem}-codebook.{extension}")


def qdpx_download(owner: Study | Region, *, pseudonymised: bool) -> FileResponse:
    """The zip is built in a temporary file (not in memory) and streamed from there."""
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it when sent
    try:
        qdpx_export(owner, handle, pseudonymised=pseudonymised, key=settings.PSEUDONYM_KEY)
    except BaseException:
        handle.close()
        raise
    handle.seek(0)
    filename = f"{_stem(owner)}{PSEUDONYMISED if pseudonymised else ''}.qdpx"
    return FileResponse(handle, as_attachment=True, filename=filename, content_type=QDPX_CONTENT_TYPE)


def table_response(
    owner: Study | Region, table: str, extension: str, *, pseudonymised: bool
) -> HttpResponse | StreamingHttpResponse:
    """The file of one statistics table over a study or a region; 404 for an unknown table or format."""
    if table not in TABLES or extension not in CONTENT_TYPES:
        raise Http404
    filename = table_filename(owner, table, extension, pseudonymised=pseudonymised)
    if extension == "csv":
        spec = _table_spec(owner, table, pseudonymised=pseudonymised)
        chunks = csv_chunks(spec.columns, spec.rows, variables=spec.variables)
        return _attachment(StreamingHttpResponse(chunks, content_type=CONTENT_TYPES["csv"]), filename)
    # Spills to disk past SPOOL_BYTES; the workbook itself streams rows to its own temporary files.
    target = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 - FileResponse closes it
    write_table_xlsx(owner, table, target, pseudonymised=pseudonymised)
    target.seek(0)
    return FileResponse(target, as_attachment=True, filename=filename, content_type=CONTENT_TYPES["xlsx"])


def table_filename(owner: Study | Region, table: str, extension: str, *, pseudonymised: bool) -> str:
    return f"{_stem(owner)}-{table}{PSEUDONYMISED if pseudonymised else ''}.{extension}"


def write_table_xlsx(owner: Study | Region, table: str, target: IO[bytes], *, pseudonymised: bool) -> None:
    """One statistics table (a key of TABLES) as a workbook, written to ``target``: the download's
    file, which an export job (``coding.jobs``) also builds."""
    spec = _table_spec(owner, table, pseudonymised=pseudonymised)
    codebook = [("variables", VARIABLE_COLUMNS, spec.codebook)] if spec.variables else []
    write_xlsx(spec.columns, spec.rows, target, sheet=table, variables=spec.variables, more=codebook)


def _table_spec(owner: Study | Region, table: str, *, pseudonymised: bool) -> TableWithVariables:
    study, region = (owner, None) if isinstance(owner, Study) else (owner.study, owner)
    return with_variables(TABLES[table], make_scope(study, region, pseudonymised=pseudonymised))


def dump_response(study: Study, *, pseudonymised: bool) -> StreamingHttpResponse:
    """The study's JSON dump, streamed; raises DumpRefused before any byte when it cannot be dumped."""
    pieces = study_dump(study, pseudonymised=pseudonymised)
    response = StreamingHttpResponse(pieces, content_type=DUMP_CONTENT_TYPE)
    return _attachment(response, f"{_stem(study)}{PSEUDONYMISED if pseudonymised else ''}.json")
