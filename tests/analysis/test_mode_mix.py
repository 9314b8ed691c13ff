"""The coordination mix (issue 16): each coded tie in exactly one category, so the shares add up."""

from __future__ import annotations

from coding.analysis.inputs import Tie
from coding.analysis.metrics import mode_mix, tie_shares


def _tie(tie_id: int, *modes: str) -> Tie:
    return Tie(id=tie_id, source=1, target=tie_id + 1, modes=frozenset(modes))


def test_each_tie_falls_in_one_category_and_the_counts_add_up_to_all_ties():
    ties = [
        _tie(1, "cooperation"),
        _tie(2, "cooperation"),
        _tie(3, "competition"),
        _tie(4, "cooperation", "rivalry"),
        _tie(5, "rivalry", "conflict", "competition"),
        _tie(6, "conflict"),
        _tie(7),  # coded without a mode
    ]
    # By hand: cooperation only 1, 2; competition only 3; several 4, 5; conflict only 6; none 7.
    assert mode_mix(ties) == {
        "cooperation_only": 2,
        "competition_only": 1,
        "rivalry_only": 0,
        "conflict_only": 1,
        "several_modes": 2,
        "no_mode": 1,
    }


def test_the_mix_leaves_out_self_ties_as_the_mode_counts_do():
    ties = [_tie(1, "cooperation"), Tie(id=2, source=5, target=5, modes=frozenset({"rivalry"}))]
    shares = tie_shares(ties, {}, 0.5)
    assert shares["mode_mix"]["cooperation_only"] == 1 and shares["mode_mix"]["rivalry_only"] == 0
    assert sum(shares["mode_mix"].values()) == 1  # = the coded ties counted (self-tie left out)
