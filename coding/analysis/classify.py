"""Typology classifications of a region layer (docs/domain.md), each as an explanation record.

Each typology family lives in its own module; this entry runs them all in the order pages show
them. The record shape is described in ``explanation``.
"""

from __future__ import annotations

from typing import Any

from coding.analysis.club import club_like_core
from coding.analysis.constellation import actor_constellation, boundary_spanners
from coding.analysis.explanation import LayerFacts
from coding.analysis.grabher import grabher_mixes
from coding.analysis.regime import coordination_regime
from coding.analysis.structure import structure
from coding.analysis.thresholds import AnalysisSettings


def classify(facts: LayerFacts, settings: AnalysisSettings) -> list[dict[str, Any]]:
    """All classifications of docs/domain.md for one layer."""
    return [
        coordination_regime(facts, settings),
        *grabher_mixes(facts, settings),
        structure(facts, settings),
        club_like_core(facts, settings),
        actor_constellation(facts, settings),
        boundary_spanners(facts, settings),
    ]
