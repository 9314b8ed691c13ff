"""Study settings of the analysis: tie-strength weights, the strong/weak cut-off and every
typology threshold (docs/domain.md), with documented defaults.

The Django side stores only the overrides as JSON and rebuilds the settings with
``AnalysisSettings.from_overrides``; ``as_dict`` gives the full set that a result was computed with.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, fields
from typing import Any

TRUST_BASES = (
    "commitment",
    "expectation_congruence",
    "competence",
    "integrity",
    "network_information",
    "institutional",
    "none",
)


@dataclass(frozen=True)
class AnalysisSettings:
    """All tunable figures of one study's analysis. Shares and densities are fractions 0..1."""

    # Granovetter weights of (time, emotional_intensity, intimacy, reciprocal_services).
    weight_time: float = 1.0
    weight_emotional_intensity: float = 1.0
    weight_intimacy: float = 1.0
    weight_reciprocal_services: float = 1.0
    # A tie with strength >= cut-off is strong, below it weak; unrated ties are neither.
    strong_tie_cutoff: float = 0.5

    # Coordination regime: a side "dominates" when its share of mode-coded ties is at least
    # ``regime_dominance_share`` while the other side stays below ``regime_tension_min_share``;
    # when both sides reach ``regime_tension_min_share`` the region is in tension.
    regime_dominance_share: float = 0.5
    regime_tension_min_share: float = 0.25
    # Whether confrontation/conflict counts on the rivalry/competition side of the regime.
    regime_conflict_counts_as_rivalry: bool = True

    # Structure (Burt): fragmented when the largest component holds less than this share of actors.
    fragmented_max_largest_component_share: float = 0.5
    # Closure: mean constraint of connected actors and global transitivity at least these.
    closure_min_mean_constraint: float = 0.4
    closure_min_transitivity: float = 0.3
    # Brokers: connected actors with constraint at most this and at least one local bridge.
    broker_max_constraint: float = 0.3
    # Brokerage when at least this share of connected actors are brokers.
    brokerage_min_broker_share: float = 0.05
    # Below this number of actors the structure is not classified.
    structure_min_actors: int = 3

    # Club-like core: k-core of cooperative ties with a trust basis.
    club_min_coreness: int = 2
    club_min_members: int = 3
    club_min_density: float = 0.5
    club_max_external_share: float = 0.3
    # An outcome belongs to the core when at least this many core members contributed.
    club_outcome_min_members: int = 2
    # Trust bases that make a cooperative tie "trusted" (personal trust and reputation).
    club_trust_bases: tuple[str, ...] = (
        "commitment",
        "expectation_congruence",
        "competence",
        "integrity",
        "network_information",
    )

    # Actor constellation: industrial-district-like when organisation types are homogeneous
    # (Blau index at most ``district_max_blau``) and SMEs make up at least ``district_min_sme_share``.
    district_max_blau: float = 0.5
    district_min_sme_share: float = 0.6
    district_sme_types: tuple[str, ...] = ("firm_sme",)

    # Grabher mix: a sociality type is part of the mix when it holds at least this share of the
    # classified ties; with two or more such types the region (or community) is a mixture.
    grabher_mix_min_share: float = 0.2

    # Boundary spanners: persons with at least this many ties that cross types or the region.
    boundary_spanner_min_crossing_ties: int = 1

    # Community detection (Leiden, modularity) seed: same input, same communities.
    community_seed: int = 42

    # Stability of every label (docs/stability.md): the worker re-derives each all-waves layer
    # ``stability_runs`` times, each run without a random ``stability_drop_share`` of the layer's
    # ties (rounded up), from a generator seeded with ``stability_seed``: same data, same shares.
    # 500 runs put a kept share within ±4.4 percentage points at most (95 %); 10 % is the drop share
    # the issue measured with, a convention to be set per study.
    stability_runs: int = 500
    stability_drop_share: float = 0.1
    stability_seed: int = 2006
    # A label is tentative when fewer than this share of the actors deciding it were interviewed
    # (Kossinets 2006): a convention to be set per study, the literature gives no cut-off.
    tentative_min_interviewed_share: float = 0.5

    @classmethod
    def from_overrides(cls, overrides: dict[str, Any] | None) -> AnalysisSettings:
        """Defaults with ``overrides`` applied; ``ValueError`` names the first bad key."""
        known = {field.name: field for field in fields(cls)}
        values: dict[str, Any] = {}
        for key, value in (overrides or {}).items():
            if key not in known:
                raise ValueError(f"Unknown analysis setting {key!r}.")
            values[key] = _coerce(key, getattr(cls, key), value)
        settings = cls(**values)
        settings.validate()
        return settings

    def as_dict(self) -> dict[str, Any]:
        """All settings as JSON-ready values (tuples become lists)."""
        return {key: list(value) if isinstance(value, tuple) else value for key, value in asdict(self).items()}

    @property
    def tie_strength_weights(self) -> tuple[float, float, float, float]:
        return (
            self.weight_time,
            self.weight_emotional_intensity,
            self.weight_intimacy,
            self.weight_reciprocal_services,
        )

    def validate(self) -> None:
        """Range checks; ``ValueError`` names the offending key."""
        for key in _FRACTIONS:
            if not 0.0 <= getattr(self, key) <= 1.0:
                raise ValueError(f"Analysis setting {key!r} must lie between 0 and 1.")
        for key in ("weight_time", "weight_emotional_intensity", "weight_intimacy", "weight_reciprocal_services"):
            if getattr(self, key) < 0:
                raise ValueError(f"Analysis setting {key!r} must not be negative.")
        if sum(self.tie_strength_weights) <= 0:
            raise ValueError("Analysis setting 'weight_time' etc.: at least one weight must be positive.")
        for key in ("structure_min_actors", "club_min_coreness", "club_min_members", "club_outcome_min_members"):
            if getattr(self, key) < 1:
                raise ValueError(f"Analysis setting {key!r} must be at least 1.")
        if self.boundary_spanner_min_crossing_ties < 1:
            raise ValueError("Analysis setting 'boundary_spanner_min_crossing_ties' must be at least 1.")
        _validate_stability(self)
        unknown = set(self.club_trust_bases) - set(TRUST_BASES)
        if unknown:
            raise ValueError(f"Analysis setting 'club_trust_bases' has unknown trust bases {sorted(unknown)}.")


