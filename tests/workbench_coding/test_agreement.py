"""Agreement maths on hand-worked examples (coding/agreement.py)."""

from __future__ import annotations

import pytest

from coding.workbench.agreement import (
    CodedRange,
    agreement_by_code,
    cohen_kappa,
    krippendorff_alpha_nominal,
    percent_agreement,
    pooled_agreement_by_code,
    segments,
)


def test_segments_split_the_union_at_every_boundary_and_skip_gaps():
    assert segments([(0, 5), (3, 8), (10, 12)]) == [(0, 3), (3, 5), (5, 8), (10, 12)]


def test_cohen_kappa_by_hand():
    # po = 3/4; pe = 0.5*0.25 + 0.5*0.75 = 0.5; kappa = (0.75 - 0.5) / 0.5 = 0.5
    assert cohen_kappa([1, 1, 0, 0], [1, 0, 0, 0]) == pytest.approx(0.5)


def test_cohen_kappa_is_undefined_without_variation():
    assert cohen_kappa([1, 1], [1, 1]) is None


def test_alpha_two_coders_by_hand():
    # Coincidences: o11 = 2, o00 = 4, o01 = o10 = 1; n = 8, n1 = 3, n0 = 5.
    # alpha = 1 - (n - 1) * (o01 + o10) / (2 * n1 * n0) = 1 - 7 * 2 / 30 = 0.5333
    units = [[1, 1], [1, 0], [0, 0], [0, 0]]
    assert krippendorff_alpha_nominal(units) == pytest.approx(1 - 14 / 30)


def test_alpha_matches_krippendorffs_published_nominal_example():
    # Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", 4 coders, 12 units: 0.743.
    a = [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None]
    b = [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3]
    c = [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None]
    d = [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None]
    units = list(zip(a, b, c, d, strict=True))
    assert krippendorff_alpha_nominal(units) == pytest.approx(0.743, abs=5e-4)


def test_percent_agreement_averages_agreeing_pairs():
    # Unit 1: 3 of 3 pairs agree; unit 2: 1 of 3 pairs agree -> (1 + 1/3) / 2
    assert percent_agreement([[1, 1, 1], [1, 1, 0]]) == pytest.approx(2 / 3)


def test_segment_level_agreement_of_two_coders_on_one_interview():
    # ann codes X on 0..10, ben codes X on 5..10 and Y on 10..20.
    # Segments: [0,5) [5,10) [10,20). For X: ann 1,1,0 ; ben 0,1,0.
    # percent = 2/3; kappa: po = 2/3, pe = (2/3)(1/3) + (1/3)(2/3) = 4/9 -> (2/3 - 4/9)/(5/9) = 0.4
    # alpha: o11 = 2, o00 = 2, o01 = o10 = 1, n = 6, n1 = 3, n0 = 3 -> 1 - 5 * 2 / 18 = 4/9
    ranges = [
        CodedRange("ann", "X", 0, 10),
        CodedRange("ben", "X", 5, 10),
        CodedRange("ben", "Y", 10, 20),
    ]
    by_code = {row.code: row for row in agreement_by_code(ranges)}
    x = by_code["X"]
    assert x.units == 3
    assert x.percent == pytest.approx(2 / 3)
    assert x.kappa == pytest.approx(0.4)
    assert x.alpha == pytest.approx(4 / 9)
    assert [(d.start, d.end, d.coders_with, d.coders_without) for d in x.disagreements] == [(0, 5, ("ann",), ("ben",))]
    # Y: ann 0,0,0 ; ben 0,0,1 -> percent 2/3, kappa 0 (pe = po), alpha: o00 = 4, o01 = o10 = 1 -> n0 = 5, n1 = 1
    y = by_code["Y"]
    assert y.percent == pytest.approx(2 / 3)
    assert y.kappa == pytest.approx(0.0)
    assert y.alpha == pytest.approx(1 - 5 * 2 / (2 * 5 * 1))


def test_a_single_coder_gives_no_agreement():
    assert agreement_by_code([CodedRange("ann", "X", 0, 5)]) == []


def test_pooling_skips_interviews_with_one_coder():
    two = [CodedRange("ann", "X", 0, 5), CodedRange("ben", "X", 0, 5)]
    one = [CodedRange("ann", "X", 0, 5), CodedRange("ann", "X", 6, 9)]
    (row,) = pooled_agreement_by_code([two, one])
    assert row.units == 1
    assert row.percent == 1.0


def test_touching_disagreeing_segments_with_the_same_split_form_one_passage():
    # ben's Y coding splits ann's X range into [0,4) [4,6) [6,10); ben never codes X there.
    ranges = [CodedRange("ann", "X", 0, 10), CodedRange("ben", "Y", 4, 6), CodedRange("ben", "X", 12, 14)]
    (x, _y) = agreement_by_code(ranges)
    assert x.units == 4  # the disagreement count is per passage, the statistics stay per segment
    assert [(d.start, d.end, d.coders_with) for d in x.disagreements] == [(0, 10, ("ann",)), (12, 14, ("ben",))]
