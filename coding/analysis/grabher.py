"""Grabher's ideal types of sociality and their mix (docs/classifications/grabher_mix.md).

Source article §3.3 after Grabher (2004a, b): *communality* — intense, dense ties in which the
members' private sphere matters beside the professional; *sociality* — intense networking over
fleeting, utility-driven ties that leave no room for deep personal trust; *connectivity* —
goal-directed exchange under absence, mainly through media, resting on professional norms rather
than personal trust or reputation. These are types of *exchange* (networking, information
exchange), so only ties coded as cooperation get a type; a pure rivalry, competition or conflict
tie gets none. A region is "a mixture of several types" (§3.3): the record gives each type's share
of the typed ties (a fuzzy membership in each ideal type) and names a mix only from enough ties.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from coding.analysis.explanation import LayerFacts, explanation, pick
from coding.analysis.inputs import FACE_TO_FACE, LONG_LASTING, MEDIA_CHANNELS, PERSONAL_TRUST_BASES, Tie
from coding.analysis.metrics import share
from coding.analysis.organisations import split_within_organisation
from coding.analysis.strength import STRONG, WEAK, strength_class
from coding.analysis.thresholds import AnalysisSettings
from coding.analysis.wording import at_least, counted, number, of, pct

COMMUNALITY = "communality"
SOCIALITY = "sociality"
CONNECTIVITY = "connectivity"
GRABHER_TYPES = (COMMUNALITY, SOCIALITY, CONNECTIVITY)
# The coded fields a type reads; an untyped exchange tie lists which of them were left blank.
NEEDED_FIELDS = ("strength ratings", "channel", "duration", "trust basis")


def grabher_type(tie: Tie, strength: float | None, cutoff: float) -> str | None:
    """Grabher's type of one exchange tie, or None when it is no exchange tie or fits no type.

    communality: cooperation, strong, and the private sphere included;
    connectivity: cooperation through a medium (not face to face, not "mixed") on institutional
    trust or none (professional norms), whatever its strength;
    sociality: cooperation, weak, temporary (duration coded and not long-lasting), face to face.
    """
    if "cooperation" not in tie.modes:
        return None
    cls = strength_class(strength, cutoff)
    if cls == STRONG and tie.includes_private_sphere:
        return COMMUNALITY
    if tie.channel in MEDIA_CHANNELS and tie.trust_basis and tie.trust_basis not in PERSONAL_TRUST_BASES:
        return CONNECTIVITY
    if cls == WEAK and tie.duration and tie.duration != LONG_LASTING and tie.channel == FACE_TO_FACE:
        return SOCIALITY
    return None


def missing_fields(tie: Tie, strength: float | None) -> list[str]:
    """Which of the fields the types read were not coded on ``tie``."""
    blank = (strength is None, not tie.channel, not tie.duration, not tie.trust_basis)
    return [name for name, missing in zip(NEEDED_FIELDS, blank, strict=True) if missing]


def why_untyped(tie: Tie, strength: float | None, cutoff: float) -> str:
    """Why an exchange tie whose fields are all coded still fits none of the three ideal types."""
    cls = strength_class(strength, cutoff)
    if cls == STRONG:
        return "strong, private sphere not included"
    if tie.channel in MEDIA_CHANNELS:
        return "through media on personal trust or reputation"
    if tie.channel != FACE_TO_FACE:
        return f"weak, channel {tie.channel.replace('_', ' ')} (not face to face, not a medium)"
    return "weak but long-lasting"


def grabher_mix(
    name: str, ties: Sequence[Tie], facts: LayerFacts, settings: AnalysisSettings, actor_ids: Sequence[int] = ()
) -> dict[str, Any]:
    """Each type's share of the typed exchange ties in ``ties``, and the mix when enough ties are typed."""
    cutoff = settings.strong_tie_cutoff
    exchange = [tie for tie in ties if "cooperation" in tie.modes]
    typed = {tie.id: grabher_type(tie, facts.strengths.get(tie.id), cutoff) for tie in exchange}
    classified = [kind for kind in typed.values() if kind is not None]
    counts = {kind: classified.count(kind) for kind in GRABHER_TYPES}
    shares = {kind: share(count, len(classified)) for kind, count in counts.items()}
    enough = len(classified) >= settings.grabher_min_typed_ties
    present = [kind for kind in GRABHER_TYPES if counts[kind] and (shares[kind] or 0) >= settings.grabher_mix_min_share]
    label = "undetermined" if not enough or not present else present[0] if len(present) == 1 else "mixture"
    untyped = [tie for tie in exchange if typed[tie.id] is None]
    missing = _missing_counts(untyped, facts.strengths)
    fits_none: dict[str, int] = {}
    for tie in untyped:
        if not missing_fields(tie, facts.strengths.get(tie.id)):
            why = why_untyped(tie, facts.strengths.get(tie.id), cutoff)
            fits_none[why] = fits_none.get(why, 0) + 1
    strong = [t for t in exchange if strength_class(facts.strengths.get(t.id), cutoff) == STRONG]
    figures = {
        "shares": shares,
        "counts": counts,
        "ties": len(ties),
        "exchange_ties": len(exchange),
        "ties_without_mode": sum(1 for tie in ties if not tie.modes),
        "missing_on_ties_without_mode": _missing_counts([tie for tie in ties if not tie.modes], facts.strengths),
        "classified_ties": len(classified),
        "types_in_mix": present if enough else [],
        "untyped_exchange_ties": len(untyped),
        "missing_on_untyped_ties": missing,
        "untyped_fully_coded": dict(sorted(fits_none.items())),
        "strong_exchange_ties": len(strong),
        "strong_exchange_ties_with_private_sphere": sum(1 for tie in strong if tie.includes_private_sphere),
        "tie_types": {str(tie_id): kind for tie_id, kind in typed.items() if kind is not None},
    }
    reason = _reason(figures, settings, enough)
    thresholds = pick(settings, "grabher_mix_min_share", "grabher_min_typed_ties", "strong_tie_cutoff")
    tie_ids = [tie_id for tie_id, kind in typed.items() if kind is not None]
    return explanation(name, label, thresholds, figures, reason, tie_ids, actor_ids)


