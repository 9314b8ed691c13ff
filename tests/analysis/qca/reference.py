"""The reference data sets of R's QCA package, read from tests/data/qca/ (see its README)."""

from __future__ import annotations

import csv
from pathlib import Path

from coding.analysis.qca import TermFit

DATA = Path(__file__).resolve().parents[2] / "data" / "qca"

LIPSET_CONDITIONS = ["DEV", "URB", "LIT", "IND", "STB"]
CVF_CONDITIONS = ["DEMOC", "ETHFRACT", "GEOCON", "POLDIS", "NATPRIDE"]


def load(name: str) -> dict[str, dict[str, float]]:
    """Case name -> column -> value, in the file's case order."""
    with (DATA / f"{name}.csv").open(newline="") as handle:
        return {row.pop("case"): {key: float(value) for key, value in row.items()} for row in csv.DictReader(handle)}


def split_cases(printed: str) -> tuple[str, ...]:
    """The package prints a term's cases per truth table row, rows separated by "; "."""
    return tuple(case for group in printed.split(";") for case in group.strip().split(",") if case)


def fit_row(term: TermFit) -> tuple[str, float, float, float, float | None]:
    """A term's fit rounded to the 3 decimals the package prints (covU None where it prints "-")."""
    cov_u = None if term.cov_u is None else round(term.cov_u, 3)
    return term.term, round(term.incl_s, 3), round(term.pri, 3), round(term.cov_s, 3), cov_u
