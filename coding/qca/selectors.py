"""Reads of QCA: the case data of a specification, its fingerprint, and the study's saved models.

``case_inputs`` reads everything a specification can draw on in a fixed number of queries however
many regions, waves or conditions there are: the cases, the study's variables and their values
for those records, the stored analysis results of the layers named, and the code counts.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlencode

from django.db.models import Q
from django.db.models.fields.json import KeyTransform
from django.urls import reverse
from django.utils.translation import gettext, gettext_noop

from cases.models import Region, Study, Wave
from coding.analysis.glossary import CLASSIFICATION_LABELS, CLASSIFICATIONS
from coding.analysis.message import message
from coding.comparison.rows import GRAPH_METRICS
from coding.qca.casedata import Case, CaseRow, CodeCell, Inputs, Raw, build_table, source_label
from coding.qca.models import QcaModel
from coding.qca.spec import Spec, SpecError
from coding.variables import values as pure
from coding.variables.fixed import FIXED
from coding.variables.selectors import record_values, study_variables
from coding.workbench import selectors as workbench
from coding.worker.models import AnalysisSnapshot, RegionAnalysisState, effective_status


class PageLinks:
    """The evidence pages of case values (``coding.qca.casedata.Links``)."""

    def __init__(self, study_id: int) -> None:
        self.retrieval_base = reverse("coding:retrieval", args=[study_id])

    def variable(self, target: str, record_id: int, region_id: int, name: str) -> str:
        anchor = f"variable-{name}" if target == "region" else f"wave-{record_id}"
        return reverse("cases:region-detail", args=[region_id]) + f"#{anchor}"

    def analysis(self, region_id: int, wave_id: int | None, layer: str, anchor: str) -> str:
        query = {"layer": layer, **({"wave": wave_id} if wave_id else {})}
        return reverse("analysis:region", args=[region_id]) + f"?{urlencode(query)}#{anchor}"

    def retrieval(self, code_id: int, region_id: int, wave_id: int | None) -> str:
        query = {"code": code_id, "region": region_id, **({"wave": wave_id} if wave_id else {})}
        return f"{self.retrieval_base}?{urlencode(query)}"


def study_cases(study: Study, unit: str) -> list[Case]:
    """Every case of the study for ``unit``: its regions, or the waves of its regions. One query."""
    if unit == "region":
        return [Case(f"r{region.pk}", region.name, region.pk) for region in study.regions.order_by("name", "pk")]
    waves = Wave.objects.filter(region__study=study).select_related("region").order_by("region__name", "start", "pk")
    return _unique_labels([Case(f"w{w.pk}", f"{w.region.name} {w.label}", w.region_id, w.pk) for w in waves])


def _unique_labels(cases: list[Case]) -> list[Case]:
    seen: set[str] = set()
    unique = []
    for case in cases:
        label = case.label if case.label not in seen else f"{case.label} ({case.key})"
        seen.add(label)
        unique.append(Case(case.key, label, case.region_id, case.wave_id))
    return unique


def chosen_cases(study: Study, spec: Spec) -> list[Case]:
    """The specification's cases in its order; an id outside the study is a ``SpecError`` naming it."""
    by_id = {case.wave_id if spec.unit == "wave" else case.region_id: case for case in study_cases(study, spec.unit)}
    for i, record_id in enumerate(spec.cases):
        if record_id not in by_id:
            raise SpecError(
                f"cases[{i}]", message("no {unit} {record_id} in this study.", unit=str(spec.unit), record_id=record_id)
            )
    return [by_id[record_id] for record_id in spec.cases]


