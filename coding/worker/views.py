"""Region analysis page and its JSON status endpoint.

The page renders the stored snapshot; ``analysis.js`` polls the status endpoint and, when a newer
result is stored, fetches the results fragment again, so new metrics appear without a reload.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.formats import number_format
from django.utils.translation import gettext, gettext_lazy

from cases.access import get_for_user
from cases.models import Region, Wave
from cases.query_flags import query_flag
from coding.analysis import glossary
from coding.analysis.caveats import stability_message
from coding.analysis.layers import LAYER_LABELS, LAYERS
from coding.change.views import analysis_section as change_section
from coding.charts.region import region_charts
from coding.colour_by import colourings
from coding.colour_by.selectors import actor_categories, colour_attributes
from coding.layout.selectors import region_positions
from coding.layout.views import relayout_button
from coding.partitions.selectors import partition_attributes
from coding.partitions.views import partition_menu
from coding.templatetags.says import say
from coding.variables.fixed import Attribute
from coding.worker import models as worker_models
from coding.worker.actor_table import actor_tables, legend_actors
from coding.worker.communities_section import communities_context
from coding.worker.concepts_page import concepts_context
from coding.worker.evidence import ACTOR_SAMPLE_SIZE, actor_count, sample, tie_index
from coding.worker.evidence_views import ORGANISATION_KEY, EvidenceLink, evidence_link
from coding.worker.figure_tables import figure_tables
from coding.worker.levels import levels_context, organisation_level, with_organisation
from coding.worker.models import AnalysisSnapshot, RegionAnalysisState, SnapshotStatus, effective_status
from coding.worker.page_html import (
    chart_table_html,
    figure_tables_html,
    tie_items,
    url_for,
)
from coding.worker.page_words import PageWords
from coding.worker.snapshot_parts import page_result

# What the reader sees; queued and running both mean "a newer result is on its way".
STATUS_LABELS: dict[str, Any] = {
    SnapshotStatus.STALE: gettext_lazy("out of date (waiting for the worker)"),
    SnapshotStatus.QUEUED: gettext_lazy("computing…"),
    SnapshotStatus.RUNNING: gettext_lazy("computing…"),
    SnapshotStatus.OK: gettext_lazy("up to date"),
    SnapshotStatus.FAILED: gettext_lazy("failed"),
}


# Longer figure texts (lists of pairs or actors) are left out of the summary's sentence.
SUMMARY_FIGURE_LENGTH = 80


@dataclass
class AnalysisView:
    region: Region
    layer: str
    wave: Wave | None
    snapshot: AnalysisSnapshot | None
    state: RegionAnalysisState | None

    @property
    def current_version(self) -> int:
        return self.state.version if self.state else 1

    @property
    def status(self) -> str:
        """What the reader should be told: the snapshot's status, or "stale" when inputs moved on."""
        return effective_status(self.snapshot, self.state)

    def status_json(self) -> dict[str, Any]:
        snapshot = self.snapshot
        has_result = bool(snapshot and snapshot.has_result)
        return {
            "status": self.status,
            "status_label": str(STATUS_LABELS[SnapshotStatus(self.status)]),
            "input_version": snapshot.input_version if snapshot else 0,
            "current_version": self.current_version,
            "has_result": has_result,
            "computed_at": snapshot.computed_at.isoformat() if snapshot and snapshot.computed_at else None,
            "error": snapshot.error if snapshot else "",
            # The page fetches the results again when the follow-up run has added the stability.
            "stability": snapshot.stability_state if snapshot and has_result else "",
            "as_of": worker_models.pending_edits_note(snapshot, self.state),
        }


def _load(
    request: HttpRequest, pk: int, *, with_result: bool = True, parts: dict[str, Any] | None = None
) -> tuple[AnalysisView, list[str]]:
    """Region, layer, wave, their snapshot (``parts``: parts of its result cut out by the database,
    ``snapshot_parts``) and state; 404 outside the reader's studies."""
    region = get_for_user(Region.objects.select_related("study"), request.user, pk=pk)
    errors = []
    layer = request.GET.get("layer") or "all"
    if layer not in LAYERS:
        errors.append(
            gettext("Unknown layer “%(layer)s”; showing all ties. Choose one of %(layers)s.")
            % {"layer": layer, "layers": ", ".join(LAYERS)}
        )
        layer = "all"
    wave = None
    wave_param = request.GET.get("wave") or ""
    if wave_param:
        wave = Wave.objects.filter(region=region, pk=wave_param).first() if wave_param.isdigit() else None
        if wave is None:
            errors.append(gettext("That wave is not part of this region; showing all waves."))
    # The status endpoint, polled every few seconds, reads the small columns only (issue 17).
    # The full classification evidence is read on demand only (coding.worker.evidence).
    snapshots = AnalysisSnapshot.objects.defer("evidence", *(() if with_result else ("result",)))
    snapshots = snapshots.annotate(**parts) if parts else snapshots
    snapshot = (
        snapshots.filter(region=region, wave=wave, layer=layer).first()
        if wave
        else snapshots.filter(region=region, wave__isnull=True, layer=layer).first()
    )
    state = RegionAnalysisState.objects.filter(region=region).first()
    return AnalysisView(region, layer, wave, snapshot, state), errors


