"""The full evidence of one classification record, a page at a time (issue 17).

The analysis page shows a sample of each record's ties and links here ("Showing 20 of 50,000 ties —
show all"): ``regions/<pk>/analysis/evidence/?layer=&wave=&record=<key>&page=N``. Without
JavaScript the link opens this as a page; ``evidence.js`` loads it in place (``fragment=1``). The
number of queries does not grow with the record's ties: one read of the record's list, then the
page's ties looked up as the analysis page looks up its samples (``evidence.tie_index``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext

from cases.access import get_for_user
from cases.models import Region, Wave
from cases.query_flags import query_flag
from coding.analysis import glossary
from coding.analysis.layers import LAYER_LABELS, LAYERS
from coding.worker.evidence import (
    ORGANISATION_KEY,
    NoSuchPage,
    evidence_page,
    is_record_key,
    record_key,
    sample,
    tie_count,
)
from coding.worker.models import AnalysisSnapshot
from coding.worker.page_words import PageWords

__all__ = ["ORGANISATION_KEY", "EvidenceLink", "evidence_link", "region_evidence"]

# What a classification card adds to its record: the count and the link to the full list.
EvidenceLink = Callable[[Mapping[str, Any], str], dict[str, Any]]


def evidence_link(region_id: int, layer: str, wave_id: int | None) -> EvidenceLink:
    """The card's evidence figures of a record (its key prefixed with ``ORGANISATION_KEY`` at the
    organisation level): the count, as the reader writes numbers, and the address of all its ties."""
    base = reverse("analysis:region-evidence", args=[region_id])
    chosen = {"layer": layer, **({"wave": wave_id} if wave_id else {})}

    def more(record: Mapping[str, Any], prefix: str) -> dict[str, Any]:
        count = tie_count(record)
        return {
            "tie_count": count,
            "tie_count_text": number_format(count, force_grouping=True),
            "evidence_more": count > len(sample(record)),
            "evidence_url": f"{base}?{urlencode({**chosen, 'record': record_key(record, prefix)})}",
        }

    return more


@dataclass(frozen=True)
class EvidenceRequest:
    layer: str
    wave: Wave | None
    key: str
    page: int


class BadEvidenceRequest(ValueError):
    pass


def _parse(request: HttpRequest, region: Region) -> EvidenceRequest:
    """The request's layer, wave, record and page; ``BadEvidenceRequest`` saying what is wrong."""
    layer = request.GET.get("layer") or "all"
    if layer not in LAYERS:
        choices = {"layer": layer, "layers": ", ".join(LAYERS)}
        raise BadEvidenceRequest(gettext("Unknown layer “%(layer)s”. Choose one of %(layers)s.") % choices)
    wave_param = request.GET.get("wave") or ""
    wave = Wave.objects.filter(region=region, pk=wave_param).first() if wave_param.isdigit() else None
    if wave_param and wave is None:
        raise BadEvidenceRequest(gettext("That wave is not part of this region."))
    key = request.GET.get("record") or ""
    if not is_record_key(key):
        raise BadEvidenceRequest(gettext("Name the classification record whose evidence to show (record=…)."))
    page_param = request.GET.get("page") or "1"
    if not page_param.isdigit() or int(page_param) < 1:
        raise BadEvidenceRequest(gettext("The page must be a whole number from 1."))
    return EvidenceRequest(layer, wave, key, int(page_param))


@login_required
def region_evidence(request: HttpRequest, pk: int) -> HttpResponse:
    region = get_for_user(Region.objects.select_related("study"), request.user, pk=pk)
    try:
        fragment = query_flag(request.GET, "fragment")
        asked = _parse(request, region)
        context = _evidence_context(request, region, asked)
    except BadEvidenceRequest as bad:
        return render(request, "400.html", {"reason": str(bad)}, status=400)
    template = "coding/analysis/_evidence.html" if fragment else "coding/analysis/evidence.html"
    return render(request, template, context)


def _evidence_context(request: HttpRequest, region: Region, asked: EvidenceRequest) -> dict[str, Any]:
    snapshots = AnalysisSnapshot.objects.filter(region=region, layer=asked.layer, wave=asked.wave)
    snapshot_id = snapshots.values_list("pk", flat=True).first()
    try:
        found = evidence_page(region, snapshot_id, asked.key, asked.page) if snapshot_id is not None else None
    except NoSuchPage as past:
        raise BadEvidenceRequest(str(past)) from past
    if found is None:
        raise Http404(gettext("This result has no such classification record."))
    words = PageWords()
    ties = [
        {**found.ties[tie_id], "type": words.word(found.types[str(tie_id)]) if str(tie_id) in found.types else ""}
        for tie_id in found.tie_ids
        if tie_id in found.ties
    ]
    organisation = asked.key.startswith(ORGANISATION_KEY)
    name = asked.key.rpartition(":")[2]
    return {
        "region": region,
        "study": region.study,
        "title": words.term(glossary.CLASSIFICATIONS, name).label,
        "level": words.term(glossary.LEVELS, "organisation" if organisation else "as_coded").label,
        "wave": asked.wave,
        "layer_label": gettext(LAYER_LABELS[asked.layer]),
        "ties": ties,
        "deleted": len(found.tie_ids) - len(ties),
        "total": found.total,
        "total_text": number_format(found.total, force_grouping=True),
        "first": found.first + 1 if found.tie_ids else 0,
        "last": found.first + len(found.tie_ids),
        "page": found.page,
        "pages": found.pages,
        "previous_url": _page_url(request, found.page - 1) if found.page > 1 else "",
        "next_url": _page_url(request, found.page + 1) if found.page < found.pages else "",
        "analysis_url": _analysis_url(region, asked),
    }


def _page_url(request: HttpRequest, page: int) -> str:
    query = request.GET.copy()
    query.pop("fragment", None)
    query["page"] = str(page)
    return f"{request.path}?{query.urlencode()}"


def _analysis_url(region: Region, asked: EvidenceRequest) -> str:
    chosen = {"layer": asked.layer, **({"wave": asked.wave.pk} if asked.wave else {})}
    return f"{reverse('analysis:region', args=[region.pk])}?{urlencode(chosen)}"