def case_inputs(study: Study, spec: Spec, cases: Sequence[Case]) -> Inputs:
    """Everything the conditions of ``spec`` read for ``cases``: at most nine queries."""
    region_ids = sorted({case.region_id for case in cases})
    wave_ids = sorted({case.wave_id for case in cases if case.wave_id is not None})
    sources = [condition.source for condition in (spec.outcome, *spec.conditions)]
    variables = study_variables(study)
    attributes = {
        (item.target, item.name): (item.label, item.type) for target in ("region", "wave") for item in FIXED[target]
    }
    attributes |= {(v.target, v.name): (v.label or v.name, v.type) for v in variables if v.target in ("region", "wave")}
    inputs = Inputs(cases=cases, attributes=attributes)
    region_values = _fixed_region_values(region_ids)
    for region_id, named in record_values([v for v in variables if v.target == "region"], region_ids).items():
        region_values.setdefault(region_id, {}).update({k: _raw(value) for k, value in named.items()})
    wave_values: dict[int, dict[str, Raw]] = {}
    if wave_ids:
        wave_values = _fixed_wave_values(wave_ids)
        for wave_id, named in record_values([v for v in variables if v.target == "wave"], wave_ids).items():
            wave_values.setdefault(wave_id, {}).update({k: _raw(value) for k, value in named.items()})
    layers = sorted({source.layer for source in sources if source.kind in ("metric", "classification")})
    snapshots, statuses = _snapshots(cases, layers) if layers else ({}, {})
    code_ids = {source.code for source in sources if source.kind == "code"}
    code_cells, code_names = _code_cells(study, cases, code_ids) if code_ids else ({}, {})
    return Inputs(
        cases=cases,
        region_values={key: {k: _raw(v) for k, v in named.items()} for key, named in region_values.items()},
        wave_values=wave_values,
        attributes=inputs.attributes,
        snapshots=snapshots,
        snapshot_status=statuses,
        code_cells=code_cells,
        code_names=code_names,
    )


def _raw(value: object) -> Raw:
    if isinstance(value, str | float | bool):
        return value
    if isinstance(value, int):
        return float(value)
    return pure.format_value(value) if value is not None else ""  # type: ignore[arg-type]


def _fixed_region_values(region_ids: Sequence[int]) -> dict[int, dict[str, Raw]]:
    names = [attribute.name for attribute in FIXED["region"]]
    rows = Region.objects.filter(pk__in=region_ids).values("pk", *names)
    return {row.pop("pk"): {key: value for key, value in row.items() if value not in (None, "")} for row in rows}


def _fixed_wave_values(wave_ids: Sequence[int]) -> dict[int, dict[str, Raw]]:
    names = [attribute.name for attribute in FIXED["wave"]]
    rows = Wave.objects.filter(pk__in=wave_ids).values("pk", *names)
    return {row.pop("pk"): {key: _raw(value) for key, value in row.items() if value not in (None, "")} for row in rows}


SnapshotKey = tuple[int, int | None, str]


def _snapshots(cases: Sequence[Case], layers: Sequence[str]) -> tuple[dict[SnapshotKey, dict], dict[SnapshotKey, str]]:
    """The stored results (metrics and classifications only) of the cases on ``layers``: two queries."""
    all_waves = [case.region_id for case in cases if case.wave_id is None]
    wave_ids = [case.wave_id for case in cases if case.wave_id is not None]
    rows = (
        AnalysisSnapshot.objects.filter(
            Q(region_id__in=all_waves, wave__isnull=True) | Q(wave_id__in=wave_ids), layer__in=layers
        )
        .only("region_id", "wave_id", "layer", "status", "input_version", "started_at")
        .annotate(
            part_metrics=KeyTransform("metrics", "result"),
            part_classifications=KeyTransform("classifications", "result"),
        )
    )
    states = {s.region_id: s for s in RegionAnalysisState.objects.filter(region_id__in={c.region_id for c in cases})}
    snapshots: dict[SnapshotKey, dict] = {}
    statuses: dict[SnapshotKey, str] = {}
    for row in rows:
        key = (row.region_id, row.wave_id, row.layer)
        snapshots[key] = {"metrics": row.part_metrics, "classifications": row.part_classifications}
        statuses[key] = effective_status(row, states.get(row.region_id))
    return snapshots, statuses


def _code_cells(
    study: Study, cases: Sequence[Case], code_ids: set[int]
) -> tuple[dict[tuple[int, int, int | None], CodeCell], dict[int, str]]:
    """Passages and coded interviews per code (with its sub-codes) and case: three queries."""
    codes = workbench.scheme_codes(study)
    columns = [workbench.MatrixColumn(c.region_id, c.label, "", c.wave_id) for c in cases]
    cells: dict[tuple[int, int, int | None], CodeCell] = {}
    for row in workbench.code_matrix(codes, columns):
        code = row["node"].code
        if code.pk in code_ids:
            for case, cell in zip(cases, row["cells"], strict=True):
                cells[(code.pk, case.region_id, case.wave_id)] = CodeCell(
                    cell.count, cell.coded_interviews, cell.interviews
                )
    return cells, {code.pk: code.name for code in codes}