load_view = _load  # the network endpoint (network_json) reads region, layer and wave the same way


def _results_context(
    view: AnalysisView, colour_by: list[Attribute], request: HttpRequest, errors: list[str]
) -> dict[str, Any]:
    # Without the ties and partitions: the network and the partitions' figures have their own endpoints.
    result = page_result(view.snapshot) if view.snapshot and view.snapshot.has_result else None
    if not result:
        return {"result": None}
    actors = result.get("actors", [])
    # Each actor's category under every attribute the picture can be coloured by (one query).
    categories = actor_categories([view.region.pk], colour_by)
    names = {actor["id"]: actor.get("name", str(actor["id"])) for actor in actors}
    words = PageWords()  # the reader's language, looked up once for the whole page
    classifications = result.get("classifications", [])
    organisation = organisation_level(result)
    # Only the records' samples are looked up; the full lists are on demand (coding.worker.evidence).
    named = [*classifications, *organisation.get("classifications", [])]
    ties = tie_index(view.region, {tie_id for record in named for tie_id in sample(record)})
    more = evidence_link(view.region.pk, view.layer, view.wave.pk if view.wave else None)
    levels = levels_context(
        result,
        organisation,
        lambda records: _records(records, names, ties, result, words, more, ORGANISATION_KEY),
        lambda rows: rows,  # paged below (actor_tables)
        words,
    )
    organisation_metrics = organisation.get("metrics", {})
    organisation_coverage = organisation.get("coverage") or {}
    shown = _records(classifications, names, ties, result, words, more)
    with_organisation(shown, levels.get("organisation_records", {}))
    return {
        **levels,
        "result": result,
        "structure_note": gettext(glossary.STRUCTURE_CONVENTION),
        "metrics": [
            (key, term, _metric(key, value, words), _metric(key, organisation_metrics.get(key), words))
            for key, term, value in words.in_order(result.get("metrics", {}), glossary.REGION_METRICS)
        ],
        "charts": [
            (chart, chart_table_html(chart.head, chart.rows, words.plain))
            for chart in region_charts(result, words.word, gettext, words.separator)
        ],
        "concepts": concepts_context(
            result.get("concepts"),
            names,
            {wave.pk: wave.label for wave in Wave.objects.filter(region=view.region)},
            words.word,
        ),
        "coverage": [
            (
                key,
                term,
                _coverage(key, value, names, words),
                _coverage(key, organisation_coverage.get(key), names, words),
            )
            for key, term, value in words.in_order(result.get("coverage") or {}, glossary.COVERAGE)
        ],
        "classifications": shown,
        "communities": communities_context(result, result["community_ties"]),
        "actor_columns": words.terms(glossary.ACTOR_COLUMNS, glossary.ACTOR_COLUMNS),
        **actor_tables(
            actors,
            levels.get("organisation_actor_rows", []),
            request.GET,
            errors,
            lambda rows: _actor_rows(rows, words),
        ),
        "legend_actors": legend_actors(actors),
        "colour_choices": colourings.choices(colour_by),
        "colour_legend": colourings.legend_groups(colour_by, (categories.get(a["id"], {}) for a in actors)),
    }


def _metric(key: str, value: Any, words: PageWords) -> dict[str, Any]:
    """A region figure as text, or as small tables when it is nested (groups, modes, roles)."""
    if isinstance(value, dict) and value:
        return {
            "text": "",
            "tables": figure_tables_html(figure_tables(value, words.fmt, words.word, column_name=words.part)),
        }
    return {"text": words.fmt(len(value) if key == "self_tie_ids" and value is not None else value), "tables": ""}


def _coverage(key: str, value: Any, names: dict[int, str], words: PageWords) -> str:
    listed = key == "interviewed_actor_ids" and value is not None
    return words.fmt([names.get(i, i) for i in value] if listed else value)


def _records(
    records: list[dict[str, Any]],
    names: dict[int, str],
    ties: dict[int, dict[str, Any]],
    result: dict[str, Any],
    words: PageWords,
    more: EvidenceLink,
    key_prefix: str = "",
) -> list[dict[str, Any]]:
    """Classification records as the page shows them: titles, words for labels, their docs section,
    stability, named actors, a sample of their ties and the link to all; thresholds with their sources."""
    return [_record(record, names, ties, result, words, more, key_prefix) for record in records]


