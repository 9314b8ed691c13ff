"""How QCA writes configurations and terms, as R's ``QCA`` package prints them (Dusa 2019, ch. 2).

A term is a tuple with one code per condition, the package's "implicant matrix" coding: 0 means
the condition is absent from the term, ``v + 1`` means the condition takes value ``v``. For crisp
and fuzzy sets (two levels) value 1 is written ``NAME`` and value 0 ``~NAME``; as soon as one
condition has more than two levels every literal is written ``NAME[v]``, as the package does.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from coding.analysis.message import message
from coding.analysis.qca.refusal import Refusal

Term = tuple[int, ...]

# ``NAME``, ``~NAME``, ``NAME[1]``, ``NAME[1,2]`` (several values are expanded by the callers).
_LITERAL = re.compile(r"^(~?)\s*([A-Za-z_][A-Za-z0-9_.]*)\s*(?:\[\s*([0-9,\s]+)\s*\])?$")


def is_multivalue(levels: Sequence[int]) -> bool:
    """QCA switches to bracket notation for every condition once one has more than two levels."""
    return any(level > 2 for level in levels)


def literal(name: str, value: int, *, multivalue: bool) -> str:
    if multivalue:
        return f"{name}[{value}]"
    return name if value == 1 else f"~{name}"


def write_term(term: Term, conditions: Sequence[str], *, multivalue: bool) -> str:
    """``(2, 1, 0, 0, 2)`` over DEV URB LIT IND STB is ``DEV*~URB*STB``."""
    parts = [
        literal(name, code - 1, multivalue=multivalue) for name, code in zip(conditions, term, strict=True) if code
    ]
    return "*".join(parts) if parts else "1"


def write_expression(terms: Sequence[str]) -> str:
    return " + ".join(terms)


def sort_terms(terms: Sequence[Term]) -> list[Term]:
    """Prime implicants in the package's order (its C routine ``sort_cols``, which mirrors
    ``admisc::sortExpressions``): fewer literals first; ties column by column from the first
    condition, present values before absent ones and lower values first. One detail is kept as
    the package has it, because it decides the printed order: when every term fixes a condition,
    the term with the lowest value there is left last (so ``DEV*URB*LIT*IND*STB`` comes before
    ``DEV*~URB*LIT*~IND*STB``, as the package prints Lipset's fuzzy conservative solution)."""
    order = list(terms)
    for column in reversed(range(len(order[0]) if order else 0)):
        order.sort(key=lambda term: -term[column])
        nonzero = sum(1 for term in order if term[column])
        head = len(order) - 1 if nonzero == len(order) else nonzero
        order[:head] = sorted(order[:head], key=lambda term: term[column])
    order.sort(key=lambda term: sum(1 for code in term if code))
    return order


def parse_literal(text: str, conditions: Sequence[str], levels: Sequence[int]) -> list[tuple[int, int]]:
    """One literal as (condition index, value) pairs; ``DEV[1,2]`` gives two pairs, ``~X`` on a
    multi-value condition is not defined (QCA asks for brackets there)."""
    match = _LITERAL.match(text.strip())
    if not match:
        raise Refusal(
            message("'{text}' is not a condition literal (write NAME, ~NAME or NAME[value])", text=str(text.strip()))
        )
    tilde, name, bracket = match.groups()
    if name not in conditions:
        raise Refusal(
            message(
                "'{name}' is not one of the conditions ({conditions})", name=name, conditions=str(", ".join(conditions))
            )
        )
    index = list(conditions).index(name)
    if bracket is not None:
        if tilde:
            raise Refusal(message("'{text}': use either ~ or brackets, not both", text=str(text.strip())))
        values = [int(part) for part in bracket.split(",") if part.strip()]
    elif levels[index] > 2:
        raise Refusal(message("'{name}' is multi-value: write {name}[value]", name=name))
    else:
        values = [0 if tilde else 1]
    for value in values:
        if not 0 <= value < levels[index]:
            raise Refusal(
                message(
                    "'{name}' has no value {value} (values 0..{top})",
                    name=name,
                    value=value,
                    top=str(levels[index] - 1),
                )
            )
    return [(index, value) for value in values]
