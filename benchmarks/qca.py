"""Time the QCA core on 10 conditions (1,024 configurations): truth table and minimisation.

Run: ``.venv/bin/python benchmarks/qca.py`` (``--cases 200 --conditions 10 --seed 14
--noise 0.05 --incl-cut 0.9``). No database: the core is pure Python. The data are seeded random
fuzzy scores for the conditions C1..C10, each clearly in (0.85-1) or out (0-0.15); the outcome
follows C1*C2 + C3*~C4 with uniform noise, so that the minimisation has a known answer. Five runs
each of the truth table, the parsimonious, conservative and intermediate solutions (all
conditions expected present) and the analysis of necessity; min and median in ms, with the size of
the problem (observed rows, explained rows, prime implicants, models). Target: truth table plus
parsimonious minimisation well under one second. A lower cut-off (``--incl-cut 0.8``) makes a
stress case: 169 explained rows, 179 prime implicants and 36 minimal parsimonious models (about
2-5 s on the shared machine), while its conservative solution has thousands of minimal models and
is refused as too complex (more than ``MAX_MODELS``) within a fraction of a second."""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from coding.analysis.qca import minimise, necessity, truth_table  # noqa: E402

RUNS = 5
TARGET_SECONDS = 1.0


def fuzzy_cases(cases: int, conditions: int, seed: int, noise: float) -> dict[str, dict[str, float]]:
    rng = random.Random(seed)
    data = {}
    for number in range(cases):
        # Scores clearly in or out of each set (never 0.5, which would place a case in no row).
        scores = {
            f"C{j + 1}": round(rng.choice([rng.uniform(0.0, 0.15), rng.uniform(0.85, 1.0)]), 2)
            for j in range(conditions)
        }
        signal = max(min(scores["C1"], scores["C2"]), min(scores["C3"], 1 - scores["C4"]))
        scores["Y"] = round(min(1.0, max(0.0, signal + rng.uniform(-noise, noise))), 2)
        data[f"case{number + 1:03d}"] = scores
    return data


def timed(label: str, action: Callable[[], Any]) -> Any:
    seconds = []
    result = None
    for _ in range(RUNS):
        start = time.perf_counter()
        result = action()
        seconds.append(time.perf_counter() - start)
    print(f"{label:<42} min {min(seconds) * 1000:8.1f} ms   median {statistics.median(seconds) * 1000:8.1f} ms")
    return result, min(seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=200)
    parser.add_argument("--conditions", type=int, default=10)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--noise", type=float, default=0.05, help="± uniform noise on the outcome")
    parser.add_argument("--incl-cut", type=float, default=0.9)
    args = parser.parse_args()
    data = fuzzy_cases(args.cases, args.conditions, args.seed, args.noise)
    conditions = [f"C{j + 1}" for j in range(args.conditions)]
    print(
        f"{args.cases} fuzzy cases, {args.conditions} conditions ({2**args.conditions} configurations), "
        f"seed {args.seed}, outcome noise ±{args.noise}, incl.cut {args.incl_cut}"
    )

    tt, tt_seconds = timed("truth table", lambda: truth_table(data, "Y", conditions, incl_cut=args.incl_cut))
    pars, pars_seconds = timed("parsimonious minimisation", lambda: minimise(tt, include="?"))
    cons, _ = timed("conservative minimisation", lambda: minimise(tt))
    inter, _ = timed("intermediate (all expected present)", lambda: minimise(tt, "?", ",".join(conditions)))
    timed("necessity (20 expressions)", lambda: necessity(data, "Y", conditions))

    explained = len(tt.rows_with("1"))
    print(f"\nobserved rows {len(tt.rows)}, explained rows (OUT = 1) {explained}, remainders {len(tt.remainders())}")
    for name, result in (("parsimonious", pars), ("conservative", cons), ("intermediate", inter)):
        solutions = result.solutions
        primes = sum(len(solution.prime_implicants) for solution in solutions)
        first = result.models[0].expression
        print(f"{name:<13} prime implicants {primes:4d}, models {len(result.models):3d}; M1: {first[:90]}")
    total = tt_seconds + pars_seconds
    verdict = "OK" if total < TARGET_SECONDS else "SLOWER THAN TARGET"
    print(f"\ntruth table + parsimonious: {total * 1000:.1f} ms (target < {TARGET_SECONDS * 1000:.0f} ms) {verdict}")


if __name__ == "__main__":
    main()
