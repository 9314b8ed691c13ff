"""Intercoder agreement at segment level (pure Python, no Django).

Overlap rule (stated on the agreement pages): the units are the *segments* of one interview,
i.e. the union of every coder's coded ranges (any code) split at every start and end offset.
Text nobody coded is left out, so agreement on empty text does not inflate the figures. For a
code, a coder's value on a segment is 1 when one of the coder's codings with that code covers
the segment, else 0. Each segment is one unit, whatever its length.

- percent agreement: share of agreeing coder pairs, averaged over the units;
- Cohen's kappa (Cohen 1960) for two coders; with more coders the mean over all pairs
  (Light's kappa);
- Krippendorff's alpha, nominal metric, from the coincidence matrix (Krippendorff 2011,
  "Computing Krippendorff's Alpha-Reliability").
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations, pairwise


@dataclass(frozen=True)
class CodedRange:
    """One coding as the agreement maths sees it."""

    coder: Hashable
    code: Hashable
    start: int
    end: int


@dataclass(frozen=True)
class Disagreement:
    start: int
    end: int
    coders_with: tuple[Hashable, ...]
    coders_without: tuple[Hashable, ...]


@dataclass
class CodeAgreement:
    code: Hashable
    units: int
    percent: float | None
    kappa: float | None
    alpha: float | None
    disagreements: list[Disagreement] = field(default_factory=list)


def segments(ranges: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The union of ``ranges`` split at every boundary: [(0,5),(3,8)] -> [(0,3),(3,5),(5,8)]."""
    ranges = [(start, end) for start, end in ranges if end > start]
    bounds = sorted({offset for pair in ranges for offset in pair})
    pieces = pairwise(bounds)
    return [(s, e) for s, e in pieces if any(start <= s and e <= end for start, end in ranges)]


def percent_agreement(units: Sequence[Sequence[Hashable]]) -> float | None:
    """Mean share of agreeing pairs per unit (units with fewer than two values are skipped)."""
    shares = []
    for values in units:
        pairs = list(combinations(values, 2))
        if pairs:
            shares.append(sum(a == b for a, b in pairs) / len(pairs))
    return sum(shares) / len(shares) if shares else None


def cohen_kappa(first: Sequence[Hashable], second: Sequence[Hashable]) -> float | None:
    """Cohen's kappa of two coders over the same units; None when chance agreement is 1."""
    if len(first) != len(second):
        raise ValueError("Both coders must rate the same units.")
    n = len(first)
    if n == 0:
        return None
    observed = sum(a == b for a, b in zip(first, second, strict=True)) / n
    first_counts, second_counts = Counter(first), Counter(second)
    expected = sum(first_counts[c] * second_counts[c] for c in first_counts) / (n * n)
    if expected == 1:
        return None
    return (observed - expected) / (1 - expected)


def krippendorff_alpha_nominal(units: Sequence[Sequence[Hashable | None]]) -> float | None:
    """Krippendorff's alpha (nominal) over units of values; None marks a missing value.

    Units with fewer than two values are not pairable and are left out. None when there is no
    variation at all (expected disagreement 0).
    """
    coincidences: dict[tuple[Hashable, Hashable], float] = defaultdict(float)
    for unit in units:
        values = [value for value in unit if value is not None]
        m = len(values)
        if m < 2:
            continue
        for i, a in enumerate(values):
            for j, b in enumerate(values):
                if i != j:
                    coincidences[(a, b)] += 1 / (m - 1)
    totals: dict[Hashable, float] = defaultdict(float)
    for (a, _b), count in coincidences.items():
        totals[a] += count
    n = sum(totals.values())
    if n <= 1:
        return None
    observed = sum(count for (a, b), count in coincidences.items() if a != b)
    expected = sum(totals[a] * totals[b] for a in totals for b in totals if a != b) / (n - 1)
    if expected == 0:
        return None
    return 1 - observed / expected


