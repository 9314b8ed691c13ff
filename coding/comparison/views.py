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
from django.utils.formats import number_format
from django.utils.translation import gettext, gettext_noop

from cases.access import get_for_user
from cases.models import Region, Study, Wave
from coding.change.selectors import comparison_steps
from coding.colour_by.comparison import colour_choice, with_categories
from coding.colour_by.comparison import legend_groups as colour_legend
from coding.comparison import chart_svg, charts, networks
from coding.comparison import files as comparison_table
from coding.comparison import selectors as columns_of
from coding.comparison import table as comparison
from coding.comparison.forms import ComparisonForm
from coding.comparison.page_text import column_label, localise, localise_series
from coding.comparison.partition_table import PartitionColumn, partition_rows
from coding.comparison.rows import Column, Comparison, Evidence
from coding.layout.selectors import positions_by_region
from coding.partitions import selectors as partitions
from coding.partitions.models import PartitionStatus
from coding.partitions.services import partition_figures_many
from coding.quality.views import comparison_rows as reciprocity_rows
from coding.templatetags.says import say
from coding.variables.fixed import EFFECTIVE_ACTOR_TYPE, Attribute
from coding.variables.models import Variable
from coding.variables.selectors import study_variables
from coding.workbench import selectors, variable_filters
from coding.worker.views import STATUS_LABELS

