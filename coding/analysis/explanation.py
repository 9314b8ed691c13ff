"""The record every typology classification returns, and the layer facts they read.

Every record has the same shape, so pages and comparisons can show any of them:
``{"name", "label", "thresholds", "figures", "tie_ids", "actor_ids", "reason"}`` — the settings
used, the figures that decided, the coded ties (hence codings) and actors that count for it, and
one sentence saying why. The reason is stored as a message (``Message.as_json()``), not as
English text, so the page can say it in the reader's language (``coding.templatetags.says``);
``message.render`` gives the English text, and passes a plain-string reason of an older result
through.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from coding.analysis.graph import RegionGraph
from coding.analysis.inputs import OutcomeInput, Tie
from coding.analysis.message import Message
from coding.analysis.thresholds import AnalysisSettings


@dataclass
class LayerFacts:
    """What the classifications read: the layer's graph and the metrics already computed."""

    rg: RegionGraph
    ties: list[Tie]  # the layer's ties without self-ties
    strengths: Mapping[int, float | None]
    groups: list[str]  # actor type per vertex
    constraint: list[float | None]
    local_bridge_edges: list[int]
    membership: list[int]
    # One Leiden run from the community seed (``metrics.Communities.single_run``); None: the
    # structure rule runs it itself.
    single_run_membership: list[int] | None
    transitivity: float | None
    largest_component_share: float | None
    outcomes: list[OutcomeInput]
    # Gould–Fernandez role counts per vertex over actor types (derive computes them once).
    roles: list[dict[str, int]] | None = None
    # Ids of the actors seen in the wave (``levels.seen_actor_ids``); None: every actor.
    seen: set[int] | None = None
    layer: str = "all"
    # False: the worker's first pass, which publishes the figures at once and leaves the structure
    # rule's null model (seconds of random networks) to its follow-up ("null_model_pending").
    null_models: bool = True


def explanation(
    name: str,
    label: str,
    thresholds: dict[str, Any],
    figures: dict[str, Any],
    reason: Message,
    tie_ids: Iterable[int] = (),
    actor_ids: Iterable[int] = (),
) -> dict[str, Any]:
    return {
        "name": name,
        "label": label,
        "thresholds": thresholds,
        "figures": figures,
        "tie_ids": sorted(tie_ids),
        "actor_ids": sorted(actor_ids),
        "reason": reason.as_json(),
    }


def pick(settings: AnalysisSettings, *keys: str) -> dict[str, Any]:
    """The settings ``keys`` as JSON-ready values (tuples become lists, as in ``as_dict``)."""
    values = {key: getattr(settings, key) for key in keys}
    return {key: list(value) if isinstance(value, tuple) else value for key, value in values.items()}


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def figure_count(record: Mapping[str, Any], name: str) -> int:
    """Entries of a figure that lists pairs or persons, also where the stored record keeps only the
    first of them and their number (``figure_counts``: ``coding.worker.evidence``)."""
    counts = record.get("figure_counts") or {}
    if isinstance(counts.get(name), int):
        return int(counts[name])
    value = (record.get("figures") or {}).get(name)
    return len(value) if isinstance(value, (list, dict)) else 0
