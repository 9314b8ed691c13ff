"""Regions side by side and over time: the comparison page and its CSV/XLSX downloads.

The selection lives in the query string (``region``, ``wave``, ``by_wave``, ``layer``), so a
comparison is a shareable URL. Only regions of the user's own studies can be picked: any other id
is an invalid choice of the form (400), whose message names nothing but the id sent. The figures
come from the stored analysis results (``coding.comparison.table`` builds the table); this module only
loads them, links every cell to its evidence and renders.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse

from cases.access import get_for_user
from cases.models import Region, Study, Wave
from coding.change.selectors import comparison_steps
from coding.comparison import charts
from coding.comparison import files as comparison_table
from coding.comparison import selectors as columns_of
from coding.comparison import table as comparison
from coding.comparison.forms import ComparisonForm
from coding.comparison.rows import Column, Comparison, Evidence
from coding.quality.views import comparison_rows as reciprocity_rows
from coding.workbench import selectors
from coding.worker.views import STATUS_LABELS

# Canvas id and title of the charts every comparison draws (static/coding/comparison.js fills them).
CHART_TITLES = (
    ("chart-grabher", "Grabher mix"),
    ("chart-coordination", "Coordination mix"),
    ("chart-actor-types", "Actor-type composition"),
    ("chart-radar", "Graph metrics (0–1)"),
)
EXPORT_FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass
class Selection:
    study: Study
    form: ComparisonForm
    query: QueryDict
    regions: list[Region]
    waves: list[Wave]
    columns: list[Column]

    @property
    def table(self) -> Comparison:
        return comparison.compare(self.columns)


def _select(request: HttpRequest, pk: int, parts: Sequence[str] = columns_of.TABLE_PARTS) -> Selection:
    """The study (404 for non-members), the regions the user may pick, and the picked columns."""
    study = get_for_user(Study.objects.all(), request.user, pk=pk)
    regions = list(Region.objects.for_user(request.user).select_related("study").order_by("study__title", "name"))
    regions.sort(key=lambda region: region.study_id != study.pk)  # this study's regions first
    waves = list(Wave.objects.for_user(request.user).order_by("region_id", "start", "id"))
    query = request.GET.copy()
    if not query.getlist("region"):  # within this study by default
        query.setlist("region", [str(region.pk) for region in regions if region.study_id == study.pk])
    form = ComparisonForm(query, regions=regions, waves=waves)
    columns = columns_of.comparison_columns(form.columns(), form.chosen_layer(), parts) if form.is_valid() else []
    return Selection(study, form, query, regions, waves, columns)


def _bases(column: Column) -> dict[str, str]:
    """The evidence pages of one column, each with its region/wave filters and an open query string."""
    wave = {"wave": column.wave_id} if column.wave_id else {}
    return {
        "analysis": reverse("analysis:region", args=[column.region_id])
        + "?"
        + urlencode({"layer": column.layer, **wave}),
        "interactions": reverse("coding:interaction-list", args=[column.study_id])
        + "?"
        + urlencode({"region": column.region_id, **wave}),
        "actors": reverse("cases:actor-list", args=[column.region_id]) + "?",
        "interviews": reverse("interviews:list", args=[column.region_id]) + "?" + urlencode(wave),
    }


def _link(base: str, evidence: Evidence) -> str:
    url = base
    if evidence.filters:
        url += ("" if url.endswith("?") else "&") + urlencode(evidence.filters)
    url = url.rstrip("?")
    return url + (f"#{evidence.anchor}" if evidence.anchor else "")


def link_evidence(table: Comparison) -> None:
    """Fill every cell's ``url`` from its evidence descriptor (reversing each page once per column)."""
    bases = [_bases(column) for column in table.columns]
    for section in table.sections:
        for row in section.rows:
            for base, cell in zip(bases, row.cells, strict=True):
                if cell.evidence is not None:
                    cell.url = _link(base[cell.evidence.kind], cell.evidence)


def _headers(selection: Selection) -> list[dict[str, Any]]:
    studies = {region.study_id: region.study for region in selection.regions}
    return [
        {
            "column": column,
            "status_label": STATUS_LABELS.get(column.status, column.status),
            "analysis_url": _bases(column)["analysis"],
            "study": studies[column.study_id] if column.study_id != selection.study.pk else None,
        }
        for column in selection.columns
    ]


