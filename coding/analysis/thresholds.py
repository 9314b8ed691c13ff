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
    """All tunable figures of one study's analysis. Shares and densities are fractions 0..1.

    Every default says where it comes from: a source, the definition of the index it is compared
    with, or — plainly — "convention": a cut-off no literature fixes, to be set per study and
    reported with the results (docs/classifications/, glossary ``SETTINGS``). Fixed cut-offs are not
    comparable across networks of different size and density (Anderson, Butts & Carley 1999), so
    every record shows its continuous indices before its label.
    """

    # Granovetter (1973) weights of time, emotional intensity, intimacy and reciprocal services:
    # he calls strength "a (probably linear) combination" and gives no weights, so all four weigh
    # alike. Marsden & Campbell (1984) found closeness (emotional intensity) the best indicator and
    # time (frequency, duration) confounded by context; the defaults stay equal because their
    # loadings are for survey items on personal ties, not for coders' 0-4 ratings, and changing
    # them would silently move every stored strong/weak figure. A study may raise
    # ``weight_emotional_intensity`` (e.g. to 2) and compare (docs/domain.md §2.1).
    weight_time: float = 1.0
    weight_emotional_intensity: float = 1.0
    weight_intimacy: float = 1.0
    weight_reciprocal_services: float = 1.0
    # Convention: the middle of the 0..1 scale (a mean rating of 2 of 4 is strong).
    strong_tie_cutoff: float = 0.5

    # Coordination regime (source article §3.2, §4). Convention: a side dominates at half of the
    # mode-coded ties while the other stays below a quarter; both at a quarter or more is tension.
    regime_dominance_share: float = 0.5
    regime_tension_min_share: float = 0.25
    # Article §3.2: rivalry "thematisiert ... Konfrontationen", so conflict joins the rival side.
    regime_conflict_counts_as_rivalry: bool = True
    # Convention: below this many mode-coded ties (between organisations) no regime is named.
    regime_min_coded_ties: int = 5

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

    # Club-like core (Steinle & Schiele 2002; Capello 1999; Borgatti & Everett 1999).
    # Convention: the smallest group that is more than a dyad (Simmel's triad).
    club_min_members: int = 3
    # Convention: Borgatti & Everett give no cut-off for the correlation of the observed trusted
    # ties with the ideal core/periphery pattern; 0.5 is a "large" correlation (Cohen 1988).
    club_min_core_fit: float = 0.5
    # From the E-I index's definition (Krackhardt & Stern 1988): below 0 the core has more
    # internal than external trusted ties, i.e. it is closed.
    club_max_core_ei: float = 0.0
    # Capello (1999: 356) "No rivalry exists for its use by agents belonging to the club": no
    # rivalry tie among core members.
    club_max_core_rivalry_share: float = 0.0
    # Convention: an outcome belongs to the core when at least two core members produced it.
    club_outcome_min_members: int = 2
    # Beckert's (2002) four strategies and network information (gossip, reputation; Burt) are
    # personal trust; institutional trust and "none" are not (source article §3.2).
    club_trust_bases: tuple[str, ...] = (
        "commitment",
        "expectation_congruence",
        "competence",
        "integrity",
        "network_information",
    )

    # Industrial district (Markusen 1996; article §2): judged among firms only. Conventions: the
    # district is "dominated by small firms" at 60 % SMEs among firms of known size, and its
    # "substantial intra-district trade" when a majority (more than half) of the firm-firm
    # exchange pairs join two SMEs.
    district_min_sme_share: float = 0.6
    district_sme_tie_share_above: float = 0.5

    # Grabher mix. Conventions: a type is part of the mix at a fifth of the typed ties; below five
    # typed ties no mix is named (one tie is not a mix).
    grabher_mix_min_share: float = 0.2
    grabher_min_typed_ties: int = 5

    # Boundary spanners (article §3.1, Hirsch-Kreinsen 2002): from the definition, spanning needs
    # at least two institutional spheres.
    boundary_spanner_min_spheres: int = 2

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
    # Each resample tests the structure against this many random networks instead of
    # ``structure_null_draws`` (39: p in steps of 1/40, so a side can still reach 0.05; time: the
    # null model is most of a resample's cost, benchmarks/stability.py), and the resampling stops
    # after ``stability_max_seconds`` with the runs done so far (the sentence says how many), so a
    # large region's checks end inside the worker's time limit.
    stability_null_draws: int = 39
    stability_max_seconds: float = 200.0
    # A label is tentative when fewer than this share of the actors deciding it were interviewed
    # (Kossinets 2006): a convention to be set per study, the literature gives no cut-off.
    tentative_min_interviewed_share: float = 0.5

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
        for key in _COUNTS:
            if getattr(self, key) < 1:
                raise ValueError(f"Analysis setting {key!r} must be at least 1.")
        if not -1.0 <= self.club_max_core_ei <= 1.0:
            raise ValueError("Analysis setting 'club_max_core_ei' must lie between -1 and 1.")
        _validate_stability(self)
        from coding.analysis.layers import LAYERS  # here: layers -> strength -> this module

        if set(self.structure_null_layers) - set(LAYERS):
            raise ValueError(f"Analysis setting 'structure_null_layers' must name layers of {', '.join(LAYERS)}.")
        unknown = set(self.club_trust_bases) - set(TRUST_BASES)
        if unknown:
            raise ValueError(f"Analysis setting 'club_trust_bases' has unknown trust bases {sorted(unknown)}.")


def _validate_stability(settings: AnalysisSettings) -> None:
    if not 19 <= settings.stability_null_draws <= 5000:
        raise ValueError("Analysis setting 'stability_null_draws' must lie between 19 and 5000.")
    if not 1 <= settings.stability_max_seconds <= 3600:
        raise ValueError("Analysis setting 'stability_max_seconds' must lie between 1 and 3600.")
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
    "structure_null_alpha",
    "club_min_core_fit",
    "club_max_core_rivalry_share",
    "district_min_sme_share",
    "district_sme_tie_share_above",
    "grabher_mix_min_share",
)
_COUNTS = (
    "regime_min_coded_ties",
    "structure_min_actors",
    "structure_min_edges",
    "structure_null_max_edges",
    "club_min_members",
    "club_outcome_min_members",
    "grabher_min_typed_ties",
    "boundary_spanner_min_spheres",
)

# Settings of earlier rules (issue 19): a stored or imported override of one is refused with what
# replaced it; migration cases/0008 removes them from stored studies.
_TWO_BY_TWO = "structure is now Burt's two-by-two against degree-preserving random networks (structure_null_alpha)."
RETIRED_SETTINGS: dict[str, str] = {
    "closure_min_mean_constraint": _TWO_BY_TWO,
    "closure_min_transitivity": _TWO_BY_TWO,
    "broker_max_constraint": _TWO_BY_TWO,
    "brokerage_min_broker_share": _TWO_BY_TWO,
    "club_min_coreness": "the club-like core is now the best core/periphery partition (club_min_core_fit).",
    "club_min_density": "the club-like core is now the best core/periphery partition (club_min_core_fit).",
    "club_max_external_share": "the core's closure is now its E-I index (club_max_core_ei).",
    "district_max_blau": "the district is judged among firms by size band (district_sme_tie_share_above).",
    "district_sme_types": "SMEs are now firms of size band micro, small or medium.",
    "boundary_spanner_min_crossing_ties": "spanners now need two spheres and a brokerage role "
    "(boundary_spanner_min_spheres).",
}


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