# Canvas id and title of the charts every comparison draws (static/coding/comparison.js fills them).
CHART_TITLES = (
    ("chart-grabher", gettext_noop("Grabher mix")),
    (
        "chart-coordination",
        gettext_noop("Coordination mix: each tie once, by one mode only or several (adds up to 100 %)"),
    ),
    ("chart-actor-types", gettext_noop("Actor-type composition")),
    ("chart-radar", gettext_noop("Graph metrics (0–1)")),
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
    # The picked (region, wave) columns, kept and ordered by the region filter and grouping.
    picks: list[tuple[Region, Wave | None]]
    variables: list[Variable]
    scope: variable_filters.RegionScope
    only: variable_filters.ValueFilter | None
    group_by: Attribute | None
    region_filters: list[variable_filters.ValueFilter]
    groupable: list[Attribute]

    @property
    def table(self) -> Comparison:
        return comparison.compare(self.columns)


def _select(request: HttpRequest, pk: int, parts: Sequence[str] | None = columns_of.TABLE_PARTS) -> Selection:
    """The study (404 for non-members), the regions the user may pick, and the picked columns (not
    read with ``parts`` None: the networks read their own parts of the results)."""
    study = get_for_user(Study.objects.all(), request.user, pk=pk)
    regions = list(Region.objects.for_user(request.user).select_related("study").order_by("study__title", "name"))
    regions.sort(key=lambda region: region.study_id != study.pk)  # this study's regions first
    waves = list(Wave.objects.for_user(request.user).order_by("region_id", "start", "id"))
    query = request.GET.copy()
    if not query.getlist("region"):  # within this study by default
        query.setlist("region", [str(region.pk) for region in regions if region.study_id == study.pk])
    form = ComparisonForm(query, regions=regions, waves=waves)
    variables = study_variables(study)
    region_filters, groupable = variable_filters.region_menus(study, variables)
    only = variable_filters.find_filter(region_filters, query.get("only") or "")
    group_by = variable_filters.find_attribute(groupable, query.get("group_by") or "")
    picks = form.columns() if form.is_valid() else []
    scope = variable_filters.scope_regions(
        list({region.pk: region for region, _wave in picks}.values()), only, group_by
    )
    order = {region.pk: position for position, region in enumerate(scope.regions)}
    picks = sorted((pick for pick in picks if pick[0].pk in order), key=lambda pick: order[pick[0].pk])
    columns = columns_of.comparison_columns(picks, form.chosen_layer(), parts) if picks and parts is not None else []
    return Selection(
        study, form, query, regions, waves, columns, picks, variables, scope, only, group_by, region_filters, groupable
    )


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


def say_reasons(table: Comparison) -> None:
    """Each classification's reason in the reader's language (the table holds it in English, for files)."""
    for section in table.sections:
        for row in section.rows:
            for cell in row.cells:
                if cell.reason is not None:
                    cell.detail = say(cell.reason)


def _headers(selection: Selection) -> list[dict[str, Any]]:
    studies = {region.study_id: region.study for region in selection.regions}
    return [
        {
            "column": column,
            "status_label": gettext(str(STATUS_LABELS.get(column.status, column.status))),
            "label": column_label(column),
            "analysis_url": _bases(column)["analysis"],
            "study": studies[column.study_id] if column.study_id != selection.study.pk else None,
            "group": selection.scope.group_of.get(column.region_id, ""),
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
    say_reasons(table)
    localise(table)  # the page's language; the downloads build their own English table
    matrix_columns, matrix_rows = _code_matrix(selection)
    series = charts.chart_series(table)
    localise_series(series, table.columns)
    titles = [(key, gettext(title)) for key, title in CHART_TITLES]
    colour = colour_choice(selection.study, selection.variables, selection.query.get("colour") or "")
    context = {
        "study": selection.study,
        "form": selection.form,
        "picker": _picker(selection),
        "headers": _headers(selection),
        "table": table,
        "matrix_columns": matrix_columns,
        "matrix_rows": matrix_rows,
        "charts": series,
        "chart_figures": chart_svg.comparison_figures(series, titles, say=say),
        "query": selection.query.urlencode(),
        "stale": [column_label(column) for column in selection.columns if not column.is_current],
        "partition_choices": _partition_choices(selection),
        "only_choices": variable_filters.grouped_choices(selection.region_filters),
        "group_choices": [(attribute.name, attribute.label) for attribute in selection.groupable],
        "only": selection.only,
        "group_by": selection.group_by,
        "colour": colour,
        "colour_legend": colour_legend(colour),
        "wave_steps": _wave_steps(selection),
        "network_cap": number_format(networks.TIE_CAP, force_grouping=True),
        "reciprocity_rows": reciprocity_rows(
            list({c.region_id: (c.region_id, c.region_name) for c in selection.columns}.values())
        ),
    }
    status = 400 if selection.form.errors else 200
    return render(request, "coding/comparison.html", context, status=status)


@login_required
def comparison_networks(request: HttpRequest, pk: int) -> JsonResponse:
    """The networks of the page's columns (same query string), drawn by its script as small multiples:
    compact, a large network cut to its strongest ties with a note saying so (coding.comparison.networks)."""
    selection = _select(request, pk, None)
    if selection.form.errors:
        return JsonResponse({"errors": selection.form.errors.get_json_data()}, status=400)
    region_ids = {region.pk for region, _wave in selection.picks}
    cap = networks.TIE_CAP
    stored = columns_of.comparison_networks(selection.picks, selection.form.chosen_layer(), cap)
    payload = networks.network_payload(stored, positions_by_region(region_ids), cap=cap)
    for network in payload["networks"]:
        if networks.is_cut(network):
            network["note"] = cut_note(network)
    colour = colour_choice(selection.study, selection.variables, selection.query.get("colour") or "")
    return JsonResponse(with_categories(payload, colour, region_ids))


def cut_note(network: dict[str, Any]) -> str:
    """The caption of a network cut to its strongest ties."""
    return gettext(
        "The strongest %(shown)s of %(total)s ties and the %(actors)s actors they join; "
        "the analysis page shows all %(all_actors)s actors."
    ) % {
        "shown": number_format(len(network["edges"]), force_grouping=True),
        "total": number_format(network["ties"], force_grouping=True),
        "actors": number_format(len(network["nodes"]), force_grouping=True),
        "all_actors": number_format(network["actors"], force_grouping=True),
    }


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


def _partition_choices(selection: Selection) -> list[tuple[str, str, bool]]:
    """The categorical actor attributes of the study, the chosen one marked. One query."""
    chosen = selection.query.get("partition") or EFFECTIVE_ACTOR_TYPE
    choices = partitions.partition_attributes(selection.study, selection.variables)
    return [(a.name, gettext(a.label), a.name == chosen) for a in choices]  # a fixed label is a msgid


@login_required
def comparison_partition(request: HttpRequest, pk: int) -> HttpResponse:
    """The figures of one partition for the page's columns (same query string), fetched and polled by
    ``partition.js``; a column still computing says so in its cells."""
    selection = _select(request, pk, ())
    name = selection.query.get("partition") or EFFECTIVE_ACTOR_TYPE
    attribute = next(
        (a for a in partitions.partition_attributes(selection.study, selection.variables) if a.name == name), None
    )
    if selection.form.errors or attribute is None:
        message = gettext("“%(name)s” is not a categorical actor attribute of this study.") % {"name": name[:80]}
        errors = (
            [message] if attribute is None else [str(e) for errors in selection.form.errors.values() for e in errors]
        )
        return render(request, "coding/comparison_partition.html", {"errors": errors}, status=400)
    answers = partition_figures_many(
        picks=selection.picks, layer=selection.form.chosen_layer(), attribute=attribute.name
    )
    columns = [
        PartitionColumn(
            column.key, column_label(column), str(PartitionStatus(answer.status).label), answer.result, answer.error
        )
        for column, answer in zip(selection.columns, answers, strict=True)
    ]
    labels = partitions.group_labels(attribute)
    rows = partition_rows(columns, attribute.categories, labels, say=say)
    for row in rows:
        row.label = say(row.said) if row.said else gettext(row.label)
    context = {
        "attribute": attribute,
        "columns": columns,
        "rows": rows,
        "pending": any(not answer.ready for answer in answers),
    }
    return render(request, "coding/comparison_partition.html", context)
