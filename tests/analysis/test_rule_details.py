"""Details of the rules that are easy to get wrong: a strength exactly at the cut-off, the regime
when one side dominates, uncoded fields as evidence, counting crossing ties, the reason's wording,
and the convention of the structural-hole measures."""

from __future__ import annotations

import networkx as nx
import pytest

from coding.analysis import glossary
from coding.analysis.grabher import grabher_type
from coding.analysis.inputs import Tie, TieRatings
from coding.analysis.message import render
from coding.analysis.metrics import tie_shares
from coding.analysis.strength import strength_class, tie_strength
from coding.analysis.thresholds import AnalysisSettings
from tests.analysis.helpers import by_id, derive, org


def _record(result: dict, name: str) -> dict:
    (record,) = [record for record in result["classifications"] if record["name"] == name]
    return record


def _tie(tie_id: int, source: int, target: int, *modes: str, **fields: object) -> Tie:
    return Tie(id=tie_id, source=source, target=target, modes=frozenset(modes), **fields)


# --- strong/weak at the cut-off is decided by floating-point noise -------------------------


def test_a_tie_exactly_at_the_cut_off_is_strong_with_non_default_weights() -> None:
    # weights 0.1/0.2/0.3/0.4, ratings time 0, emotion 0, intimacy 4, services unrated:
    # (0.1·0 + 0.2·0 + 0.3·1) / (0.1 + 0.2 + 0.3) = 0.3 / 0.6 = 0.5 exactly -> strong (DOMAIN §2.1,
    # thresholds.py: "A tie with strength >= cut-off is strong").
    settings = AnalysisSettings(
        weight_time=0.1, weight_emotional_intensity=0.2, weight_intimacy=0.3, weight_reciprocal_services=0.4
    )
    ratings = TieRatings(time=0, emotional_intensity=0, intimacy=4)
    strength = tie_strength(ratings, settings.tie_strength_weights)
    assert strength == pytest.approx(0.5)
    assert strength_class(strength, settings.strong_tie_cutoff) == "strong"
    # and so in the region figures
    ties = [Tie(id=1, source=1, target=2, ratings=ratings)]
    shares = tie_shares(ties, {1: strength}, settings.strong_tie_cutoff)
    assert shares["strong_tie_share"] == 1.0


# --- coordination regime label contradicts its own rule when dominance < tension ------------


def test_regime_is_not_cooperation_dominated_when_rivalry_holds_three_quarters() -> None:
    # thresholds.py: a side dominates when its share is >= dominance "while the other side stays
    # below regime_tension_min_share". Here cooperation 25 %, rivalry 75 %.
    settings = AnalysisSettings(regime_dominance_share=0.2, regime_tension_min_share=0.3, regime_min_coded_ties=1)
    actors = [org(i) for i in range(1, 6)]
    ties = [
        _tie(1, 1, 2, "cooperation"),
        _tie(2, 2, 3, "rivalry"),
        _tie(3, 3, 4, "rivalry"),
        _tie(4, 4, 5, "competition"),
    ]
    record = _record(derive(actors, ties, settings=settings), "coordination_regime")
    assert record["figures"]["cooperation_share"] == 0.25
    assert record["figures"]["rival_side_share"] == 0.75  # issue 19: modes apart, the rival side named so
    assert record["label"] == "rivalry_dominated"


# --- uncoded fields count as evidence for a Grabher type -----------------------------------


def test_a_media_tie_without_a_coded_trust_basis_is_not_connectivity() -> None:
    # Connectivity "rests on professional norms, neither personal trust nor reputation" (DOMAIN
    # §2.4); trust_basis "" means the coder did not code it, not "none".
    tie = Tie(id=1, source=1, target=2, channel="email", trust_basis="")
    assert grabher_type(tie, None, 0.5) is None
    # the coded values do qualify, on an exchange (cooperation) tie (issue 19)
    coded = Tie(id=2, source=1, target=2, modes=frozenset({"cooperation"}), channel="email", trust_basis="none")
    assert grabher_type(coded, None, 0.5) == "connectivity"


def test_a_weak_tie_with_an_uncoded_channel_is_not_sociality() -> None:
    # Sociality: weak, fleeting ties "met in person (not through media)" (grabher.py docstring);
    # channel "" means the channel was not coded, so "in person" is not evidenced.
    tie = Tie(id=1, source=1, target=2, channel="", duration="fleeting")
    assert grabher_type(tie, 0.25, 0.5) is None


# --- regime reason names the rival side wrongly when conflict counts ------------------------


def test_regime_reason_names_conflict_when_it_counts_as_rivalry() -> None:
    actors = [org(i) for i in range(1, 4)]
    ties = [_tie(1, 1, 2, "cooperation"), _tie(2, 2, 3, "conflict")]
    record = _record(derive(actors, ties, settings=AnalysisSettings(regime_min_coded_ties=1)), "coordination_regime")
    assert record["figures"]["rival_side_share"] == 0.5  # the conflict tie is on the rival side
    assert "conflict" in render(record["reason"])


# --- Burt's constraint ignores tie direction (mutual = one-way) ----------------------------


def test_constraint_follows_the_documented_undirected_projection() -> None:
    """Mutual and one-way ties weigh alike (graph.py, glossary): Burt's directed weighting is not used,
    so the figures agree with the undirected reference values of docs/domain.md"""
    actors = [org(i) for i in range(1, 5)]
    ties = [Tie(id=1, source=1, target=2, directed=False), Tie(id=2, source=1, target=3, directed=True),
            Tie(id=3, source=3, target=2, directed=True), Tie(id=4, source=1, target=4, directed=True)]  # fmt: skip
    rows = by_id(derive(actors, ties))
    projection = nx.Graph([(1, 2), (1, 3), (3, 2), (1, 4)])
    assert rows[1]["constraint"] == pytest.approx(nx.constraint(projection)[1])
    assert "undirected projection" in glossary.ACTOR_COLUMNS["constraint"].meaning
