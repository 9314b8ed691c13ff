"""The "Informant reciprocity" section of the region analysis page (a figure of data quality)."""

from __future__ import annotations

from html import escape  # the same five characters as django.utils.html.escape
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

from cases.access import get_for_user
from cases.models import Region, Wave
from coding.analysis.reciprocity import CATEGORIES, LABELS
from coding.quality.selectors import regions_reciprocity
from coding.worker.page_html import url_for

# Ties listed per category: a 50,000-tie region listed them all, 3 MB of the analysis page (issue 17).
TIES_SHOWN = 100


def analysis_section(region: Region, wave: Wave | None) -> dict[str, Any]:
    """Counts per category, the confirmed share, and each category's ties linked to their evidence."""
    found = regions_reciprocity([region.pk], wave_id=wave.pk if wave else None)[region.pk]
    interview_url = {i: url_for("interviews:detail")(i) for i in found.interview_titles}
    tie_url = url_for("coding:interaction-detail")

    def interviews(ids: tuple[int, ...]) -> list[dict[str, str]]:
        return [{"title": found.interview_titles[i], "url": interview_url[i]} for i in ids]

    groups: dict[str, list[dict[str, Any]]] = {category: [] for category in CATEGORIES}
    listed_of: dict[str, int] = dict.fromkeys(CATEGORIES, 0)
    for item in found.ties:
        listed_of[item.category] += 1
        if len(groups[item.category]) >= TIES_SHOWN:
            continue  # the list names the first ones, a last line counts the others
        groups[item.category].append(
            {
                "label": found.labels[item.tie_id],
                "url": tie_url(item.tie_id),
                "source_interviews": interviews(item.source_interviews),
                "target_interviews": interviews(item.target_interviews),
            }
        )
    summary = found.summary
    return {
        "reciprocity": {
            "summary": summary,
            "groups": [
                (
                    category,
                    gettext(LABELS[category]),
                    summary[category],
                    groups[category],
                    _tie_list(groups[category], listed_of[category] - len(groups[category])),
                )
                for category in CATEGORIES
            ],
        }
    }


def _tie_list(ties: list[dict[str, Any]], more: int = 0) -> str:
    """A category's ties as ``<li>`` lines, built here: thousands of them made most of the page's time;
    ``more`` ties not listed are counted in a last line."""

    def links(interviews: list[dict[str, str]]) -> str:
        return ", ".join(f'<a href="{i["url"]}">{escape(i["title"])}</a>' for i in interviews)

    first, second = escape(gettext("for the first:")), escape(gettext("for the second:"))
    return mark_safe(  # noqa: S308 - every value escaped
        "".join(
            f'<li><a href="{tie["url"]}">{escape(tie["label"])}</a>'
            + (f" · {first} {links(tie['source_interviews'])}" if tie["source_interviews"] else "")
            + (f" · {second} {links(tie['target_interviews'])}" if tie["target_interviews"] else "")
            + "</li>"
            for tie in ties
        )
        + (f'<li class="muted" data-role="more-ties">{escape(_more(more))}</li>' if more > 0 else "")
    )


@login_required
def region_reciprocity(request: HttpRequest, pk: int) -> HttpResponse:
    """The section on its own, fetched by the analysis page (static/coding/analysis.js): over every
    tie of a large region it took a second, which the page's first paint no longer waits for."""
    region = get_for_user(Region.objects.select_related("study"), request.user, pk=pk)
    wave_param = request.GET.get("wave") or ""
    wave = Wave.objects.filter(region=region, pk=wave_param).first() if wave_param.isdigit() else None
    if wave_param and wave is None:
        message = gettext("That wave is not part of this region; showing all waves.")
        return HttpResponse(f'<p class="errorlist">{escape(message)}</p>', status=400)
    context = {"view": {"wave": wave}, **analysis_section(region, wave)}
    return render(request, "coding/analysis/_reciprocity.html", context)


def _more(count: int) -> str:
    return ngettext("and %(count)s more tie", "and %(count)s more ties", count) % {"count": count}


def comparison_rows(regions: list[tuple[int, str]]) -> list[dict[str, Any]]:
    """One row per compared region (over all its ties): the counts and the confirmed share."""
    found = regions_reciprocity([region_id for region_id, _name in regions])
    return [{"region_id": region_id, "name": name, **found[region_id].summary} for region_id, name in regions]
