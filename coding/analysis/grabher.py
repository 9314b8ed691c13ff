"""Grabher's sociality types of ties (docs/domain.md) and their mix in a region and its communities."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from coding.analysis.explanation import LayerFacts, explanation, percent, pick
from coding.analysis.inputs import LONG_LASTING, MEDIA_CHANNELS, PERSONAL_TRUST_BASES, Tie
from coding.analysis.metrics import share
from coding.analysis.strength import STRONG, WEAK, strength_class
from coding.analysis.thresholds import AnalysisSettings

COMMUNALITY = "communality"
SOCIALITY = "sociality"
CONNECTIVITY = "connectivity"
GRABHER_TYPES = (COMMUNALITY, SOCIALITY, CONNECTIVITY)


def grabher_type(tie: Tie, strength: float | None, cutoff: float) -> str | None:
    """Grabher's type of one tie, or None when the coding does not decide it.

    communality: strong and long-lasting or including the private sphere;
    connectivity: mostly through media, resting on neither personal trust nor reputation;
    sociality: weak, not long-lasting, met in person (not through media).
    """
    cls = strength_class(strength, cutoff)
    if cls == STRONG and (tie.includes_private_sphere or tie.duration == LONG_LASTING):
        return COMMUNALITY
    if tie.channel in MEDIA_CHANNELS and tie.trust_basis and tie.trust_basis not in PERSONAL_TRUST_BASES:
        return CONNECTIVITY
    if cls == WEAK and tie.duration != LONG_LASTING and tie.channel and tie.channel not in MEDIA_CHANNELS:
        return SOCIALITY
    return None


def grabher_mix(
    name: str, ties: Sequence[Tie], facts: LayerFacts, settings: AnalysisSettings, actor_ids: Sequence[int] = ()
) -> dict[str, Any]:
    """The mix of Grabher types over ``ties``: shares, and which types reach the mix threshold."""
    cutoff = settings.strong_tie_cutoff
    typed = {tie.id: grabher_type(tie, facts.strengths.get(tie.id), cutoff) for tie in ties}
    classified = [kind for kind in typed.values() if kind is not None]
    counts = {kind: classified.count(kind) for kind in GRABHER_TYPES}
    shares = {kind: share(count, len(classified)) for kind, count in counts.items()}
    present = [kind for kind in GRABHER_TYPES if (shares[kind] or 0) >= settings.grabher_mix_min_share and counts[kind]]
    label = "undetermined" if not present else present[0] if len(present) == 1 else "mixture"
    figures = {
        "ties": len(ties),
        "classified_ties": len(classified),
        "counts": counts,
        "shares": shares,
        "types_in_mix": present,
        "tie_types": {str(tie_id): kind for tie_id, kind in typed.items() if kind is not None},
    }
    mix = ", ".join(f"{kind} {percent(shares[kind])}" for kind in GRABHER_TYPES)
    reason = f"Of {len(ties)} ties {len(classified)} have a Grabher type: {mix}."
    thresholds = pick(settings, "grabher_mix_min_share", "strong_tie_cutoff")
    tie_ids = [tie_id for tie_id, kind in typed.items() if kind is not None]
    return explanation(name, label, thresholds, figures, reason, tie_ids, actor_ids)


def grabher_mixes(facts: LayerFacts, settings: AnalysisSettings) -> list[dict[str, Any]]:
    """The region's mix and the mix inside every community with at least one internal tie."""
    records = [grabher_mix("grabher_mix", facts.ties, facts, settings)]
    rg, membership = facts.rg, facts.membership
    inside: dict[int, list[Tie]] = {}
    for tie in facts.ties:
        a, b = rg.index[tie.source], rg.index[tie.target]
        if membership[a] == membership[b]:
            inside.setdefault(membership[a], []).append(tie)
    for community, ties in sorted(inside.items()):
        members = [rg.actor_ids[i] for i, number in enumerate(membership) if number == community]
        record = grabher_mix(f"grabher_mix_community_{community}", ties, facts, settings, members)
        record["figures"]["community"] = community
        records.append(record)
    return records
