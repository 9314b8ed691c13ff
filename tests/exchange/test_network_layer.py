"""The edges of a layer as the network files carry them, on a hand-built region (no database):
one undirected edge per pair, direction kept in ``mutual``/``arc_from``, the highest strength."""

from __future__ import annotations

from coding.analysis.inputs import ActorNode, Tie, TieRatings
from coding.analysis.thresholds import AnalysisSettings
from coding.exchange.network.layer import layer_edges

ACTORS = [ActorNode(id=i, name=f"Actor {i}", kind="organisation", org_type="firm_sme") for i in (1, 2, 3, 4)]
TIES = [
    # 1 -> 2 rated time 4 of 4 (strength 4/4 = 1), 2 -> 1 unrated: one mutual edge of strength 1.
    Tie(1, 1, 2, directed=True, modes=frozenset({"cooperation"}), ratings=TieRatings(time=4), channel="meeting"),
    Tie(2, 2, 1, directed=True, modes=frozenset({"rivalry"}), channel="email", wave_id=7),
    # 3 -> 2 rated 0 on two components: strength (0 + 0) / 2 = 0, one way from a3.
    Tie(3, 3, 2, directed=True, modes=frozenset({"cooperation"}), ratings=TieRatings(time=0, intimacy=0), wave_id=7),
    Tie(4, 4, 4, directed=False),  # a self-tie: no edge, as in the analysis
    Tie(5, 1, 4, directed=False, wave_id=8),  # mutual as coded
]


def edges(layer: str = "all", wave_id: int | None = None) -> dict[str, dict]:
    return {
        edge.id: edge.attributes for edge in layer_edges(ACTORS, TIES, AnalysisSettings(), layer=layer, wave_id=wave_id)
    }


def test_each_pair_is_one_edge_with_its_direction_and_highest_strength():
    found = edges()
    assert set(found) == {"a1-a2", "a2-a3", "a1-a4"}
    assert found["a1-a2"] == {
        "strength": 1.0,
        "mutual": True,
        "arc_from": None,
        "tie_ids": "1;2",
        "modes": "cooperation;rivalry",
        "channel": "email;meeting",
        "setting": None,
        "trust_basis": None,
    }
    assert (found["a2-a3"]["strength"], found["a2-a3"]["mutual"], found["a2-a3"]["arc_from"]) == (0.0, False, "a3")
    assert (found["a1-a4"]["strength"], found["a1-a4"]["mutual"]) == (None, True)


def test_a_wave_and_a_layer_keep_only_their_ties():
    assert set(edges(wave_id=7)) == {"a1-a2", "a2-a3"}
    assert edges(wave_id=7)["a1-a2"]["arc_from"] == "a2"  # only the tie 2 -> 1 is of wave 7
    assert set(edges("rivalry")) == {"a1-a2"}
    assert set(edges("cooperation", wave_id=7)) == {"a2-a3"}
