"""The QCA page's query string for a specification (what the form sends)."""

from __future__ import annotations

from typing import Any


def _source(source: dict[str, Any]) -> str:
    if source["kind"] == "variable":
        return f"var:{source['target']}:{source['name']}"
    if source["kind"] == "metric":
        return f"metric:{source['figure']}"
    if source["kind"] == "classification":
        return f"class:{source['name']}:{source['label']}"
    return f"code:{source['code']}:{source['measure']}"


def _row(prefix: str, condition: dict[str, Any]) -> dict[str, Any]:
    calibration = condition["calibration"]
    numbers = calibration.get("thresholds") or [calibration.get(k) for k in ("exclusion", "crossover", "inclusion")]
    return {
        f"{prefix}-name": condition["name"],
        f"{prefix}-source": _source(condition["source"]),
        f"{prefix}-layer": condition["source"].get("layer", "all"),
        f"{prefix}-method": calibration["method"],
        f"{prefix}-thresholds": ", ".join(str(n) for n in numbers if n is not None),
        f"{prefix}-scores": ", ".join(f"{k}={v}" for k, v in calibration.get("scores", {}).items()),
    }


def form_data(spec: dict[str, Any]) -> dict[str, Any]:
    prefix = "r" if spec["unit"] == "region" else "w"
    data: dict[str, Any] = {
        "run": "1",
        "unit": spec["unit"],
        "cases": [f"{prefix}{pk}" for pk in spec["cases"]],
        "incl_cut": spec.get("incl_cut", 0.8),
        "n_cut": spec.get("n_cut", 1),
        "pri_cut": spec.get("pri_cut", 0),
        "solution": spec.get("solution", "conservative"),
        **_row("outcome", spec["outcome"]),
    }
    if spec["outcome"].get("negate"):
        data["outcome-negate"] = "on"
    for i, condition in enumerate(spec["conditions"]):
        data.update(_row(f"c{i}", condition))
        data[f"c{i}-direction"] = spec.get("dir_exp", {}).get(condition["name"], "-")
    return data
