"""The QCA page's form: cases, outcome, conditions with their source and calibration, cut-offs.

The form only translates fields to the specification's JSON (``coding.qca.spec``) and back; the
one parser there checks it, so the page and the API refuse the same input with the same message.
``add_input_error`` puts a refusal on the field it names (``conditions[1].calibration`` is the
thresholds field of the second filled condition row).
"""

from __future__ import annotations

import re
from typing import Any, cast

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from coding.analysis.layers import LAYER_LABELS
from coding.qca.casedata import Case
from coding.qca.spec import DIRECTIONS, METHODS, SOLUTIONS

METHOD_LABELS = {
    "crisp": gettext_lazy("crisp / multi-value (thresholds)"),
    "fuzzy": gettext_lazy("fuzzy, direct method (exclusion, crossover, inclusion)"),
    "manual": gettext_lazy("manual (a score per value)"),
    "direct": gettext_lazy("as recorded (already 0–1)"),
}
# The solution types as the form offers them (values are the package's names).
SOLUTION_LABELS = {
    "conservative": gettext_lazy("conservative"),
    "parsimonious": gettext_lazy("parsimonious"),
    "intermediate": gettext_lazy("intermediate"),
}
ROWS = 6  # condition rows shown on a new page; a saved model shows its own plus two


class ConditionForm(forms.Form):
    name = forms.CharField(max_length=40, required=False, help_text=gettext_lazy("e.g. DENSE"))
    source = forms.ChoiceField(required=False)
    layer = forms.ChoiceField(
        choices=[(key, gettext_lazy(label)) for key, label in LAYER_LABELS.items()], required=False, initial="all"
    )
    method = forms.ChoiceField(choices=[(m, METHOD_LABELS[m]) for m in METHODS], required=False)
    thresholds = forms.CharField(max_length=200, required=False, help_text=gettext_lazy("numbers, comma-separated"))
    scores = forms.CharField(max_length=1000, required=False, help_text=gettext_lazy("value=score, … (manual)"))
    decreasing = forms.BooleanField(required=False)
    direction = forms.ChoiceField(
        choices=[("-", gettext_lazy("no expectation")), ("1", gettext_lazy("present")), ("0", gettext_lazy("absent"))],
        required=False,
        initial="-",
    )
    negate = forms.BooleanField(required=False, label=gettext_lazy("negate (~)"))

    def __init__(self, *args: Any, sources: list[tuple[str, list[tuple[str, str]]]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast("forms.ChoiceField", self.fields["source"]).choices = [("", "—"), *sources]
        # The rows are a table without a <label> per cell: name each control for screen readers.
        number = int((self.prefix or "c0")[1:]) + 1 if self.prefix != "outcome" else 0
        row = pgettext("QCA", "outcome") if self.prefix == "outcome" else _("condition %(number)d") % {"number": number}
        for name, field in self.fields.items():
            field.widget.attrs.setdefault("aria-label", f"{row}: {name}")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if bool((cleaned.get("name") or "").strip()) != bool(cleaned.get("source")):
            raise forms.ValidationError(_("Give both a name and a source, or leave the row empty."))
        return cleaned

    @property
    def filled(self) -> bool:
        return bool(self.is_valid() and self.cleaned_data.get("name") and self.cleaned_data.get("source"))

    def to_json(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "name": data["name"].strip(),
            "source": source_json(data["source"], data.get("layer") or "all"),
            "calibration": self._calibration(),
        }

    def _calibration(self) -> dict[str, Any]:
        data = self.cleaned_data
        method = data.get("method") or "crisp"
        numbers = _numbers(data.get("thresholds") or "")
        if method == "crisp":
            return {"method": method, "thresholds": numbers, "decreasing": bool(data.get("decreasing"))}
        if method == "fuzzy":
            padded = [*numbers, None, None, None][:3]
            if len(numbers) != 3:
                self.add_error("thresholds", _("Give three anchors: exclusion, crossover, inclusion."))
            return {"method": method, "exclusion": padded[0], "crossover": padded[1], "inclusion": padded[2]}
        if method == "manual":
            return {"method": method, "scores": _scores(data.get("scores") or "")}
        return {"method": method}


def _numbers(text: str) -> list[Any]:
    """Numbers as the spec wants them; a word that is no number is passed on for the spec to name."""
    values: list[Any] = []
    for part in re.split(r"[,;\s]+", text.strip()):
        if part:
            try:
                values.append(float(part))
            except ValueError:
                values.append(part)
    return values


def _scores(text: str) -> dict[str, Any]:
    scores: dict[str, Any] = {}
    for part in text.split(","):
        if "=" in part:
            value, score = part.rsplit("=", 1)
            try:
                scores[value.strip()] = float(score)
            except ValueError:
                scores[value.strip()] = score.strip()
    return scores


def source_json(value: str, layer: str) -> dict[str, Any]:
    """``var:region:gdp`` → the spec's source object (see ``coding.qca.selectors.source_choices``)."""
    kind, _, rest = value.partition(":")
    if kind == "var":
        target, _, name = rest.partition(":")
        return {"kind": "variable", "target": target, "name": name}
    if kind == "metric":
        return {"kind": "metric", "layer": layer, "figure": rest}
    if kind == "class":
        name, _, label = rest.partition(":")
        return {"kind": "classification", "layer": layer, "name": name, "label": label}
    code, _, measure = rest.partition(":")
    return {"kind": "code", "code": int(code) if code.isdigit() else 0, "measure": measure}


def source_value(source: dict[str, Any]) -> tuple[str, str]:
    """The form's (source, layer) of a spec's source object: the reverse of ``source_json``."""
    kind = source.get("kind")
    layer = str(source.get("layer") or "all")
    if kind == "variable":
        return f"var:{source.get('target')}:{source.get('name')}", layer
    if kind == "metric":
        return f"metric:{source.get('figure')}", layer
    if kind == "classification":
        return f"class:{source.get('name')}:{source.get('label')}", layer
    return f"code:{source.get('code')}:{source.get('measure')}", layer


def condition_initial(condition: dict[str, Any], direction: str = "-") -> dict[str, Any]:
    source, layer = source_value(condition.get("source") or {})
    calibration = condition.get("calibration") or {}
    method = calibration.get("method", "crisp")
    numbers = calibration.get("thresholds") or [calibration.get(k) for k in ("exclusion", "crossover", "inclusion")]
    return {
        "name": condition.get("name", ""),
        "source": source,
        "layer": layer,
        "method": method,
        "thresholds": ", ".join(f"{n:g}" for n in numbers if isinstance(n, int | float))
        if method in ("crisp", "fuzzy")
        else "",
        "scores": ", ".join(f"{k}={v:g}" for k, v in (calibration.get("scores") or {}).items()),
        "decreasing": bool(calibration.get("decreasing")),
        "direction": direction,
        "negate": bool(condition.get("negate")),
    }


class QcaForm(forms.Form):
    unit = forms.ChoiceField(
        choices=[("region", gettext_lazy("regions")), ("wave", gettext_lazy("region × wave"))], initial="region"
    )
    cases = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple)
    incl_cut = forms.FloatField(initial=0.8, min_value=0, max_value=1, label="incl.cut")
    n_cut = forms.IntegerField(initial=1, min_value=1, label="n.cut")
    pri_cut = forms.FloatField(initial=0.0, min_value=0, max_value=1, label=gettext_lazy("PRI cut"))
    solution = forms.ChoiceField(choices=[(s, SOLUTION_LABELS.get(s, s)) for s in SOLUTIONS], initial="conservative")
    name = forms.CharField(max_length=200, required=False, label=gettext_lazy("Save as"))

    def __init__(self, *args: Any, cases: list[Case], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.case_list = cases
        cast("forms.ChoiceField", self.fields["cases"]).choices = [(case.key, case.label) for case in cases]


def spec_json(form: QcaForm, outcome: ConditionForm, rows: list[ConditionForm]) -> tuple[dict[str, Any], list[int]]:
    """The specification of the bound forms, and which row each condition came from."""
    data = form.cleaned_data
    unit = data["unit"]
    prefix = "r" if unit == "region" else "w"
    ticked = data.get("cases") or []
    keys = [key for key in ticked if key.startswith(prefix)]
    if not keys and unit == "wave":  # regions ticked, cases by wave: the waves of those regions
        regions = {int(key[1:]) for key in ticked if key.startswith("r")}
        keys = [case.key for case in form.case_list if case.wave_id and (not regions or case.region_id in regions)]
    elif not keys:
        keys = [case.key for case in form.case_list if case.key.startswith(prefix)]
    filled = [index for index, row in enumerate(rows) if row.filled]
    conditions = [rows[index].to_json() for index in filled]
    directions = {rows[i].cleaned_data["name"].strip(): rows[i].cleaned_data.get("direction") or "-" for i in filled}
    body = {
        "unit": unit,
        "cases": [int(key[1:]) for key in keys],
        "outcome": {**outcome.to_json(), "negate": bool(outcome.cleaned_data.get("negate"))}
        if outcome.filled
        else None,
        "conditions": conditions,
        "incl_cut": data["incl_cut"],
        "n_cut": data["n_cut"],
        "pri_cut": data["pri_cut"],
        "solution": data["solution"],
        "dir_exp": {name: value for name, value in directions.items() if value in DIRECTIONS and value != "-"},
    }
    return body, filled


FIELD_OF = {"name": "name", "source": "source", "calibration": "thresholds", "negate": "negate"}


def add_input_error(
    place: str, message: str, *, form: QcaForm, outcome: ConditionForm, rows: list[ConditionForm], filled: list[int]
) -> None:
    """Put a refusal of the specification on the field it names (``conditions[1].calibration``)."""
    match = re.match(r"^(outcome|conditions(?:\[(\d+)\])?|dir_exp\.(\w+)|\w+)(?:\.(\w+))?", place)
    head, index, expected, part = match.groups() if match else ("", None, None, None)
    if head == "outcome":
        outcome.add_error(FIELD_OF.get(part or ""), message)
    elif index is not None and int(index) < len(filled):
        rows[filled[int(index)]].add_error(FIELD_OF.get(part or ""), message)
    elif expected:
        row = next((rows[i] for i in filled if rows[i].cleaned_data["name"].strip() == expected), None)
        (row.add_error("direction", message) if row else form.add_error(None, message))
    elif head in ("cases", "unit", "incl_cut", "n_cut", "pri_cut", "solution", "name"):
        form.add_error(head, message)
    else:
        form.add_error(None, message)
