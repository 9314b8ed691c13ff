"""A hand-built study of four regions for QCA, every input chosen so the tests can compute by hand.

| region   | gdp_growth | association | density (all ties) | structure | interviews coded "Trust" (passages) |
|----------|-----------:|-------------|-------------------:|-----------|-------------------------------------|
| Aachen   | 1.0        | yes         | 0.50               | brokerage | 2 of 2 (3)                          |
| Bremen   | 3.0        | no          | 0.20               | closure   | 0 of 2 (0)                          |
| Chemnitz | 2.0        | yes         | 0.40               | brokerage | 1 of 2 (1)                          |
| Dresden  | 4.0        | no          | 0.10               | closure   | 1 of 2 (2)                          |

The network figures and classifications are stored as the worker stores a snapshot (status ok, of
the region's current input version), so they are inputs here, not results of our analysis code.
"""

from __future__ import annotations

import pytest

from coding.variables.services import values_set, variable_create
from coding.worker.models import AnalysisSnapshot, RegionAnalysisState, SnapshotStatus
from tests import factories

TABLE = {
    "Aachen": (1.0, True, 0.50, "brokerage", (2, 1)),
    "Bremen": (3.0, False, 0.20, "closure", (0, 0)),
    "Chemnitz": (2.0, True, 0.40, "brokerage", (1, 0)),
    "Dresden": (4.0, False, 0.10, "closure", (2, 0)),
}


def store_snapshot(region, *, density: float, structure: str, layer: str = "all", wave=None) -> AnalysisSnapshot:
    state = RegionAnalysisState.objects.get(region=region)
    RegionAnalysisState.objects.filter(region=region).update(computed_version=state.version, enqueued_at=None)
    result = {
        "metrics": {"density": density, "ei_actor_type": {"index": -0.5}},
        "classifications": [{"name": "structure", "label": structure, "reason": "set by the test"}],
    }
    snapshot, _ = AnalysisSnapshot.objects.update_or_create(
        region=region,
        wave=wave,
        layer=layer,
        defaults={"status": SnapshotStatus.OK, "input_version": state.version, "result": result},
    )
    return snapshot


def add_region(study, name, trust, coder, gdp, association, density, structure, passages):
    region = factories.RegionFactory(study=study, name=name)
    first, second = (factories.InterviewFactory(region=region, title=f"{name} {i}") for i in (1, 2))
    for interview, count in zip((first, second), passages, strict=True):
        for i in range(count):
            factories.CodingFactory(interview=interview, code=trust, coder=coder, start=10 * i, length=8)
    return region


@pytest.fixture
def qca_study(study, alice):
    trust = factories.CodeFactory(scheme=study.coding_scheme, name="Trust")
    gdp = variable_create(study=study, target="region", name="gdp_growth", label="GDP growth", type="numeric")
    association = variable_create(study=study, target="region", name="association", label="Association", type="boolean")
    regions = {}
    for name, (growth, member, density, structure, passages) in TABLE.items():
        regions[name] = add_region(study, name, trust, alice, growth, member, density, structure, passages)
    values_set(variable=gdp, values={regions[n].pk: TABLE[n][0] for n in TABLE})
    values_set(variable=association, values={regions[n].pk: TABLE[n][1] for n in TABLE})
    # Codings mark the regions stale; the snapshots above stand for the current data.
    for region in regions.values():
        store_snapshot(region, density=TABLE[region.name][2], structure=TABLE[region.name][3])
    return {"study": study, "regions": regions, "trust": trust, "gdp": gdp, "association": association}


def spec(qca_study, **changes):
    """GROWTH (gdp_growth ≥ 2.5) by ASSOC (association, as recorded) and DENSE (density ≥ 0.3)."""
    regions = qca_study["regions"]
    body = {
        "unit": "region",
        "cases": [regions[name].pk for name in TABLE],
        "outcome": {
            "name": "GROWTH",
            "source": {"kind": "variable", "target": "region", "name": "gdp_growth"},
            "calibration": {"method": "crisp", "thresholds": [2.5]},
        },
        "conditions": [
            {
                "name": "ASSOC",
                "source": {"kind": "variable", "target": "region", "name": "association"},
                "calibration": {"method": "direct"},
            },
            {
                "name": "DENSE",
                "source": {"kind": "metric", "layer": "all", "figure": "density"},
                "calibration": {"method": "crisp", "thresholds": [0.3]},
            },
        ],
        "incl_cut": 0.8,
        "n_cut": 1,
        "solution": "parsimonious",
    }
    body.update(changes)
    return body
