"""Stability and caveats of every classification (issue 19; docs/stability.md).

Three checks per classification record, each by re-running the layer's whole derivation — the
``derive`` callable takes the region's ties and returns a result like ``derive_region``'s — so that
whatever rules ``classify`` holds are covered without a copy of them here:

- **resampling**: ``stability_runs`` runs, each without a random ``stability_drop_share`` of the
  layer's ties (rounded up, so at least one), drawn from ``random.Random(stability_seed)``; the
  share of runs whose record keeps its label. Small, interview-based networks miss ties, and
  measures and labels built on them move when ties are missing (Kossinets 2006; Borgatti, Carley &
  Krackhardt 2006 delete edges at random in the same way).
- **without low-confidence ties**: the label once more, on the ties not coded with confidence
  "low".
- **tentative**: fewer than ``tentative_min_interviewed_share`` of the actors that decide the
  label were interviewed (``caveats.interviews``).

Records are matched between runs by where they stand in the result and their ``name`` (see
``classification_records``); a record a run does not produce (a community's Grabher mix when the
communities moved) counts as not kept. Written by hand: no network library resamples a derivation
of ours, and the loop is a few lines around it.
"""

from __future__ import annotations

import math
import random
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from coding.analysis.caveats import NO_RECORD, caveat_sentence, deciding_actors, interviewed_actors, interviews
from coding.analysis.inputs import ActorNode, Tie
from coding.analysis.layers import select_ties
from coding.analysis.message import N_
from coding.analysis.strength import tie_strengths
from coding.analysis.thresholds import AnalysisSettings

# The confidence value (coding.choices.Confidence.LOW) whose ties the second check leaves out.
LOW_CONFIDENCE = "low"

Derive = Callable[[Sequence[Tie]], Mapping[str, Any]]


