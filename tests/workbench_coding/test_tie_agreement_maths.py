"""Dyad-level agreement on recorded ties (``coding.workbench.tie_agreement``), computed by hand.

Interview I1, coders A and B.  A: 1–2 cooperation, 2–3 cooperation.  B: 2–1 cooperation, 1–3 rivalry.
Interview I2, coders A and B.  A: 4–5 coop, 5–6 rivalry, 4–6 coop.  B: 4–5 coop, 5–6 coop+rivalry, 6–4 coop.
Interview I3, coder A only (does not count).
"""

from __future__ import annotations

import pytest

from coding.workbench.tie_agreement import MODE, PRESENCE, RecordedTie, per_interview, tie_agreement

C, R = frozenset({"cooperation"}), frozenset({"rivalry"})
RECORDED = [
    RecordedTie("I1", "A", 1, 1, 2, C, (101,)),
    RecordedTie("I1", "A", 2, 2, 3, C, (102,)),
    RecordedTie("I1", "B", 3, 2, 1, C, (103,)),
    RecordedTie("I1", "B", 4, 1, 3, R, (104,)),
    RecordedTie("I2", "A", 5, 4, 5, C),
    RecordedTie("I2", "A", 6, 5, 6, R, (106,)),
    RecordedTie("I2", "A", 7, 4, 6, C),
    RecordedTie("I2", "B", 8, 4, 5, C),
    RecordedTie("I2", "B", 9, 5, 6, C | R, (109,)),
    RecordedTie("I2", "B", 10, 6, 4, C),
    RecordedTie("I3", "A", 11, 7, 8, C),
]


def test_one_interview_by_hand():
    # I1: actors named 1, 2, 3 -> dyads 1-2, 1-3, 2-3.  A: 1, 0, 1.  B: 1, 1, 0.
    # Percent: 1 of 3 dyads agree = 1/3.
    # Kappa: p_o = 1/3; A has two 1s and one 0, so has B: p_e = (2*2 + 1*1) / 9 = 5/9;
    #   kappa = (1/3 - 5/9) / (1 - 5/9) = (-2/9) / (4/9) = -0.5.
    # Alpha: coincidences o11 = 2 (dyad 1-2), o01 = o10 = 2 (one each from 1-3 and 2-3);
    #   n1 = 4, n0 = 2, n = 6; alpha = 1 - (n - 1) * (o01 + o10) / (2 * n0 * n1) = 1 - 5*4/16 = -0.25.
    result = per_interview(RECORDED)["I1"]
    assert result.presence.units == 3
    assert result.presence.percent == pytest.approx(1 / 3)
    assert result.presence.kappa == pytest.approx(-0.5)
    assert result.presence.alpha == pytest.approx(-0.25)
    # Mode given presence: only 1-2 has a tie from both; both say cooperation: 1 unit, full agreement,
    # kappa and alpha undefined (no variation: p_e = 1).
    assert (result.mode.units, result.mode.percent, result.mode.kappa, result.mode.alpha) == (1, 1.0, None, None)
    disagreements = {(d.pair, d.kind): d for d in result.disagreements}
    assert set(disagreements) == {((1, 3), PRESENCE), ((2, 3), PRESENCE)}
    assert disagreements[((1, 3), PRESENCE)].values == (("A", "no tie"), ("B", "tie"))
    assert disagreements[((1, 3), PRESENCE)].tie_ids == (4,) and disagreements[((1, 3), PRESENCE)].coding_ids == (104,)