def _record(
    record: dict[str, Any],
    names: dict[int, str],
    ties: dict[int, dict[str, Any]],
    result: dict[str, Any],
    words: PageWords,
    more: EvidenceLink,
    key_prefix: str,
) -> dict[str, Any]:
    figures = record.get("figures") or {}
    # Each figure's words once: the summary and the card both show them.
    texts = {
        key: _figure_text(record, key, words.figure(key, value, names))
        for key, value in figures.items()
        if not _nested(key, value)
    }
    shown = sample(record)
    actor_ids = (record.get("actor_ids") or [])[:ACTOR_SAMPLE_SIZE]
    return {
        **record,
        **more(record, key_prefix),
        "title": words.term(glossary.CLASSIFICATIONS, record["name"]),
        "label_text": gettext(glossary.classification_label(record["label"])),
        "doc": glossary.doc_anchor(record["name"]),
        "stability_text": say(stability_message(result, record)),
        "tentative": bool(((record.get("stability") or {}).get("interviews") or {}).get("tentative")),
        # The thresholds keep their keys: they are the names of the settings.
        "thresholds_list": [
            (key, words.fmt(value), words.meaning(glossary.SETTINGS.get(key, "")))
            for key, value in (record.get("thresholds") or {}).items()
        ],
        "figures_list": [(words.figure_name(key), text) for key, text in texts.items()],
        # The summary's one sentence takes the short figures; long lists (pairs, spanners) stay on the card.
        "summary_figures": [
            (words.figure_name(key), text) for key, text in texts.items() if len(text) <= SUMMARY_FIGURE_LENGTH
        ],
        "figure_tables": figure_tables_html(
            table
            for key, value in figures.items()
            if _nested(key, value)
            for table in figure_tables(value, words.fmt, words.word, words.figure_name(key), words.part)
        ),
        "ties": [ties[tie_id] for tie_id in shown if tie_id in ties],
        "ties_html": tie_items(ties[tie_id] for tie_id in shown if tie_id in ties),
        # A stored record names its first actors (``evidence.ACTOR_SAMPLE_SIZE``) and how many there are.
        "actors": [names.get(actor_id, actor_id) for actor_id in actor_ids],
        "actors_more": actor_count(record) - len(actor_ids),
    }


def _figure_text(record: dict[str, Any], key: str, text: str) -> str:
    """A figure's words; a long one the stored record keeps only the first entries of says so."""
    total = (record.get("figure_counts") or {}).get(key)
    if not isinstance(total, int):
        return text
    shown = len((record.get("figures") or {}).get(key) or ())
    return gettext("%(figure)s … (the first %(shown)s of %(total)s)") % {
        "figure": text,
        "shown": number_format(shown, force_grouping=True),
        "total": number_format(total, force_grouping=True),
    }


def _nested(key: str, value: Any) -> bool:
    """A figure read better as a table: a dict of parts (not the spanners, named by ``_figure``)."""
    return isinstance(value, dict) and bool(value) and key != "spanners"


def _actor_rows(actors: list[dict[str, Any]], words: PageWords) -> list[dict[str, Any]]:
    actor_url = url_for("cases:actor-detail")
    return [
        {
            "id": actor["id"],
            "name": actor.get("name", ""),
            "url": actor_url(actor["id"]),
            "cells": [(actor.get(column), words.fmt(actor.get(column))) for column in glossary.ACTOR_COLUMNS],
        }
        for actor in actors
    ]


@login_required
def region_analysis(request: HttpRequest, pk: int) -> HttpResponse:
    view, errors = _load(request, pk, with_result=False)
    fragment = query_flag(request.GET, "fragment")
    # One read of the stored layout for every picture of the page (network and wave change).
    positions = region_positions(view.region.pk)
    # One read of the study's variables for the partition menu and the Colour by select.
    attributes = partition_attributes(view.region.study)
    context = {
        "region": view.region,
        "study": view.region.study,
        "view": view,
        "status": view.status_json(),
        "layers": [(layer, gettext(label)) for layer, label in LAYER_LABELS.items()],
        "waves": list(Wave.objects.filter(region=view.region).order_by("start", "id")),
        "errors": errors,
        **relayout_button(view.region),
        "partition": partition_menu(
            request, view.region, view.layer, view.wave.pk if view.wave else None, attributes=attributes
        ),
        **_results_context(view, colour_attributes(attributes), request, errors),
        **({} if fragment else change_section(request.GET, view.region, view.layer, errors, positions)),
    }
    template = "coding/analysis/_results.html" if fragment else "coding/analysis/region.html"
    return render(request, template, context, status=400 if errors and not fragment else 200)


@login_required
def region_analysis_status(request: HttpRequest, pk: int) -> JsonResponse:
    view, errors = _load(request, pk, with_result=False)
    return JsonResponse(
        {**view.status_json(), "layer": view.layer, "wave": view.wave.pk if view.wave else None, "errors": errors}
    )
