"""Solutions of a minimisation: the prime implicant chart, its models and their fit.

The prime implicant chart has the explained rows (OUT = 1) as columns; every cover with the
minimal number of prime implicants is a model (M1, M2, ...). As the package prints them, the
terms every model shares come first and, when there are several models, the others follow in
parentheses: ``A + B + (C + D)``. The simplifying assumptions of a model are the configurations
its terms cover beyond the explained rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from coding.analysis.message import message
from coding.analysis.qca.fit import TermFit, sufficiency, term_membership, union, unique_coverages_of_covered
from coding.analysis.qca.implicants import cube_mask, minimal_covers, prime_implicants, sort_primes
from coding.analysis.qca.notation import Term, write_term
from coding.analysis.qca.refusal import Refusal
from coding.analysis.qca.truth_table import TruthTable


@dataclass(frozen=True)
class Model:
    label: str
    terms: tuple[str, ...]
    essential: tuple[str, ...]
    expression: str
    incl_s: float
    pri: float
    cov_s: float
    cov_u: tuple[float | None, ...]  # per term of ``terms``, within this model
    simplifying_assumptions: tuple[int, ...]  # row numbers of remainders the model relies on
    memberships: tuple[float, ...] = ()  # each case's membership in the model (order of tt.cases), for XY plots

    def as_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "expression": self.expression,
            "terms": list(self.terms),
            "essential": list(self.essential),
            "inclS": self.incl_s,
            "PRI": self.pri,
            "covS": self.cov_s,
            "covU": dict(zip(self.terms, self.cov_u, strict=True)),
            "simplifying_assumptions": list(self.simplifying_assumptions),
            "memberships": list(self.memberships),
        }


@dataclass(frozen=True)
class Solution:
    """One solution: its chart, its models and the fit of every term used by some model.

    ``sources`` names the conservative and parsimonious models an intermediate solution comes
    from ("C1P1", "C1P2", ...); ``easy_counterfactuals``/``difficult_counterfactuals`` are the
    remainder rows of the parsimonious model that the directional expectations accept/reject."""

    prime_implicants: tuple[str, ...]
    initial_rows: tuple[int, ...]
    chart: tuple[tuple[bool, ...], ...]
    models: tuple[Model, ...]
    terms: tuple[TermFit, ...]
    sources: tuple[str, ...] = ()
    easy_counterfactuals: tuple[int, ...] = ()
    difficult_counterfactuals: tuple[int, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "sources": list(self.sources),
            "prime_implicants": list(self.prime_implicants),
            "initial_rows": list(self.initial_rows),
            "chart": [list(row) for row in self.chart],
            "models": [model.as_dict() for model in self.models],
            "terms": [term.as_dict() for term in self.terms],
            "easy_counterfactuals": list(self.easy_counterfactuals),
            "difficult_counterfactuals": list(self.difficult_counterfactuals),
        }


@dataclass(frozen=True)
class Minimisation:
    kind: str  # "conservative", "parsimonious" or "intermediate"
    outcome: str
    include: str
    dir_exp: str | None
    solutions: tuple[Solution, ...]
    counts: dict[str, int]

    @property
    def models(self) -> tuple[Model, ...]:
        return tuple(model for solution in self.solutions for model in solution.models)

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "outcome": self.outcome,
            "include": self.include,
            "dir_exp": self.dir_exp,
            "counts": dict(self.counts),
            "solutions": [solution.as_dict() for solution in self.solutions],
        }


@dataclass(frozen=True)
class Chart:
    """The unprinted result of solving a chart; ``covers`` index into ``primes``."""

    primes: tuple[Term, ...]
    coverage: tuple[int, ...]
    covers: tuple[tuple[int, ...], ...]


def parse_include(include: str) -> frozenset[str]:
    parts = frozenset(part.strip() for part in include.split(",") if part.strip())
    unknown = parts - {"?", "C"}
    if unknown:
        raise Refusal(
            message(
                "include: {unknown} not understood (use '?' for remainders, 'C' for contradictions)",
                unknown=str(", ".join(sorted(unknown))),
            )
        )
    return parts


# Ten crisp conditions are 1,024 configurations; the bitmask search needs 2^conditions masks of
# this many bits, so beyond it memory, not time, runs out first.
MAX_CONFIGURATIONS = 2**14


def initial_indices(tt: TruthTable) -> list[int]:
    if tt.configurations > MAX_CONFIGURATIONS:
        raise Refusal(
            message(
                "{configurations} configurations ({conditions} conditions) are more than the {limit} the minimisation "
                "handles: use fewer conditions or fewer values",
                configurations=f"{tt.configurations:,}",
                conditions=str(len(tt.conditions)),
                limit=f"{MAX_CONFIGURATIONS:,}",
            )
        )
    initial = [row.number - 1 for row in tt.rows_with("1")]
    if not initial:
        raise Refusal(
            message(
                "no truth table row has OUT = 1 for {outcome}: there is nothing to explain", outcome=str(tt.outcome)
            )
        )
    return initial


def allowed_mask(tt: TruthTable, include: frozenset[str]) -> int:
    """Configurations a prime implicant may cover: explained rows, included rows and, with "?",
    every configuration that is not an observed negative (or non-included contradiction)."""
    explained = {"1"} | include
    if "?" in include:
        negative = 0
        for row in tt.rows:
            if row.out not in explained:
                negative |= 1 << (row.number - 1)
        if not negative:
            raise Refusal(
                message("every configuration is explained or a remainder: all conditions would be minimised away")
            )
        return ((1 << tt.configurations) - 1) & ~negative
    mask = 0
    for row in tt.rows:
        if row.out in explained:
            mask |= 1 << (row.number - 1)
    return mask


def solve_chart(tt: TruthTable, allowed: int, initial: Sequence[int]) -> Chart:
    primes = prime_implicants(tt.levels, allowed, initial)
    if any(not any(term) for term in primes):
        raise Refusal(message("the only prime implicant is the empty term: every configuration leads to the outcome"))
    ordered = sort_primes(primes)
    coverage = tuple(primes[term] for term in ordered)
    return Chart(tuple(ordered), coverage, tuple(minimal_covers(coverage, len(initial))))


def build_solution(tt: TruthTable, chart: Chart, initial: Sequence[int], **extra: Any) -> Solution:
    """Models and fit of a solved chart, with the package's ordering and notation."""
    mv = tt.multivalue
    names = [write_term(term, tt.conditions, multivalue=mv) for term in chart.primes]
    shared = set.intersection(*(set(cover) for cover in chart.covers))
    used = sorted({index for cover in chart.covers for index in cover}, key=lambda i: (i not in shared, i))
    memberships = {i: term_membership(chart.primes[i], tt.condition_values, tt.fuzzy) for i in used}
    y = tt.outcome_values
    sum_y = sum(y)
    in_outcome = {i: [min(a, b) for a, b in zip(memberships[i], y, strict=True)] for i in used}
    overall_cov_u = dict(zip(used, unique_coverages_of_covered([in_outcome[i] for i in used], sum_y), strict=True))
    explained = 0
    for index in initial:
        explained |= 1 << index
    models = []
    for number, cover in enumerate(chart.covers, start=1):
        order = sorted(cover, key=lambda i: (i not in shared, i))
        model_x = union([memberships[i] for i in order])
        incl, pri, cov = sufficiency(model_x, y)
        covered = 0
        for i in order:
            covered |= cube_mask(chart.primes[i], tt.levels)
        assumptions = _bits(covered & ~explained)
        models.append(
            Model(
                f"M{number}",
                tuple(names[i] for i in order),
                tuple(names[i] for i in order if i in shared),
                _expression([names[i] for i in order if i in shared], [names[i] for i in order if i not in shared]),
                incl,
                pri,
                cov,
                tuple(unique_coverages_of_covered([in_outcome[i] for i in order], sum_y)),
                assumptions,
                tuple(model_x),
            )
        )
    terms = tuple(
        TermFit(names[i], *sufficiency(memberships[i], y), overall_cov_u[i], _cases(tt, chart.coverage[i], initial))
        for i in used
    )
    rows = tuple(index + 1 for index in initial)
    grid = tuple(tuple(bool(mask >> r & 1) for r in range(len(initial))) for mask in chart.coverage)
    return Solution(tuple(names), rows, grid, tuple(models), terms, **extra)


def _expression(shared: list[str], alternatives: list[str]) -> str:
    if not alternatives:
        return " + ".join(shared)
    return " + ".join([*shared, "(" + " + ".join(alternatives) + ")"])


def _bits(mask: int) -> tuple[int, ...]:
    numbers = []
    while mask:
        low = mask & -mask
        numbers.append(low.bit_length())
        mask ^= low
    return tuple(numbers)


def _cases(tt: TruthTable, covered_rows: int, initial: Sequence[int]) -> tuple[str, ...]:
    by_number = {row.number: row for row in tt.rows}
    cases: list[str] = []
    for position, index in enumerate(initial):
        if covered_rows >> position & 1:
            cases.extend(by_number[index + 1].cases)
    return tuple(cases)
