"""The "Change between waves" section of the region analysis page.

Shown when the region has at least two waves: a row per consecutive step, and the details (tie
changes linked to the coded ties and their evidence, entering and leaving actors, per-actor change)
of the step picked with ``?from=&to=`` (any two waves), else of the latest consecutive step.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import QueryDict
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext, gettext_lazy

from cases.models import Region
from coding.analysis.change import ACTOR_FIGURES, DISSOLVED, FORMED, PERSISTED
from coding.analysis.layout import Point
from coding.change.selectors import ChangeRequestError, Step, region_change
from coding.layout.selectors import with_position

FIGURE_LABELS = {
    "degree": gettext_lazy("Degree"),
    "betweenness": gettext_lazy("Betweenness"),
    "constraint": gettext_lazy("Constraint"),
    "brokerage_total": gettext_lazy("Brokerage roles (all)"),
}


def analysis_section(
    query: QueryDict, region: Region, layer: str, errors: list[str], positions: Mapping[int, Point]
) -> dict[str, Any]:
    """Context of the section (``change`` is None under two waves); a bad pair adds to ``errors``.

    ``positions`` (the region's stored layout, ``coding.layout.selectors``) place the picture's actors.
    """
    try:
        found = region_change(region, layer, before=query.get("from"), after=query.get("to"))
    except ChangeRequestError as error:
        errors.append(gettext("Change between waves: %(error)s") % {"error": error})
        found = region_change(region, layer)
    if len(found.waves) < 2:
        return {"change": None}
    detail = found.chosen or (found.steps[-1] if found.steps else None)
    return {
        "change": {"steps": found.steps, "detail": _detail(detail, positions) if detail else None, "waves": found.waves}
    }


def _number(value: float | None) -> str:
    """A figure as shown: three decimals at most, "—" when undefined (constraint of an isolate)."""
    if value is None:
        return "—"
    if not isinstance(value, float):
        return str(value)
    text = f"{value:.3f}".rstrip("0").rstrip(".")  # the decimals shown; the separator is the reader's
    return formats.number_format(float(text), len(text.partition(".")[2]), use_l10n=True)


def _tie_link(tie_ids: tuple[int, ...]) -> list[dict[str, Any]]:
    return [{"id": tie_id, "url": reverse("coding:interaction-detail", args=[tie_id])} for tie_id in tie_ids]


def _actor(actor_id: int, names: dict[int, str]) -> dict[str, Any]:
    return {"name": names.get(actor_id, str(actor_id)), "url": reverse("cases:actor-detail", args=[actor_id])}


def _detail(step: Step, positions: Mapping[int, Point]) -> dict[str, Any]:
    change, names = step.change, step.names
    if change is None:
        return {"step": step, "change": None}
    ties = {
        kind: [
            {
                "source": _actor(tie.source, names),
                "target": _actor(tie.target, names),
                "before": _tie_link(tie.before_tie_ids),
                "after": _tie_link(tie.after_tie_ids),
            }
            for tie in change.of(kind)
        ]
        for kind in (FORMED, DISSOLVED, PERSISTED)
    }
    shown = [key for key in ACTOR_FIGURES if key in FIGURE_LABELS]
    return {
        "step": step,
        "change": change,
        "summary": change.summary(),
        "formed": ties[FORMED],
        "dissolved": ties[DISSOLVED],
        "persisted": ties[PERSISTED],
        "entering": [_actor(actor_id, names) for actor_id in change.entering],
        "leaving": [_actor(actor_id, names) for actor_id in change.leaving],
        "figure_labels": [str(FIGURE_LABELS[key]) for key in shown],
        "actors": [
            {
                **_actor(actor.actor_id, names),
                "cells": [
                    tuple(_number(value) for value in (actor.before[key], actor.after[key], actor.delta[key]))
                    for key in shown
                ],
            }
            for actor in change.actors
        ],
        "picture": {
            # x, y: the region's stored layout, so both waves are drawn on the same positions.
            "actors": [
                with_position({"id": actor.actor_id, "name": actor.name}, positions, actor.actor_id)
                for actor in change.actors
            ],
            "ties": [{"source": tie.source, "target": tie.target, "change": tie.change} for tie in change.ties],
        },
    }
