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

from collections.abc import Mapping, Sequence
from typing import Any

from coding.analysis.explanation import LayerFacts, explanation, pick
from coding.analysis.inputs import FACE_TO_FACE, LONG_LASTING, MEDIA_CHANNELS, PERSONAL_TRUST_BASES, Tie
from coding.analysis.message import Arg, Joined, Message, message, plural_message
from coding.analysis.metrics import share
from coding.analysis.organisations import split_within_organisation
from coding.analysis.strength import STRONG, WEAK, strength_class
from coding.analysis.thresholds import AnalysisSettings
from coding.analysis.wording import (
    EXCHANGE_TIE,
    STRONG_EXCHANGE_TIE,
    TIE,
    TYPED_TIE,
    UNTYPED_EXCHANGE_TIES,
    at_least,
    counted,
    number,
    of,
    pct,
)

COMMUNALITY = "communality"
SOCIALITY = "sociality"
CONNECTIVITY = "connectivity"
GRABHER_TYPES = (COMMUNALITY, SOCIALITY, CONNECTIVITY)
# The coded fields a type reads; an untyped exchange tie lists which of them were left blank.
NEEDED_FIELDS = ("strength ratings", "channel", "duration", "trust basis")
# The types and the fields as the reasons name them (the keys above stay as they are in the figures).
TYPE_WORDS = {
    COMMUNALITY: message("communality"),
    SOCIALITY: message("sociality"),
    CONNECTIVITY: message("connectivity"),
}
FIELD_WORDS = {
    "strength ratings": message("strength ratings"),
    "channel": message("channel"),
    "duration": message("duration"),
    "trust basis": message("trust basis"),
}


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


def why_untyped_message(why: str) -> Message:
    """``why_untyped``'s text (a key of the figures) as the reason says it, in any language."""
    fixed = {
        "strong, private sphere not included": message("strong, private sphere not included"),
        "through media on personal trust or reputation": message("through media on personal trust or reputation"),
        "weak, channel mixed (not face to face, not a medium)": message(
            "weak, channel mixed (not face to face, not a medium)"
        ),
        "weak but long-lasting": message("weak but long-lasting"),
    }
    if why in fixed:
        return fixed[why]
    channel = why.removeprefix("weak, channel ").removesuffix(" (not face to face, not a medium)")
    return message("weak, channel {channel} (not face to face, not a medium)", channel=channel)


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


def _missing_counts(ties: Sequence[Tie], strengths: Mapping[int, float | None]) -> dict[str, int]:
    """On how many of ``ties`` each field the types read was left blank."""
    missing = {field: 0 for field in NEEDED_FIELDS}
    for tie in ties:
        for field in missing_fields(tie, strengths.get(tie.id)):
            missing[field] += 1
    return missing


def _reason(figures: dict[str, Any], settings: AnalysisSettings, enough: bool) -> Message:
    typed = figures["classified_ties"]
    # Each gap a sentence of its own after the head; nothing when there is none.
    gaps = Joined(("", *_exchange_gap(figures), *_untyped_gaps(figures)), " ")
    minimum = settings.grabher_min_typed_ties
    if not enough:
        args: dict[str, Arg] = {
            "head": _head(figures),
            "gaps": gaps,
            "needed": counted(minimum, TYPED_TIE),
            "minimum": number(minimum),
        }
        if not typed:
            return message(
                "{head}{gaps} Rule: a mix needs at least {needed}; none is typed, below {minimum}, so no mix is named.",
                **args,
            )
        return plural_message(
            "{head}{gaps} Rule: a mix needs at least {needed}; only {number} is typed, below {minimum}, so no mix "
            "is named.",
            "{head}{gaps} Rule: a mix needs at least {needed}; only {number} are typed, below {minimum}, so no mix "
            "is named.",
            typed,
            number=number(typed),
            **args,
        )
    share_min = settings.grabher_mix_min_share
    clauses: list[Arg] = []
    for kind in GRABHER_TYPES:
        args = {
            "kind": TYPE_WORDS[kind],
            "share": of(figures["counts"][kind], typed, TYPED_TIE),
            "versus": at_least(figures["shares"][kind], share_min),
        }
        if kind in figures["types_in_mix"]:
            clause = message("{kind}: in the mix — {share}, {versus}", **args)
        else:
            clause = message("{kind}: not in the mix — {share}, {versus}", **args)
        if kind == COMMUNALITY:
            private = figures["strong_exchange_ties_with_private_sphere"]
            strong = of(private, figures["strong_exchange_ties"], STRONG_EXCHANGE_TIE)
            clause = message("{clause} ({strong} include the private sphere)", clause=clause, strong=strong)
        clauses.append(clause)
    return message(
        "{head}{gaps} Rule: a type is in the mix at {minimum} or more of the typed ties; {clauses}.",
        head=_head(figures),
        gaps=gaps,
        minimum=pct(share_min),
        clauses=Joined(tuple(clauses), "; "),
    )


