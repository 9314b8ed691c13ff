"""How the classification reasons write counts, shares and the comparison with a threshold.

Every reason names the rule, the figure, the threshold and the comparison that decided it
("communality: not in the mix — 2 of 11 typed ties (18 %), below 20 %"); these helpers keep that
wording the same across the rules and keep counts honest ("no", never "few", for zero).
"""

from __future__ import annotations

_SMALL = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def number(count: int) -> str:
    """A count as a word up to ten ("no" for zero), as digits above."""
    return _SMALL[count] if 0 <= count < len(_SMALL) else str(count)


def counted(count: int, singular: str, plural: str | None = None) -> str:
    """ "no ties", "one tie", "12 ties"."""
    noun = singular if count == 1 else (plural or f"{singular}s")
    return f"{number(count)} {noun}"


def pct(value: float | None) -> str:
    """A share in whole percent with a space before the sign, as the reasons write it."""
    return "—" if value is None else f"{value * 100:.0f} %"


def of(count: int, whole: int, noun: str, plural: str | None = None) -> str:
    """ "2 of 11 ties (18 %)"; "none of 0 ties" reads as "no ties" instead."""
    if whole == 0:
        return counted(0, noun, plural)
    word = (plural or f"{noun}s") if whole != 1 else noun
    return f"{count or 'none'} of {whole} {word} ({pct(count / whole)})"


def at_least(value: float | None, threshold: float, *, as_share: bool = True) -> str:
    """ "at or above 50 %" or "below 50 %": the comparison of ``value`` with a minimum."""
    shown = pct(threshold) if as_share else _plain(threshold)
    if value is None:
        return f"undefined, so not at or above {shown}"
    return f"at or above {shown}" if value >= threshold - 1e-9 else f"below {shown}"


def at_most(value: float | None, threshold: float, *, as_share: bool = True) -> str:
    """ "at or below 0 %" or "above 0 %": the comparison of ``value`` with a maximum."""
    shown = pct(threshold) if as_share else _plain(threshold)
    if value is None:
        return f"undefined, so not at or below {shown}"
    return f"at or below {shown}" if value <= threshold + 1e-9 else f"above {shown}"


def yes_no(passed: bool) -> str:
    return "yes" if passed else "no"


def _plain(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)
