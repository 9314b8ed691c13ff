"""Boolean retrieval (page and files) and the code co-occurrence table of a study."""

from __future__ import annotations

import tempfile
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, QueryDict, StreamingHttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from cases.access import get_for_user
from cases.models import Study
from cases.query_flags import query_flag
from coding.exchange.pseudonyms import Pseudonymiser, researcher_pseudonym
from coding.privacy.selectors import study_pseudonymiser
from coding.workbench import passage_files, passage_selectors
from coding.workbench.forms import COOCCURRENCE_SHOWN, BooleanQueryForm, CooccurrenceForm
from coding.workbench.heatmap import heatmap, most_used
from coding.workbench.selectors import code_tree, scheme_codes

PAGE_SIZE = 50
FILTERS = ("region", "wave", "actor", "coder")
FILE_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _query_form(request: HttpRequest, study: Study, *, bound: bool = False) -> BooleanQueryForm:
    """The builder; unbound (an empty page) when nothing is asked, unless ``bound``."""
    params = request.GET.copy()
    params.pop("page", None)
    return BooleanQueryForm(params if params or bound else None, study=study, codes=scheme_codes(study))


def _without_page(query: QueryDict) -> str:
    query = query.copy()
    query.pop("page", None)
    return query.urlencode()


@login_required
def boolean_retrieval(request: HttpRequest, pk: int) -> HttpResponse:
    """The query builder and its passages, 50 a page, with the files of the whole result."""
    study = get_for_user(Study.objects.all(), request.user, pk=pk)
    form = _query_form(request, study)
    context: dict[str, Any] = {"study": study, "form": form, "query": _without_page(request.GET)}
    if form.is_bound and form.is_valid():
        selected = passage_selectors.select(study, form.query, form.filters())
        page = Paginator(selected, PAGE_SIZE).get_page(request.GET.get("page"))
        context |= {"page": page, "rows": passage_selectors.retrieved(list(page.object_list))}
        context["description"] = form.description()
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(request, "coding/boolean_retrieval.html", context, status=status)


@login_required
def boolean_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse | StreamingHttpResponse | FileResponse:
    """All passages of the query as CSV, XLSX, a readable HTML page or a Word document
    (``?pseudonymised=1``: person names replaced, strictly read as on the exports page)."""
    if fmt not in FILE_TYPES:
        raise Http404
    study = get_for_user(Study.objects.all(), request.user, pk=pk)
    form = _query_form(request, study, bound=True)
    if not form.is_valid():
        context = {"study": study, "form": form, "query": _without_page(request.GET)}
        return render(request, "coding/boolean_retrieval.html", context, status=400)
    pseudonymiser = study_pseudonymiser(study.pk) if query_flag(request.GET, "pseudonymised") else None
    selected = passage_selectors.select(study, form.query, form.filters())
    rows = [_quote_row(found, pseudonymiser) for found in passage_selectors.retrieved(selected)]
    description = form.description() + (_(" (person names replaced by pseudonyms)") if pseudonymiser else "")
    response = _file(request, study, fmt, description, rows)
    response["Content-Disposition"] = f'attachment; filename="study-{study.pk}-passages.{fmt}"'
    return response


def _file(
    request: HttpRequest, study: Study, fmt: str, description: str, rows: list[passage_files.QuoteRow]
) -> HttpResponse | StreamingHttpResponse | FileResponse:
    if fmt == "csv":
        return StreamingHttpResponse(passage_files.csv_file(rows), content_type=FILE_TYPES[fmt])
    if fmt == "html":
        context = {"study": study, "description": description, "rows": rows}
        html = render_to_string("coding/passages_document.html", context, request=request)
        return HttpResponse(html, content_type=FILE_TYPES[fmt])
    spool = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115  # closed by FileResponse
    if fmt == "xlsx":
        passage_files.xlsx_file(rows, spool)
    else:
        passage_files.docx_file(_("Passages: %(title)s") % {"title": study.title}, description, rows, spool)
    spool.seek(0)
    return FileResponse(spool, content_type=FILE_TYPES[fmt])


def _quote_row(found: passage_selectors.Retrieved, pseudonymiser: Pseudonymiser | None) -> passage_files.QuoteRow:
    """One passage for a file; with ``pseudonymiser`` person names in the texts and the coder's
    username are replaced, as in the study's other pseudonymised exports."""
    coding = found.coding
    interview = coding.interview

    def text(value: str) -> str:
        return pseudonymiser.text(value) if pseudonymiser else value

    return passage_files.QuoteRow(
        quote=text(coding.quote),
        interview=text(interview.title),
        region=interview.region.name,
        wave=interview.wave.label if interview.wave else "",
        paragraph=found.paragraph,
        codes=coding.code.name,
        coder=researcher_pseudonym(coding.coder_id) if pseudonymiser else coding.coder.get_username(),
        memo=text(coding.memo),
        coding_id=coding.pk,
    )


@login_required
def cooccurrence(request: HttpRequest, pk: int) -> HttpResponse:
    """Codes × codes: how often two codes meet (overlapping passages or the same interview)."""
    study = get_for_user(Study.objects.all(), request.user, pk=pk)
    form = CooccurrenceForm(request.GET or None, study=study)
    context: dict[str, Any] = {"study": study, "form": form}
    if form.is_bound and not form.is_valid():
        return render(request, "coding/cooccurrence.html", context, status=400)
    filters = form.filters() if form.is_bound else passage_selectors.PassageFilters()
    unit = form.unit_value() if form.is_bound else "passage"
    found = passage_selectors.cooccurrence_table(study, filters, unit)
    present = [node.code for node in code_tree(scheme_codes(study)) if found.sizes.get(node.code.pk)]
    limit = form.shown_limit() if form.is_bound else COOCCURRENCE_SHOWN
    codes = most_used(present, lambda code: found.sizes[code.pk], limit)
    shown = [(code.pk, code.name, code.colour) for code in codes]
    table = heatmap(shown, found, _cell_link(study, request.GET, unit))
    context |= {"codes": codes, "codes_present": len(present), "unit": unit, "heatmap": mark_safe(table)}  # noqa: S308  # heatmap() escapes
    return render(request, "coding/cooccurrence.html", context)


def _cell_link(study: Study, params: QueryDict, unit: str) -> str:
    kept = {name: str(params.get(name)) for name in FILTERS if params.get(name)}
    kept["unit"] = unit
    return f"{reverse('coding:boolean-retrieval', args=[study.pk])}?{urlencode(kept)}"