def case_table(study: Study, spec: Spec) -> list[CaseRow]:
    """The raw data table of ``spec`` with every value's source; ``SpecError`` for unusable sources."""
    return case_table_and_sources(study, spec)[0]


def case_table_and_sources(study: Study, spec: Spec) -> tuple[list[CaseRow], dict[str, Any]]:
    """The raw data table and what each condition reads, as the page names it."""
    cases = chosen_cases(study, spec)
    inputs = case_inputs(study, spec, cases)
    rows = build_table(spec, inputs, PageLinks(study.pk))
    conditions = (spec.outcome, *spec.conditions)
    return rows, {condition.name: source_label(condition.source, inputs).as_json() for condition in conditions}


def fingerprint(spec: Spec, rows: Sequence[CaseRow]) -> str:
    """What a result was computed from: the specification and every raw value of every case.

    Any change of a variable value, a stored analysis figure, a coding that moves a share, a
    renamed case or an edited specification changes it; edits elsewhere do not.
    """
    data = {
        "spec": spec.as_json(),
        "rows": [
            [row.case.key, row.case.label, {name: value.text for name, value in row.values.items()}] for row in rows
        ],
    }
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def study_models(study: Study) -> list[QcaModel]:
    """The study's saved QCA models, newest first, without their results. One query."""
    return list(QcaModel.objects.filter(study=study).defer("result").order_by("-updated_at", "pk"))


# What each classification can conclude (``coding.analysis``; "undetermined" is a missing value).
CLASSIFICATION_OUTCOMES: dict[str, tuple[str, ...]] = {
    "coordination_regime": ("cooperation_dominated", "rivalry_dominated", "tension"),
    "grabher_mix": ("communality", "sociality", "connectivity", "mixture"),
    "structure": ("closure", "brokerage", "closure_and_brokerage", "fragmented"),
    "club_like_core": ("club_like_core", "no_club_like_core"),
    "actor_constellation": ("industrial_district_like", "heterogeneous_cluster"),
    "boundary_spanners": ("boundary_spanners", "no_boundary_spanners"),
}
MEASURE_LABELS = {
    "share": gettext_noop("share of interviews"),
    "per_interview": gettext_noop("passages per interview"),
    "count": gettext_noop("passages"),
}


def source_choices(study: Study) -> list[tuple[str, list[tuple[str, str]]]]:
    """Every source a condition can read, grouped as the form's select shows them: two queries."""
    variables = [v for v in study_variables(study) if v.target in ("region", "wave")]
    groups: list[tuple[str, list[tuple[str, str]]]] = []
    titles = (("region", gettext("Region variables")), ("wave", gettext("Wave variables (cases: region × wave)")))
    for target, title in titles:
        options = [
            (f"var:{target}:{item.name}", gettext("%(label)s (fixed)") % {"label": gettext(item.label)})
            for item in FIXED[target]
        ]
        options += [(f"var:{target}:{v.name}", v.label or v.name) for v in variables if v.target == target]
        groups.append((title, options))
    groups.append(
        (
            gettext("Network figures (choose the layer)"),
            [(f"metric:{path}", path.replace("_", " ")) for path, _ in GRAPH_METRICS],
        )
    )
    classes = [
        (
            f"class:{name}:{label}",
            gettext("%(classification)s is %(label)s (0/1)")
            % {
                "classification": gettext(CLASSIFICATIONS[name].label),
                "label": gettext(CLASSIFICATION_LABELS.get(label, label)),
            },
        )
        for name, labels in CLASSIFICATION_OUTCOMES.items()
        for label in labels
    ]
    groups.append((gettext("Typology (choose the layer)"), classes))
    codes = workbench.scheme_codes(study)
    groups.append(
        (
            gettext("Codes"),
            [
                (f"code:{code.pk}:{m}", f"{code.name}: {gettext(label)}")
                for code in codes
                for m, label in MEASURE_LABELS.items()
            ],
        )
    )
    return groups


def all_cases(study: Study) -> list[Case]:
    """Regions and waves of the study, the choices of the page's case list: two queries."""
    return [*study_cases(study, "region"), *study_cases(study, "wave")]