def _presence(
    ranges: Sequence[CodedRange], coders: Sequence[Hashable], code: Hashable, units: list[tuple[int, int]]
) -> list[list[int]]:
    """For every unit, each coder's 1/0: did they code ``code`` over it?"""
    by_coder: dict[Hashable, list[tuple[int, int]]] = defaultdict(list)
    for coded in ranges:
        if coded.code == code:
            by_coder[coded.coder].append((coded.start, coded.end))
    return [[int(any(start <= s and e <= end for start, end in by_coder[coder])) for coder in coders] for s, e in units]


def agreement_by_code(ranges: Sequence[CodedRange]) -> list[CodeAgreement]:
    """Per-code agreement of the coders of one interview (empty with fewer than two coders)."""
    return pooled_agreement_by_code([ranges])


def pooled_agreement_by_code(interviews: Iterable[Sequence[CodedRange]]) -> list[CodeAgreement]:
    """Per-code agreement over several interviews: their segments pooled as units.

    Each interview contributes only when at least two coders coded it; a coder who did not code
    an interview is not counted as having coded nothing there.
    """
    rows: dict[Hashable, list[list[int]]] = defaultdict(list)
    kappa_pairs: dict[Hashable, dict[tuple[Hashable, Hashable], tuple[list[int], list[int]]]] = defaultdict(dict)
    disagreements: dict[Hashable, list[Disagreement]] = defaultdict(list)
    codes_seen: list[Hashable] = []
    for ranges in interviews:
        coders = sorted({coded.coder for coded in ranges}, key=str)
        if len(coders) < 2:
            continue
        units = segments((coded.start, coded.end) for coded in ranges)
        for code in dict.fromkeys(coded.code for coded in ranges):
            if code not in codes_seen:
                codes_seen.append(code)
            presence = _presence(ranges, coders, code, units)
            rows[code].extend(presence)
            _collect_pairs(kappa_pairs[code], coders, presence)
            disagreements[code].extend(_disagreements(coders, presence, units))
    return [_summarise(code, rows[code], kappa_pairs[code], disagreements[code]) for code in codes_seen]


def _collect_pairs(
    pairs: dict[tuple[Hashable, Hashable], tuple[list[int], list[int]]],
    coders: Sequence[Hashable],
    presence: list[list[int]],
) -> None:
    for i, j in combinations(range(len(coders)), 2):
        first, second = pairs.setdefault((coders[i], coders[j]), ([], []))
        first.extend(row[i] for row in presence)
        second.extend(row[j] for row in presence)


def _disagreements(
    coders: Sequence[Hashable], presence: list[list[int]], units: list[tuple[int, int]]
) -> list[Disagreement]:
    """Units where the coders differ; touching units with the same split are merged into one passage."""
    found: list[Disagreement] = []
    for (start, end), row in zip(units, presence, strict=True):
        if len(set(row)) == 1:
            continue
        with_code = tuple(coder for coder, value in zip(coders, row, strict=True) if value)
        without = tuple(coder for coder, value in zip(coders, row, strict=True) if not value)
        previous = found[-1] if found else None
        if (
            previous
            and previous.end == start
            and (previous.coders_with, previous.coders_without) == (with_code, without)
        ):
            found[-1] = Disagreement(previous.start, end, with_code, without)
        else:
            found.append(Disagreement(start, end, with_code, without))
    return found


def _summarise(
    code: Hashable,
    rows: list[list[int]],
    pairs: dict[tuple[Hashable, Hashable], tuple[list[int], list[int]]],
    disagreements: list[Disagreement],
) -> CodeAgreement:
    kappas = [cohen_kappa(first, second) for first, second in pairs.values()]
    defined = [kappa for kappa in kappas if kappa is not None]
    return CodeAgreement(
        code=code,
        units=len(rows),
        percent=percent_agreement(rows),
        kappa=sum(defined) / len(defined) if defined else None,
        alpha=krippendorff_alpha_nominal(rows),
        disagreements=disagreements,
    )
