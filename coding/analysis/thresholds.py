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

    # Structure (Burt 2005's two-by-two, docs/structure.md). Fragmented when the largest component
    # holds less than this share of the actors seen in the wave (a convention).
    fragmented_max_largest_component_share: float = 0.5
    # "Insufficient data" below this many actors with a tie and this many connected pairs (a
    # convention: below them few graphs share the degree sequence and a 5 % test has no power).
    structure_min_actors: int = 10
    structure_min_edges: int = 15
    # Degree-preserving random networks per test (19 at least, so p can reach 0.05), the level at
    # which a side counts as above chance (the conventional 5 %), and their random seed.
    structure_null_draws: int = 200
    structure_null_alpha: float = 0.05
    structure_null_seed: int = 42
    # Layers whose snapshots run the null model: it takes seconds per level for a few hundred actors,
    # too long for all nine layers of every wave (benchmarks/null_model.py). On other layers the
    # structure record shows its figures and says it was not tested.
    structure_null_layers: tuple[str, ...] = ("all",)
    # Above this many connected pairs the null model is not run either: a random network of 5,000
    # pairs took 0.3 s on a loaded two-core machine, so 200 of them at two levels for three wave
    # selections would pass the worker's 300 s limit (benchmarks/null_model.py).
    structure_null_max_edges: int = 2000

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

    @classmethod
    def from_overrides(cls, overrides: dict[str, Any] | None) -> AnalysisSettings:
        """Defaults with ``overrides`` applied; ``ValueError`` names the first bad key."""
        known = {field.name: field for field in fields(cls)}
        values: dict[str, Any] = {}
        for key, value in (overrides or {}).items():
            if key in RETIRED_SETTINGS:
                raise ValueError(f"Analysis setting {key!r} was retired: {RETIRED_SETTINGS[key]} Remove it.")
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
        if not 19 <= self.structure_null_draws <= 5000:
            raise ValueError("Analysis setting 'structure_null_draws' must lie between 19 and 5000.")
        for key in (
            "structure_min_actors",
            "structure_min_edges",
            "structure_null_max_edges",
            "club_min_coreness",
            "club_min_members",
            "club_outcome_min_members",
        ):
            if getattr(self, key) < 1:
                raise ValueError(f"Analysis setting {key!r} must be at least 1.")
        if self.boundary_spanner_min_crossing_ties < 1:
            raise ValueError("Analysis setting 'boundary_spanner_min_crossing_ties' must be at least 1.")
        from coding.analysis.layers import LAYERS  # here: layers -> strength -> this module

        if set(self.structure_null_layers) - set(LAYERS):
            raise ValueError(f"Analysis setting 'structure_null_layers' must name layers of {', '.join(LAYERS)}.")
        unknown = set(self.club_trust_bases) - set(TRUST_BASES)
        if unknown:
            raise ValueError(f"Analysis setting 'club_trust_bases' has unknown trust bases {sorted(unknown)}.")


# Settings of earlier rules (issue 19): a stored or imported override of one is refused with what
# replaced it; migration cases/0008_levels_structure_retire_structure_settings removes them from
# stored studies.
_TWO_BY_TWO = "structure is now Burt's two-by-two against degree-preserving random networks (structure_null_alpha)."
RETIRED_SETTINGS: dict[str, str] = {
    "closure_min_mean_constraint": _TWO_BY_TWO,
    "closure_min_transitivity": _TWO_BY_TWO,
    "broker_max_constraint": _TWO_BY_TWO,
    "brokerage_min_broker_share": _TWO_BY_TWO,
}
_FRACTIONS = (
    "strong_tie_cutoff",
    "regime_dominance_share",
    "regime_tension_min_share",
    "fragmented_max_largest_component_share",
    "structure_null_alpha",
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
