"""How the classification reasons write counts, shares and the comparison with a threshold.

Every reason names the rule, the figure, the threshold and the comparison that decided it
("communality: not in the mix — 2 of 11 typed ties (18 %), below 20 %"); these helpers keep that
wording the same across the rules and keep counts honest ("no", never "few", for zero).

They return ``Message``s (``coding.analysis.message``), not text: the reason is stored and read
later in English or German. A counted noun is a ``Noun``: its phrase with a count ("{count} tie")
and, where a reason needs it, with a share of a whole ("{count} of {whole} tie ({share})"), both
in the singular and the plural, so a translation can decline the noun and its article with the
number. ``forms`` marks such a pair for ``makemessages``.
"""

from __future__ import annotations

from dataclasses import dataclass

from coding.analysis.message import Arg, Figure, Message, message, plural_message, pmessage

# Number words up to ten, in a context of their own ("no" as a count is not the answer "no").
_SMALL = (
    pmessage("number", "no"),
    pmessage("number", "one"),
    pmessage("number", "two"),
    pmessage("number", "three"),
    pmessage("number", "four"),
    pmessage("number", "five"),
    pmessage("number", "six"),
    pmessage("number", "seven"),
    pmessage("number", "eight"),
    pmessage("number", "nine"),
    pmessage("number", "ten"),
)


def forms(singular: str, plural: str) -> tuple[str, str]:
    """A singular and a plural text, marked together for the catalogue (``makemessages``)."""
    return singular, plural


@dataclass(frozen=True)
class Noun:
    """A noun as the reasons count it: ``counted`` with ``{count}``, ``of`` with ``{count}``,
    ``{whole}`` and ``{share}`` (the plural follows the whole)."""

    counted: tuple[str, str]
    of: tuple[str, str] | None = None


TIE = Noun(
    forms("{count} tie", "{count} ties"), forms("{count} of {whole} tie ({share})", "{count} of {whole} ties ({share})")
)
MODE_CODED_TIE = Noun(
    forms("{count} mode-coded tie", "{count} mode-coded ties"),
    forms("{count} of {whole} mode-coded tie ({share})", "{count} of {whole} mode-coded ties ({share})"),
)
TYPED_TIE = Noun(
    forms("{count} typed tie", "{count} typed ties"),
    forms("{count} of {whole} typed tie ({share})", "{count} of {whole} typed ties ({share})"),
)
STRONG_EXCHANGE_TIE = Noun(
    forms("{count} strong exchange tie", "{count} strong exchange ties"),
    forms("{count} of {whole} strong exchange tie ({share})", "{count} of {whole} strong exchange ties ({share})"),
)
EXCHANGE_TIE = Noun(forms("{count} exchange tie", "{count} exchange ties"))
UNTYPED_EXCHANGE_TIES = Noun(forms("the {count} untyped exchange tie", "the {count} untyped exchange ties"))
TRUSTED_COOPERATIVE_TIE = Noun(forms("{count} trusted cooperative tie", "{count} trusted cooperative ties"))
PAIR = Noun(forms("{count} pair", "{count} pairs"))
CONNECTED_PAIR = Noun(forms("{count} connected pair", "{count} connected pairs"))
FIRM_EXCHANGE_PAIR = Noun(
    forms("{count} firm–firm exchange pair", "{count} firm–firm exchange pairs"),
    forms(
        "{count} of {whole} firm–firm exchange pair ({share})", "{count} of {whole} firm–firm exchange pairs ({share})"
    ),
)
ACTOR = Noun(forms("{count} actor", "{count} actors"))
PERSON = Noun(
    forms("{count} person", "{count} persons"),
    forms("{count} of {whole} person ({share})", "{count} of {whole} persons ({share})"),
)
FIRM = Noun(
    forms("{count} firm", "{count} firms"),
    forms("{count} of {whole} firm ({share})", "{count} of {whole} firms ({share})"),
)
MEMBER = Noun(forms("{count} member", "{count} members"))
OUTCOME = Noun(forms("{count} outcome", "{count} outcomes"))
FURTHER_OUTCOME = Noun(forms("{count} further outcome", "{count} further outcomes"))
RANDOM_NETWORK = Noun(forms("{count} degree-preserving random network", "{count} degree-preserving random networks"))


def number(count: int) -> Message | int:
    """A count as a word up to ten ("no" for zero), as digits above."""
    return _SMALL[count] if 0 <= count < len(_SMALL) else count


def counted(count: int, noun: Noun) -> Message:
    """ "no ties", "one tie", "12 ties"."""
    singular, plural = noun.counted
    return plural_message(singular, plural, count, count=number(count))


def pct(value: float | None) -> Message | str:
    """A share in whole percent with a space before the sign, as the reasons write it."""
    return "—" if value is None else message("{percent} %", percent=Figure(value * 100, 0))


def of(count: int, whole: int, noun: Noun) -> Message:
    """ "2 of 11 ties (18 %)"; "none of 0 ties" reads as "no ties" instead."""
    if whole == 0 or noun.of is None:
        return counted(0 if whole == 0 else count, noun)
    singular, plural = noun.of
    shown: Arg = count or pmessage("share of a whole", "none")
    return plural_message(singular, plural, whole, count=shown, whole=whole, share=pct(count / whole))


def at_least(value: float | None, threshold: float, *, as_share: bool = True) -> Message:
    """ "at or above 50 %" or "below 50 %": the comparison of ``value`` with a minimum."""
    shown = pct(threshold) if as_share else plain(threshold)
    if value is None:
        return message("undefined, so not at or above {threshold}", threshold=shown)
    if value >= threshold - 1e-9:
        return message("at or above {threshold}", threshold=shown)
    return message("below {threshold}", threshold=shown)


def at_most(value: float | None, threshold: float, *, as_share: bool = True) -> Message:
    """ "at or below 0 %" or "above 0 %": the comparison of ``value`` with a maximum."""
    shown = pct(threshold) if as_share else plain(threshold)
    if value is None:
        return message("undefined, so not at or below {threshold}", threshold=shown)
    if value <= threshold + 1e-9:
        return message("at or below {threshold}", threshold=shown)
    return message("above {threshold}", threshold=shown)


def yes_no(passed: bool) -> Message:
    return pmessage("check passed", "yes") if passed else pmessage("check passed", "no")


def plain(value: float) -> Figure | str:
    """A threshold as written: up to three decimals, trailing zeros dropped ("0.6", "1")."""
    return Figure(value, 3, trim=True) if isinstance(value, float) else str(value)