def _missing_counts(ties: Sequence[Tie], strengths: dict[int, float | None]) -> dict[str, int]:
    """On how many of ``ties`` each field the types read was left blank."""
    missing = {field: 0 for field in NEEDED_FIELDS}
    for tie in ties:
        for field in missing_fields(tie, strengths.get(tie.id)):
            missing[field] += 1
    return missing


def _reason(figures: dict[str, Any], settings: AnalysisSettings, enough: bool) -> str:
    typed = figures["classified_ties"]
    gaps = _exchange_gap(figures) + _untyped_gaps(figures)
    minimum = settings.grabher_min_typed_ties
    if not enough:
        have = f"only {number(typed)}" if typed else "none"
        return (
            f"{_head(figures)}{gaps} Rule: a mix needs at least {counted(minimum, 'typed tie')}; "
            f"{have} {'is' if typed <= 1 else 'are'} typed, below {number(minimum)}, so no mix is named."
        )
    share_min = settings.grabher_mix_min_share
    clauses = []
    for kind in GRABHER_TYPES:
        share_ = figures["shares"][kind]
        verdict = "in the mix" if kind in figures["types_in_mix"] else "not in the mix"
        clause = f"{kind}: {verdict} — {of(figures['counts'][kind], typed, 'typed tie')}, {at_least(share_, share_min)}"
        if kind == COMMUNALITY:
            private = figures["strong_exchange_ties_with_private_sphere"]
            strong = of(private, figures["strong_exchange_ties"], "strong exchange tie")
            clause += f" ({strong} include the private sphere)"
        clauses.append(clause)
    rule = f"Rule: a type is in the mix at {pct(share_min)} or more of the typed ties; "
    return f"{_head(figures)}{gaps} {rule}{'; '.join(clauses)}."


def _head(figures: dict[str, Any]) -> str:
    typed, exchange = figures["classified_ties"], figures["exchange_ties"]
    have = "none has" if typed == 0 else "one has" if typed == 1 else f"{number(typed)} have"
    if exchange == 0:
        return f"Of {counted(figures['ties'], 'tie')}, none is coded as cooperation, so none can take a type."
    return (
        f"Of {counted(figures['ties'], 'tie')}, {counted(exchange, 'exchange tie')} (cooperation) "
        f"can take a type and {have} one."
    )


def _exchange_gap(figures: dict[str, Any]) -> str:
    """What keeps ties out of the typing: no mode coded, or only rivalry, competition or conflict."""
    others = figures["ties"] - figures["exchange_ties"]
    if not others:
        return ""
    no_mode = figures["ties_without_mode"]
    blank = [f"{field} on {number(n)}" for field, n in figures["missing_on_ties_without_mode"].items() if n]
    also = f" (of them also missing: {', '.join(blank)})" if blank else ""
    parts = [f"no mode coded on {counted(no_mode, 'tie')}{also}"] if no_mode else []
    if others - no_mode:
        parts.append(f"only rivalry, competition or conflict on {counted(others - no_mode, 'tie')}")
    return f" Not cooperation: {'; '.join(parts)}."


def _untyped_gaps(figures: dict[str, Any]) -> str:
    """Which fields the types read are missing on the untyped exchange ties, and why coded ones fit none."""
    missing = [f"{field} on {number(count)}" for field, count in figures["missing_on_untyped_ties"].items() if count]
    gaps = (
        f" Not coded on the {counted(figures['untyped_exchange_ties'], 'untyped exchange tie')}: {', '.join(missing)}."
        if missing
        else ""
    )
    none = [f"{number(count)} {why}" for why, count in figures["untyped_fully_coded"].items()]
    if none:
        gaps += f" Fully coded but fitting no ideal type: {'; '.join(none)}."
    return gaps


def grabher_mixes(facts: LayerFacts, settings: AnalysisSettings) -> list[dict[str, Any]]:
    """The region's mix and the mix inside every community with at least one internal tie.

    Ties inside one organisation are left out: the types describe the cluster's networking.
    """
    ties, _ = split_within_organisation(facts.ties, facts.rg.actors)
    records = [grabher_mix("grabher_mix", ties, facts, settings)]
    rg, membership = facts.rg, facts.membership
    inside: dict[int, list[Tie]] = {}
    for tie in ties:
        a, b = rg.index[tie.source], rg.index[tie.target]
        if membership[a] == membership[b]:
            inside.setdefault(membership[a], []).append(tie)
    for community, community_ties in sorted(inside.items()):
        members = [rg.actor_ids[i] for i, number in enumerate(membership) if number == community]
        record = grabher_mix(f"grabher_mix_community_{community}", community_ties, facts, settings, members)
        record["figures"]["community"] = community
        records.append(record)
    return records