def _picker(selection: Selection) -> list[dict[str, Any]]:
    """The selectable regions grouped by study, each with its waves, and what is ticked."""
    data = cast("QueryDict", selection.form.data)  # the form is bound to request.GET
    regions_on, waves_on = set(data.getlist("region")), set(data.getlist("wave"))
    waves_of: dict[int, list[dict[str, Any]]] = {}
    for wave in selection.waves:
        waves_of.setdefault(wave.region_id, []).append({"wave": wave, "checked": str(wave.pk) in waves_on})
    groups: list[dict[str, Any]] = []
    for region in selection.regions:
        if not groups or groups[-1]["study"].pk != region.study_id:
            groups.append({"study": region.study, "regions": []})
        entry = {"region": region, "checked": str(region.pk) in regions_on, "waves": waves_of.get(region.pk, [])}
        groups[-1]["regions"].append(entry)
    return groups


def _code_matrix(selection: Selection) -> tuple[list[selectors.MatrixColumn], list[dict]]:
    regions = {region.pk: region for region in selection.regions}
    waves: dict[int | None, Wave] = {wave.pk: wave for wave in selection.waves}
    columns = [
        selectors.matrix_column(regions[column.region_id], waves.get(column.wave_id), label=column.label)
        for column in selection.columns
    ]
    return columns, selectors.code_matrix(selectors.scheme_codes(selection.study), columns)


def _wave_steps(selection: Selection) -> list[Any]:
    """Change between consecutive picked waves of a region (the "over time" rows per step)."""
    picked = {column.wave_id for column in selection.columns if column.wave_id}
    names = {region.pk: region.name for region in selection.regions}
    layer = selection.columns[0].layer if selection.columns else "all"
    return comparison_steps(picked, selection.waves, names, layer)


@login_required
def comparison_page(request: HttpRequest, pk: int) -> HttpResponse:
    selection = _select(request, pk)
    table = selection.table
    link_evidence(table)
    matrix_columns, matrix_rows = _code_matrix(selection)
    context = {
        "study": selection.study,
        "form": selection.form,
        "picker": _picker(selection),
        "headers": _headers(selection),
        "table": table,
        "matrix_columns": matrix_columns,
        "matrix_rows": matrix_rows,
        "charts": charts.chart_series(table),
        "chart_titles": CHART_TITLES,
        "query": selection.query.urlencode(),
        "stale": [column for column in selection.columns if not column.is_current],
        "wave_steps": _wave_steps(selection),
        "reciprocity_rows": reciprocity_rows(
            list({c.region_id: (c.region_id, c.region_name) for c in selection.columns}.values())
        ),
    }
    status = 400 if selection.form.errors else 200
    return render(request, "coding/comparison.html", context, status=status)


@login_required
def comparison_networks(request: HttpRequest, pk: int) -> JsonResponse:
    """The networks of the page's columns (same query string), drawn by its script as small multiples."""
    selection = _select(request, pk, columns_of.NETWORK_PARTS)
    if selection.form.errors:
        return JsonResponse({"errors": selection.form.errors.get_json_data()}, status=400)
    return JsonResponse({"networks": charts.network_series(selection.columns)})


@login_required
def comparison_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in EXPORT_FORMATS:
        raise Http404
    selection = _select(request, pk)
    if selection.form.errors:
        errors = "; ".join(str(error) for errors in selection.form.errors.values() for error in errors)
        return HttpResponse(errors, status=400, content_type="text/plain; charset=utf-8")
    _columns, matrix_rows = _code_matrix(selection)
    codes = [
        comparison_table.CodeRow(
            "  " * row["node"].depth + row["node"].code.name,
            [cell.count for cell in row["cells"]],
            [cell.share for cell in row["cells"]],
            row["total"],
        )
        for row in matrix_rows
    ]
    rows = comparison_table.table_rows(selection.table, codes)
    title = f"Comparison · {selection.study.title}"
    body = comparison_table.to_csv(rows) if fmt == "csv" else comparison_table.to_xlsx(rows, title)
    response = HttpResponse(body, content_type=EXPORT_FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="comparison-study-{selection.study.pk}.{fmt}"'
    return response