def _validate_stability(settings: AnalysisSettings) -> None:
    if not 1 <= settings.stability_runs <= MAX_STABILITY_RUNS:
        raise ValueError(f"Analysis setting 'stability_runs' must lie between 1 and {MAX_STABILITY_RUNS}.")
    for key in ("stability_drop_share", "tentative_min_interviewed_share"):
        if not 0.0 <= getattr(settings, key) <= 1.0:
            raise ValueError(f"Analysis setting {key!r} must lie between 0 and 1.")


# More runs would outlast the worker's time limit on a region of a few hundred actors.
MAX_STABILITY_RUNS = 10_000

_FRACTIONS = (
    "strong_tie_cutoff",
    "regime_dominance_share",
    "regime_tension_min_share",
    "fragmented_max_largest_component_share",
    "closure_min_mean_constraint",
    "closure_min_transitivity",
    "broker_max_constraint",
    "brokerage_min_broker_share",
    "club_min_density",
    "club_max_external_share",
    "district_max_blau",
    "district_min_sme_share",
    "grabher_mix_min_share",
)


def _coerce(key: str, default: Any, value: Any) -> Any:
    """``value`` converted to the type of ``default``; bools and strings are not numbers here."""
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise ValueError(f"Analysis setting {key!r} must be true or false.")
        return value
    if isinstance(default, int):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"Analysis setting {key!r} must be an integer.")
        return value
    if isinstance(default, float):
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            raise ValueError(f"Analysis setting {key!r} must be a finite number.")
        return float(value)
    if not isinstance(value, list | tuple) or not all(isinstance(item, str) for item in value):
        raise ValueError(f"Analysis setting {key!r} must be a list of strings.")
    return tuple(value)
