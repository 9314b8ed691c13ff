"""Intermediate solutions from directional expectations, by the easy-counterfactuals method that
R's ``QCA::minimize`` documents since version 3.8 (Ragin & Sonnett 2005; Ragin 2008, ch. 9;
Dusa 2019, ch. 8.8).

From 3.7 the package derived one intermediate model per pair of conservative and parsimonious
models without counterfactuals; 3.8 went back to easy counterfactuals "since it is not always
possible to restrict it to a single model" (package ChangeLog). For every conservative model Ci
and parsimonious model Pj:

1. each term of Ci that lies inside a term of Pj is reduced: a condition that the parsimonious term
   dropped is dropped too when its value in the conservative term contradicts the directional
   expectation for it (conditions without expectation are "don't cares" and stay);
   a conjunctural expectation (``~LIT*IND``) drops its conditions together when the term does not
   match all of them;
2. the easy counterfactuals are the simplifying assumptions of Pj that such a reduced term covers;
   the other simplifying assumptions of Pj are the difficult counterfactuals;
3. the explained rows plus the easy counterfactuals are minimised (no other remainders) and the
   chart against the explained rows gives the models, possibly several.

Identical results of several pairs are reported once, with every pair as its source ("C1P1").
The package's C code (``C_getEC``) restarts from the conservative term for each conjunctural
expectation; here individual and conjunctural expectations both apply, which gives the same
result on the package's documented examples.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, replace

from coding.analysis.qca.implicants import cube_mask
from coding.analysis.qca.notation import Term, parse_literal
from coding.analysis.qca.solution import Chart, Solution, allowed_mask, build_solution, solve_chart
from coding.analysis.qca.truth_table import TruthTable


@dataclass(frozen=True)
class Expectations:
    """Individual expectations (condition index -> expected values) and conjunctural ones."""

    individual: dict[int, frozenset[int]]
    conjunctural: tuple[dict[int, int], ...]


def _split_top_level(text: str) -> list[str]:
    parts, depth, current = [], 0, ""
    for char in text:
        depth += {"[": 1, "]": -1}.get(char, 0)
        if char == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    return [part.strip() for part in parts if part.strip()]


def parse_dir_exp(text: str, conditions: Sequence[str], levels: Sequence[int]) -> Expectations:
    """``"DEV, ~URB, ~LIT*IND"``, ``"DEV[2], URB[0,1]"`` or the positional ``"1,0,-,0,0"``."""
    items = _split_top_level(text)
    individual: dict[int, set[int]] = {}
    conjunctural: list[dict[int, int]] = []
    if len(items) == len(conditions) and all(item == "-" or item.isdigit() for item in items):
        for index, item in enumerate(items):
            if item != "-":
                individual.setdefault(index, set()).update(
                    value for _, value in parse_literal(f"{conditions[index]}[{item}]", conditions, levels)
                )
        return Expectations({k: frozenset(v) for k, v in individual.items()}, ())
    for item in items:
        literals = [parse_literal(part, conditions, levels) for part in item.split("*")]
        if len(literals) == 1:
            for index, value in literals[0]:
                individual.setdefault(index, set()).add(value)
        else:
            for combination in itertools.product(*literals):
                conjunctural.append(dict(combination))
    return Expectations({k: frozenset(v) for k, v in individual.items()}, tuple(conjunctural))


def reduce_term(complex_term: Term, parsimonious_term: Term, expectations: Expectations) -> Term:
    """The conservative term without the conditions that contradict an expectation, among those
    the parsimonious term has already dropped (implicant coding: 0 absent, v + 1 value v)."""
    free = [c for c, code in enumerate(complex_term) if code and not parsimonious_term[c]]
    result = list(complex_term)
    for c in free:
        expected = expectations.individual.get(c)
        if expected is not None and complex_term[c] - 1 not in expected:
            result[c] = 0
    for conjunction in expectations.conjunctural:
        involved = [c for c in free if c in conjunction]
        if not all(complex_term[c] - 1 == conjunction[c] for c in involved):
            for c in involved:
                result[c] = 0
    return tuple(result)


def _inside(inner: Term, outer: Term) -> bool:
    return all(not code or code == inner[c] for c, code in enumerate(outer))


def _assumptions(chart: Chart, cover: Sequence[int], levels: Sequence[int], explained: int) -> int:
    covered = 0
    for index in cover:
        covered |= cube_mask(chart.primes[index], levels)
    return covered & ~explained


def _rows(mask: int) -> tuple[int, ...]:
    return tuple(bit + 1 for bit in range(mask.bit_length()) if mask >> bit & 1)


def intermediate_solutions(
    tt: TruthTable, included: frozenset[str], initial: Sequence[int], dir_exp: str
) -> tuple[Solution, ...]:
    expectations = parse_dir_exp(dir_exp, tt.conditions, tt.levels)
    conservative = solve_chart(tt, allowed_mask(tt, included - {"?"}), initial)
    parsimonious = solve_chart(tt, allowed_mask(tt, included), initial)
    explained = 0
    for index in initial:
        explained |= 1 << index
    results: list[Solution] = []
    solved: dict[tuple[int, int], Solution] = {}
    for c_number, c_cover in enumerate(conservative.covers, start=1):
        for p_number, p_cover in enumerate(parsimonious.covers, start=1):
            assumptions = _assumptions(parsimonious, p_cover, tt.levels, explained)
            easy = 0
            for c_index in c_cover:
                complex_term = conservative.primes[c_index]
                for p_index in p_cover:
                    if _inside(complex_term, parsimonious.primes[p_index]):
                        reduced = reduce_term(complex_term, parsimonious.primes[p_index], expectations)
                        easy |= assumptions & cube_mask(reduced, tt.levels)
            source = f"C{c_number}P{p_number}"
            if (easy, assumptions) in solved:  # many conservative models often share their counterfactuals
                results.append(replace(solved[easy, assumptions], sources=(source,)))
                continue
            chart = solve_chart(tt, explained | easy, initial)
            solution = build_solution(
                tt,
                chart,
                initial,
                sources=(source,),
                easy_counterfactuals=_rows(easy),
                difficult_counterfactuals=_rows(assumptions & ~easy),
            )
            solved[easy, assumptions] = solution
            results.append(solution)
    return _merge(results)


def _merge(results: list[Solution]) -> tuple[Solution, ...]:
    """Report identical intermediate solutions once, naming every pair that led to them."""
    merged: list[Solution] = []
    for solution in results:
        key = tuple(model.expression for model in solution.models)
        for position, earlier in enumerate(merged):
            if tuple(model.expression for model in earlier.models) == key:
                merged[position] = replace(earlier, sources=earlier.sources + solution.sources)
                break
        else:
            merged.append(solution)
    return tuple(merged)
