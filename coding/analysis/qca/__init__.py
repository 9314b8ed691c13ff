"""Qualitative Comparative Analysis (QCA): crisp, multi-value and fuzzy sets, pure Python.

Written by hand because no well-kept Python QCA library exists (the offline index holds only toy
or unmaintained ones). The methods follow R's ``QCA`` package by Adrian Dusa (version 3.25;
Dusa 2019, *QCA with R. A Comprehensive Resource*, Springer) and Ragin (2008), *Redesigning Social
Inquiry: Fuzzy Sets and Beyond*; its results are checked against the package's published output on
the Lipset (1959) and Cebotari & Vink (2013) data (``tests/analysis/qca/``).

Public API (stable; every result is a frozen dataclass with ``as_dict()`` giving JSON-ready data):

``calibrate(values, condition=, method="crisp"|"fuzzy"|"manual", thresholds=(), decreasing=False, idm=0.95)``
    ``values``: case name -> raw value. Crisp: thresholds -> 0..k; fuzzy: (exclusion, crossover,
    inclusion) anchors, descending anchors for a decreasing set; manual: scores already in 0..1.
    Also ``calibrate_crisp``, ``calibrate_fuzzy``, ``calibrate_manual``. Returns case -> membership.
``truth_table(data, outcome, conditions, incl_cut=1.0, n_cut=1, pri_cut=0.0, incl_cut0=None) -> TruthTable``
    ``data``: case name -> {column: calibrated value}; outcome "Y", "~Y" (negated) or "Y[v]".
    Rows: number, configuration, OUT ("1", "0", "C", "?"), n, incl, PRI, cases, contradictory;
    ``remainders()``, ``counts()``.
``minimise(tt, include="", dir_exp=None) -> Minimisation``
    include "" conservative, "?" parsimonious (also "C"); ``dir_exp`` (e.g. "DEV, ~URB, ~LIT*IND"
    or "1,0,0,-,0") gives the intermediate solutions. ``Minimisation.solutions``: Solution
    (prime implicant chart, models M1.. with inclS/PRI/covS/covU and simplifying assumptions,
    every term's fit, for intermediate solutions their sources C1P1.. and counterfactuals).
``necessity(data, outcome, conditions) -> NecessityResult``
    inclN, RoN, covN of each condition and its negation.

Notation as the package prints it: condition names, ``*`` AND, ``~`` NOT, `` + `` OR, ``DEV[2]``
for multi-value conditions. Every refusal is a ``ValueError`` naming the case and/or condition.
"""

from coding.analysis.qca.calibrate import calibrate, calibrate_crisp, calibrate_fuzzy, calibrate_manual
from coding.analysis.qca.fit import TermFit
from coding.analysis.qca.minimise import minimise
from coding.analysis.qca.necessity import NecessityResult, NecessityRow, necessity
from coding.analysis.qca.solution import Minimisation, Model, Solution
from coding.analysis.qca.truth_table import TruthTable, TruthTableRow, truth_table

__all__ = [
    "Minimisation",
    "Model",
    "NecessityResult",
    "NecessityRow",
    "Solution",
    "TermFit",
    "TruthTable",
    "TruthTableRow",
    "calibrate",
    "calibrate_crisp",
    "calibrate_fuzzy",
    "calibrate_manual",
    "minimise",
    "necessity",
    "truth_table",
]
