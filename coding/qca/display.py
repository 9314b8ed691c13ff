"""The stored result of a QCA shaped for the page: rows in condition order, cases with their
anchors, numbers as the package prints them, the XY plots' points (pure)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from coding.analysis.message import N_, Figure

SOLUTION_TITLES = {
    "conservative": N_("Conservative (complex) solution"),
    "parsimonious": N_("Parsimonious solution"),
    "intermediate": N_("Intermediate solution"),
}


def fmt(value: float | None) -> Figure | str:
    """Three decimals as the package prints them; a ``Figure`` the page localises (``say``)."""
    if value is None:
        return "—"
    return Figure(value, 3)


def page_result(result: Mapping[str, Any]) -> dict[str, Any]:
    """What the result template iterates over."""
    cases = result["cases"]
    anchor = {case["label"]: f"case-{case['key']}" for case in cases}
    conditions = list(result["conditions"])
    outcome_name = result["outcome_name"]
    names = [outcome_name, *conditions]
    table = result["truth_table"]
    return {
        "outcome": result["outcome"],
        "outcome_name": outcome_name,
        "conditions": conditions,
        "columns": [{"name": name, "source": result.get("sources", {}).get(name, "")} for name in names],
        "cases": [
            {
                "key": case["key"],
                "label": case["label"],
                "anchor": anchor[case["label"]],
                "values": [
                    {
                        **case["values"][name],
                        "membership_text": _membership(case["values"][name]["membership"]),
                        # The note as a message when stored as one (rendered per language by ``say``).
                        "note": case["values"][name].get("note_said") or case["values"][name].get("note", ""),
                    }
                    for name in names
                ],
            }
            for case in cases
        ],
        "necessity": [
            {**row, "inclN_text": fmt(row["inclN"]), "RoN_text": fmt(row["RoN"]), "covN_text": fmt(row["covN"])}
            for row in result["necessity"]
        ],
        "truth_table": [
            {
                "number": row["number"],
                "configuration": [row["configuration"][name] for name in conditions],
                "OUT": row["OUT"],
                "n": row["n"],
                "incl": fmt(row["incl"]),
                "PRI": fmt(row["PRI"]),
                "contradictory": row["contradictory"],
                "cases": [{"label": label, "anchor": anchor.get(label, "")} for label in row["cases"]],
            }
            for row in table["rows"]
        ],
        "unassigned": table.get("unassigned_cases", []),
        "counts": table.get("counts", {}),
        "solutions": [_solution(kind, body, anchor) for kind, body in result["solutions"].items()],
        "chosen": result.get("chosen", "conservative"),
    }


def _membership(value: float) -> Figure | str:
    return str(int(value)) if float(value).is_integer() else Figure(value, 2)


def _solution(kind: str, body: Mapping[str, Any], anchor: Mapping[str, str]) -> dict[str, Any]:
    models = []
    for part in body.get("solutions", []):
        fits = {term["term"]: term for term in part["terms"]}
        for model in part["models"]:
            terms = [
                {
                    "term": term,
                    "inclS": fmt(fits.get(term, {}).get("inclS")),
                    "PRI": fmt(fits.get(term, {}).get("PRI")),
                    "covS": fmt(fits.get(term, {}).get("covS")),
                    "covU": fmt(model["covU"].get(term)),
                    "cases": [{"label": c, "anchor": anchor.get(c, "")} for c in fits.get(term, {}).get("cases", [])],
                }
                for term in model["terms"]
            ]
            models.append(
                {
                    "label": model["label"],
                    "expression": " + ".join(model["terms"]),
                    "terms": terms,
                    "inclS": fmt(model["inclS"]),
                    "PRI": fmt(model["PRI"]),
                    "covS": fmt(model["covS"]),
                    "sources": part.get("sources", []),
                }
            )
    error = body.get("error_said") or body.get("error", "")  # a message when stored as one: rendered by ``say``
    return {"kind": kind, "title": SOLUTION_TITLES[kind], "error": error, "models": models}


def xy_points(result: Mapping[str, Any]) -> dict[str, Any]:
    """Per solution kind and model: each case's membership in the model (x) and the outcome (y),
    with its label and the anchor of its evidence (drawn by static/coding/qca.js)."""
    cases = result["cases"]
    plots: dict[str, Any] = {}
    for kind, body in result["solutions"].items():
        y = body.get("outcome_membership") or []
        plots[kind] = [
            {
                "label": plot["label"],
                "expression": plot["expression"],
                "points": [
                    {
                        "x": x,
                        "y": y[i] if i < len(y) else None,
                        "case": cases[i]["label"],
                        "anchor": f"case-{cases[i]['key']}",
                    }
                    for i, x in enumerate(plot["x"])
                ],
            }
            for plot in body.get("xy", [])
        ]
    return {"outcome": result["outcome"], "plots": plots}
