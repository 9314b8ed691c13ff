"""Prime implicants and minimal covers for multi-value Boolean minimisation (crisp is two levels).

The result is the one Quine–McCluskey gives (all prime implicants, then the prime implicant chart);
the search is organised differently so that ten conditions stay fast in pure Python. Every set of
configurations is one Python integer used as a bitmask over the ``prod(levels)`` configurations
(bit ``i`` is row number ``i + 1``). For each set D of eliminated conditions, ``valid[D]`` holds a
bit at every configuration c (with digit 0 on D) whose cube "c with D free" lies wholly inside the
allowed set (positive rows plus, for the parsimonious solution, the remainders as don't cares):

    valid[D ∪ {j}] = AND over values v of j of (valid[D] >> v·w_j), kept where digit j is 0

A cube is prime when freeing one more condition leaves the allowed set; only primes covering an
explained row enter the chart. Models are all covers with the minimal number of prime implicants
(what ``QCA::minimize`` reports with ``all.sol = FALSE``), found by branching on the explained row
with the fewest candidates, listed in the package's order: lexicographic over the sorted primes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from coding.analysis.message import message
from coding.analysis.qca.notation import Term, sort_terms
from coding.analysis.qca.refusal import Refusal

# Beyond this many minimal models, or this many search steps (some seconds), the chart is
# reported as too complex instead of keeping a worker busy for minutes.
MAX_MODELS = 500
MAX_SEARCH_STEPS = 500_000


def weights(levels: Sequence[int]) -> list[int]:
    """Place value of each condition's digit, first condition most significant (QCA's mbase)."""
    return [math.prod(levels[j + 1 :]) for j in range(len(levels))]


def _zero_digit_masks(levels: Sequence[int], place: Sequence[int], total: int) -> list[int]:
    masks = []
    for level, weight in zip(levels, place, strict=True):
        block = (1 << weight) - 1
        period = level * weight
        mask = 0
        for start in range(0, total, period):
            mask |= block << start
        masks.append(mask)
    return masks


def _spread(mask: int, level: int, weight: int) -> int:
    """From bits at digit 0 of one condition to the same configurations with every value of it."""
    result = 0
    for value in range(level):
        result |= mask << (value * weight)
    return result


def prime_implicants(levels: Sequence[int], allowed: int, initial: Sequence[int]) -> dict[Term, int]:
    """Prime implicants of ``allowed`` (bitmask) covering at least one of ``initial`` (0-based
    configuration indices), each with the bitmask of the initial rows it covers."""
    n = len(levels)
    place = weights(levels)
    total = math.prod(levels)
    zero = _zero_digit_masks(levels, place, total)
    digits = [[(index // place[j]) % levels[j] for j in range(n)] for index in initial]
    valid = [0] * (1 << n)
    valid[0] = allowed
    for free in range(1, 1 << n):
        j = (free & -free).bit_length() - 1
        previous = valid[free ^ (1 << j)]
        if previous:
            combined = previous
            for value in range(1, levels[j]):
                combined &= previous >> (value * place[j])
            valid[free] = combined & zero[j]
    primes: dict[Term, int] = {}
    zeroed = {0: list(initial)}
    for free in range(1 << n):
        if free:
            j = (free & -free).bit_length() - 1
            base = zeroed[free ^ (1 << j)]
            zeroed[free] = [index - row[j] * place[j] for index, row in zip(base, digits, strict=True)]
        cubes = valid[free]
        if not cubes:
            continue
        for j in range(n):
            if not free & (1 << j):
                cubes &= ~_spread(valid[free | (1 << j)], levels[j], place[j])
        if not cubes:
            continue
        for position, index in enumerate(zeroed[free]):
            if cubes >> index & 1:
                term = tuple(0 if free & (1 << j) else (index // place[j]) % levels[j] + 1 for j in range(n))
                primes[term] = primes.get(term, 0) | (1 << position)
    return primes


def cube_mask(term: Term, levels: Sequence[int]) -> int:
    """Bitmask of every configuration a term covers."""
    place = weights(levels)
    mask = 1 << sum((code - 1) * weight for code, weight in zip(term, place, strict=True) if code)
    for code, level, weight in zip(term, levels, place, strict=True):
        if not code:
            mask = _spread(mask, level, weight)
    return mask


def sort_primes(primes: dict[Term, int]) -> list[Term]:
    return sort_terms(list(primes))


def minimal_covers(coverage: Sequence[int], rows: int) -> list[tuple[int, ...]]:
    """All covers of the ``rows`` columns with the fewest prime implicants, as sorted index tuples
    in lexicographic order (the order of the package's M1, M2, ...).

    Exact branch and bound: columns implied by another column (every prime covering the other
    covers it too) are dropped, which loses no cover; the search branches on the column with the
    fewest candidates and forbids, in each branch, the candidates tried before it, so each cover
    is met once; a branch stops when more columns with pairwise disjoint candidates remain than
    prime implicants may still be chosen (a lower bound on what is missing)."""
    if rows == 0:
        return [()]
    candidates = [0] * rows
    for prime, mask in enumerate(coverage):
        for row in range(rows):
            if mask >> row & 1:
                candidates[row] |= 1 << prime
    if not all(candidates):
        raise Refusal(message("the prime implicant chart cannot be solved: an explained row has no prime implicant"))
    columns = _undominated(candidates)
    column_masks = [0] * len(coverage)
    for position, row in enumerate(columns):
        for prime in _members(candidates[row]):
            column_masks[prime] |= 1 << position
    wanted = [candidates[row] for row in columns]
    full = (1 << len(columns)) - 1
    everything = (1 << len(coverage)) - 1
    chart = _Chart(column_masks, wanted)
    for size in range(chart.lower_bound(full, everything), len(coverage) + 1):
        found: list[tuple[int, ...]] = []
        chart.search(full, everything, (), size, found)
        if found:
            return sorted(found)
    raise Refusal(message("the prime implicant chart cannot be solved"))


def _members(mask: int) -> list[int]:
    members = []
    while mask:
        low = mask & -mask
        members.append(low.bit_length() - 1)
        mask ^= low
    return members


def _undominated(candidates: Sequence[int]) -> list[int]:
    """Columns to keep: a column whose candidates include all of another column's is covered
    whenever that one is (of equal columns the first stays)."""
    keep = []
    for row, mask in enumerate(candidates):
        implied = any(
            other != row and (other_mask & ~mask) == 0 and (other_mask != mask or other < row)
            for other, other_mask in enumerate(candidates)
        )
        if not implied:
            keep.append(row)
    return keep


class _Chart:
    """The reduced chart and the search state shared by the branches."""

    def __init__(self, column_masks: Sequence[int], wanted: Sequence[int]) -> None:
        self.column_masks = column_masks
        self.wanted = wanted
        # Columns with few candidates first: a cheap, good order for the disjoint-columns bound.
        self.order = sorted(range(len(wanted)), key=lambda p: wanted[p].bit_count())
        # Branches that found nothing: (uncovered, primes left) -> allowed sets that failed. With
        # no more primes left and a subset of those primes allowed, the branch fails again.
        self.failed: dict[tuple[int, int], list[int]] = {}
        self.steps = 0

    def lower_bound(self, uncovered: int, allowed: int) -> int:
        """Columns with pairwise disjoint (allowed) candidates each need a prime of their own."""
        used = count = 0
        for position in self.order:
            if uncovered >> position & 1:
                options = self.wanted[position] & allowed
                if not options & used:
                    used |= options
                    count += 1
        return count

    def search(
        self, uncovered: int, allowed: int, chosen: tuple[int, ...], left: int, found: list[tuple[int, ...]]
    ) -> None:
        if not uncovered:
            found.append(tuple(sorted(chosen)))
            if len(found) > MAX_MODELS:
                raise Refusal(
                    message(
                        "the prime implicant chart is too complex: more than {limit} minimal models", limit=MAX_MODELS
                    )
                )
            return
        self.steps += 1
        if self.steps > MAX_SEARCH_STEPS:
            raise Refusal(
                message(
                    "the prime implicant chart is too complex to list every minimal model: "
                    "use fewer conditions or stricter cut-offs"
                )
            )
        if left == 0 or self.lower_bound(uncovered, allowed) > left:
            return
        key = (uncovered, left)
        if any(allowed & ~earlier == 0 for earlier in self.failed.get(key, ())):
            return
        before, entry = len(found), allowed
        best, best_count = -1, 0
        for position in self.order:
            if uncovered >> position & 1:
                count = (self.wanted[position] & allowed).bit_count()
                if best < 0 or count < best_count:
                    best, best_count = position, count
        for pick in _members(self.wanted[best] & allowed):
            allowed &= ~(1 << pick)
            self.search(uncovered & ~self.column_masks[pick], allowed, (*chosen, pick), left - 1, found)
        if len(found) == before:
            self.failed.setdefault(key, []).append(entry)