def classification_records(result: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Every classification record in ``result``, keyed by where it stands and its name.

    A record is a dict with "name" and "label" in a list under a "classifications" key, at any
    depth of dicts (so results with one list per level are covered too). Top-level records are
    keyed by their name alone, deeper ones by ``path:name``.
    """
    found: dict[str, dict[str, Any]] = {}
    _collect(result, "", found)
    return found


def _collect(node: Mapping[str, Any], path: str, found: dict[str, dict[str, Any]]) -> None:
    for key, value in node.items():
        where = f"{path}.{key}" if path else str(key)
        if key == "classifications" and isinstance(value, list):
            for record in value:
                if isinstance(record, dict) and "name" in record and "label" in record:
                    name = str(record["name"])
                    found[name if where == "classifications" else f"{where}:{name}"] = record
        elif isinstance(value, Mapping):
            _collect(value, where, found)


def dropped_per_run(pool: int, drop_share: float) -> int:
    """Ties left out in each run: the share of the pool rounded up (a small layer loses one)."""
    return min(pool, math.ceil(pool * drop_share - 1e-9)) if pool else 0


def resampling_pool(ties: Sequence[Tie], settings: AnalysisSettings, layer: str, wave_id: int | None) -> list[int]:
    """Ids of the ties that may be dropped: the layer's ties (of the wave), self-ties left out."""
    strengths = tie_strengths(list(ties), settings)
    chosen = select_ties(ties, layer, strengths, settings.strong_tie_cutoff, wave_id)
    return sorted(tie.id for tie in chosen if tie.source != tie.target)


def resample(
    derive: Derive, ties: Sequence[Tie], pool: Sequence[int], base: Mapping[str, str], settings: AnalysisSettings
) -> dict[str, dict[str, Any]]:
    """Per record key: how often each label came out over the seeded runs, and the kept share.

    Every run leaves out ``dropped_per_run`` ties of ``pool`` (drawn without replacement) and
    derives again from all other ties of the region. After ``stability_max_seconds`` no further run
    starts: the shares are of the runs done (the seeded draws are the same, so a faster machine
    only adds runs at the end).
    """
    planned, drop = settings.stability_runs, dropped_per_run(len(pool), settings.stability_drop_share)
    rng, candidates = random.Random(settings.stability_seed), list(pool)
    counts: dict[str, Counter[str]] = {key: Counter() for key in base}
    deadline = time.monotonic() + settings.stability_max_seconds
    runs = 0
    while runs < planned and (runs == 0 or time.monotonic() < deadline):
        runs += 1
        dropped = set(rng.sample(candidates, drop))
        labels = _labels(derive([tie for tie in ties if tie.id not in dropped]))
        for key, counter in counts.items():
            counter[labels.get(key, NO_RECORD)] += 1
    return {
        key: {
            "runs": runs,
            "planned_runs": planned,
            "drop_share": settings.stability_drop_share,
            "dropped_ties": drop,
            "pool_ties": len(pool),
            "kept_runs": counts[key][label],
            "kept_share": counts[key][label] / runs,
            "label_counts": dict(counts[key].most_common()),
        }
        for key, label in base.items()
    }


def without_low_confidence(
    derive: Derive, ties: Sequence[Tie], pool: Sequence[int], base: Mapping[str, str]
) -> dict[str, dict[str, Any]]:
    """Per record key: the label on the ties not coded with low confidence, and whether it is the same."""
    in_pool = set(pool)
    low = sum(1 for tie in ties if tie.id in in_pool and tie.confidence == LOW_CONFIDENCE)
    labels = _labels(derive([tie for tie in ties if tie.confidence != LOW_CONFIDENCE])) if low else dict(base)
    return {
        key: {"low_confidence_ties": low, "label": labels.get(key, NO_RECORD), "same": labels.get(key) == label}
        for key, label in base.items()
    }


def classification_stability(
    *,
    derive: Derive,
    actors: Sequence[ActorNode],
    ties: Sequence[Tie],
    settings: AnalysisSettings,
    layer: str,
    wave_id: int | None,
    resampled: bool = True,
    resample_derive: Derive | None = None,
) -> dict[str, dict[str, Any]]:
    """The three checks of every record of one layer (and wave), keyed as ``classification_records``.

    ``resampled=False`` leaves out the resampling (the worker resamples all-waves results only)
    and says so in the entry. ``resample_derive`` derives the resamples when they need cheaper
    settings than the labels themselves (fewer null-model draws).
    """
    records = classification_records(derive(ties))
    base = {key: str(record["label"]) for key, record in records.items()}
    pool = resampling_pool(ties, settings, layer, wave_id)
    kept = resample(resample_derive or derive, ties, pool, base, settings) if resampled and pool else {}
    # Stored as English text (read by ``caveats``); marked so a page can show it translated.
    skipped = N_("only the all-waves result is resampled") if not resampled else N_("the layer has no ties")
    low = without_low_confidence(derive, ties, pool, base)
    reached = interviewed_actors(actors)
    endpoints = {tie.id: (tie.source, tie.target) for tie in ties}
    layer_actors = {actor for tie_id in pool for actor in endpoints[tie_id]}
    entries = {}
    for key, record in records.items():
        deciding = deciding_actors(record, endpoints, layer_actors)
        entry: dict[str, Any] = {
            "label": base[key],
            "resampling": kept.get(key) or {"skipped": skipped},
            "without_low_confidence": low[key],
            "interviews": interviews(deciding, reached, settings.tentative_min_interviewed_share),
        }
        entry["sentence"] = caveat_sentence(entry)
        entries[key] = entry
    return entries


def annotate(result: dict[str, Any], entries: Mapping[str, dict[str, Any]], summary: dict[str, Any]) -> None:
    """Write each entry into its record (as ``record["stability"]``) and ``summary`` into the result."""
    for key, record in classification_records(result).items():
        if key in entries:
            record["stability"] = entries[key]
    result["stability"] = summary


def stability_summary(settings: AnalysisSettings, *, resampled: bool, seconds: float) -> dict[str, Any]:
    """What the result says about its stability entries as a whole."""
    return {
        "status": "ok",
        "resampled": resampled,
        "runs": settings.stability_runs if resampled else 0,
        "drop_share": settings.stability_drop_share,
        "seed": settings.stability_seed,
        "tentative_min_interviewed_share": settings.tentative_min_interviewed_share,
        "seconds": round(seconds, 3),
    }


def _labels(result: Mapping[str, Any]) -> dict[str, str]:
    return {key: str(record["label"]) for key, record in classification_records(result).items()}