def test_the_study_pools_the_dyads_of_interviews_with_two_coders():
    # I3 has one coder: left out. Presence units: I1 (1,1) (0,1) (1,0) and I2 (1,1) three times.
    # Percent: 4 of 6 = 2/3.
    # Kappa: A = 1,0,1,1,1,1; B = 1,1,0,1,1,1; p_o = 4/6; each has five 1s and one 0:
    #   p_e = (5*5 + 1*1) / 36 = 26/36; kappa = (24/36 - 26/36) / (10/36) = -0.2.
    # Alpha: o11 = 8, o01 = o10 = 2, n1 = 10, n0 = 2, n = 12: alpha = 1 - 11*4 / (2*2*10) = -0.1.
    result = tie_agreement(RECORDED)
    assert result.interviews == 2
    presence = result.presence
    assert presence.units == 6 and presence.percent == pytest.approx(2 / 3)
    assert presence.kappa == pytest.approx(-0.2) and presence.alpha == pytest.approx(-0.1)
    # Mode units (both recorded): 1-2 (c, c); 4-5 (c, c); 5-6 (r, c+r); 4-6 (c, c).
    # Percent 3/4. Kappa: A = c,c,r,c; B = c,c,cr,c; p_o = 3/4; p_e = 3*3/16 (r and cr never meet) = 9/16;
    #   kappa = (12/16 - 9/16) / (7/16) = 3/7.
    # Alpha: o_cc = 6, o_r,cr = o_cr,r = 1; n_c = 6, n_r = n_cr = 1, n = 8;
    #   sum over a != b of n_a n_b = 2 * (6 + 6 + 1) = 26; alpha = 1 - 7*2/26 = 6/13.
    mode = result.mode
    assert mode.units == 4 and mode.percent == pytest.approx(0.75)
    assert mode.kappa == pytest.approx(3 / 7) and mode.alpha == pytest.approx(6 / 13)
    (mode_disagreement,) = [d for d in result.disagreements if d.kind == MODE]
    assert mode_disagreement.pair == (5, 6) and mode_disagreement.interview == "I2"
    assert mode_disagreement.values == (("A", "rivalry"), ("B", "cooperation+rivalry"))
    assert mode_disagreement.tie_ids == (6, 9) and mode_disagreement.coding_ids == (106, 109)


def test_three_coders_kappa_is_the_mean_over_pairs():
    # A records 1-2 and 1-3, B only 1-2, C 1-2 and 2-3: dyads 1-2, 1-3, 2-3.
    # Values: A = 1,1,0; B = 1,0,0; C = 1,0,1.
    # Pair A-B: p_o = 2/3; A two 1s, B one 1: p_e = (2*1 + 1*2)/9 = 4/9; kappa = (6/9-4/9)/(5/9) = 0.4.
    # Pair A-C: p_o = 1/3; A 1s = 2, C 1s = 2: p_e = (4 + 1)/9 = 5/9; kappa = (3/9 - 5/9)/(4/9) = -0.5.
    # Pair B-C: p_o = 2/3; B one 1, C two: p_e = (2 + 2)/9 = 4/9; kappa = 0.4.  Mean: 0.1.
    # Percent: dyad 1-2 all agree (1); 1-3 (1,0,0) one of three pairs agrees (1/3); 2-3 (0,0,1) 1/3.
    #   Mean = (1 + 1/3 + 1/3) / 3 = 5/9.
    recorded = [
        RecordedTie("I", "A", 1, 1, 2, C),
        RecordedTie("I", "A", 2, 1, 3, C),
        RecordedTie("I", "B", 3, 1, 2, C),
        RecordedTie("I", "C", 4, 1, 2, C),
        RecordedTie("I", "C", 5, 2, 3, C),
    ]
    presence = tie_agreement(recorded).presence
    assert presence.kappa == pytest.approx(0.1) and presence.percent == pytest.approx(5 / 9)
    # Alpha by hand: coincidences per unit with m = 3 values, each ordered pair weighted 1/2.
    #   1-2 (1,1,1): o11 += 3.  1-3 (1,0,0): o10 += 1, o01 += 1, o00 += 1.  2-3 (0,0,1): same.
    #   o11 = 3, o00 = 2, o01 = o10 = 2; n1 = 5, n0 = 4, n = 9; alpha = 1 - 8*4/(2*5*4) = 0.2.
    assert presence.alpha == pytest.approx(0.2)


def test_a_self_tie_and_a_single_coder_give_no_units():
    # A's only tie is with itself: left out, so A recorded nothing here and B is the only coder.
    recorded = [RecordedTie("I", "A", 1, 1, 1, C), RecordedTie("I", "B", 2, 2, 3, C)]
    assert tie_agreement(recorded).interviews == 0
    assert tie_agreement([RecordedTie("I", "A", 1, 1, 2, C)]).interviews == 0