def _head(figures: dict[str, Any]) -> Message:
    typed, exchange = figures["classified_ties"], figures["exchange_ties"]
    ties = counted(figures["ties"], TIE)
    if exchange == 0:
        return message("Of {ties}, none is coded as cooperation, so none can take a type.", ties=ties)
    args: dict[str, Arg] = {"ties": ties, "exchange": counted(exchange, EXCHANGE_TIE)}
    if typed == 0:
        return message("Of {ties}, {exchange} (cooperation) can take a type and none has one.", **args)
    if typed == 1:
        return message("Of {ties}, {exchange} (cooperation) can take a type and one has one.", **args)
    return message(
        "Of {ties}, {exchange} (cooperation) can take a type and {number} have one.", number=number(typed), **args
    )


def _missing(counts: dict[str, int]) -> Joined:
    """ "channel on two, duration on one": the fields left blank and on how many ties."""
    return Joined(
        tuple(
            message("{field} on {number}", field=FIELD_WORDS[field], number=number(n))
            for field, n in counts.items()
            if n
        )
    )


def _exchange_gap(figures: dict[str, Any]) -> tuple[Message, ...]:
    """What keeps ties out of the typing: no mode coded, or only rivalry, competition or conflict."""
    others = figures["ties"] - figures["exchange_ties"]
    if not others:
        return ()
    no_mode = figures["ties_without_mode"]
    blank = _missing(figures["missing_on_ties_without_mode"])
    parts: list[Arg] = []
    if no_mode and blank.items:
        parts.append(
            message("no mode coded on {ties} (of them also missing: {blank})", ties=counted(no_mode, TIE), blank=blank)
        )
    elif no_mode:
        parts.append(message("no mode coded on {ties}", ties=counted(no_mode, TIE)))
    if others - no_mode:
        parts.append(message("only rivalry, competition or conflict on {ties}", ties=counted(others - no_mode, TIE)))
    return (message("Not cooperation: {parts}.", parts=Joined(tuple(parts), "; ")),)


def _untyped_gaps(figures: dict[str, Any]) -> tuple[Message, ...]:
    """Which fields the types read are missing on the untyped exchange ties, and why coded ones fit none."""
    missing = _missing(figures["missing_on_untyped_ties"])
    gaps = []
    if missing.items:
        untyped = counted(figures["untyped_exchange_ties"], UNTYPED_EXCHANGE_TIES)
        gaps.append(message("Not coded on {ties}: {missing}.", ties=untyped, missing=missing))
    none = [
        message("{number} {why}", number=number(count), why=why_untyped_message(why))
        for why, count in figures["untyped_fully_coded"].items()
    ]
    if none:
        gaps.append(message("Fully coded but fitting no ideal type: {ties}.", ties=Joined(tuple(none), "; ")))
    return tuple(gaps)


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
