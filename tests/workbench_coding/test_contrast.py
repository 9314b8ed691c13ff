"""Code colours legible as underlines: WCAG 2.1 contrast, checked against ratios worked out by
hand here (relative luminance L = 0.2126 R + 0.7152 G + 0.0722 B of the linearised channels,
ratio = (L1 + 0.05) / (L2 + 0.05)). Shades are measured against the page background #f7f9fb:
R 247 -> 0.93011, G 249 -> 0.94731, B 251 -> 0.96469,
L = 0.19774 + 0.67752 + 0.06965 = 0.94491."""

from __future__ import annotations

import pytest

from coding.codebook.default_scheme import DEFAULT_CODES, CodeSpec
from coding.workbench.contrast import (
    contrast_ratio,
    darkened_to_contrast,
    mark_colour,
    relative_luminance,
    text_colour,
)


def test_black_on_white_is_twenty_one_to_one():
    # L(white) = 1, L(black) = 0: (1 + 0.05) / (0 + 0.05) = 21
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#000000") == pytest.approx(21.0)  # order does not matter


def test_grey_767676_is_the_known_4_54_to_one_on_white():
    # 0x76 = 118; 118 / 255 = 0.46275; ((0.46275 + 0.055) / 1.055) ** 2.4 = 0.18116 per channel,
    # so L = 0.18116 (the weights sum to 1); (1.05) / (0.18116 + 0.05) = 4.542
    assert relative_luminance("#767676") == pytest.approx(0.18116, abs=1e-5)
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.542, abs=1e-3)


def test_the_comparison_chip_of_issue_18_was_4_29_to_one():
    # muted text #616e7c: R 97 -> 0.11954, G 110 -> 0.15593, B 124 -> 0.20156
    #   L = 0.2126*0.11954 + 0.7152*0.15593 + 0.0722*0.20156 = 0.02541 + 0.11152 + 0.01455 = 0.15149
    # chip #dcebfa: R 220 -> 0.71569, G 235 -> 0.83077, B 250 -> 0.95597
    #   L = 0.15216 + 0.59417 + 0.06902 = 0.81535
    # (0.81535 + 0.05) / (0.15149 + 0.05) = 4.295
    assert contrast_ratio("#616e7c", "#dcebfa") == pytest.approx(4.295, abs=2e-3)


def test_a_dark_colour_keeps_its_own_value():
    # #2d7a46: R 45 -> 0.02624, G 122 -> 0.19462, B 70 -> 0.06125
    #   L = 0.00558 + 0.13919 + 0.00442 = 0.14919; on white 1.05 / 0.19919 = 5.271,
    #   on the page 0.99491 / 0.19919 = 4.995
    assert contrast_ratio("#2d7a46", "#ffffff") == pytest.approx(5.271, abs=2e-3)
    assert contrast_ratio("#2d7a46", "#f7f9fb") == pytest.approx(4.995, abs=2e-3)
    assert mark_colour("#2d7a46") == "#2d7a46"
    assert text_colour("#2d7a46") == "#2d7a46"


def test_a_pale_yellow_is_darkened_just_enough_for_an_underline():
    # #ffe08a is 1.29:1 on white. Scaled to 64 %: (163, 143, 88) = #a38f58:
    #   R 163 -> 0.36625, G 143 -> 0.27468, B 88 -> 0.09759
    #   L = 0.07786 + 0.19645 + 0.00705 = 0.28136; 0.99491 / 0.33136 = 3.002 (>= 3 on the page)
    # one step lighter, 65 %: (166, 146, 90) = #a6925a:
    #   R 166 -> 0.38133, G 146 -> 0.28744, B 90 -> 0.10224
    #   L = 0.08107 + 0.20558 + 0.00738 = 0.29403; 0.99491 / 0.34403 = 2.892 (< 3 on the page),
    #   though 1.05 / 0.34403 = 3.052 on white: the page background is the stricter one
    assert contrast_ratio("#ffe08a", "#ffffff") == pytest.approx(1.29, abs=1e-2)
    assert mark_colour("#ffe08a") == "#a38f58"
    assert contrast_ratio("#a38f58", "#f7f9fb") == pytest.approx(3.002, abs=2e-3)
    assert contrast_ratio("#a6925a", "#f7f9fb") == pytest.approx(2.892, abs=2e-3)
    assert contrast_ratio("#a6925a", "#ffffff") == pytest.approx(3.052, abs=2e-3)


def test_text_shades_reach_four_and_a_half_and_white_becomes_a_grey():
    shade = text_colour("#f8ebb8")
    assert contrast_ratio(shade, "#f7f9fb") >= 4.5
    # white scaled to 44 %: 255 * 0.44 = 112.2 -> 112 = 0x70; 112 / 255 = 0.43922,
    #   ((0.43922 + 0.055) / 1.055) ** 2.4 = 0.16203; 0.99491 / 0.21203 = 4.692 (>= 4.5)
    # 45 %: 114.75 -> 115 = 0x73; 0.45098 -> 0.17144; 0.99491 / 0.22144 = 4.493 (< 4.5)
    assert darkened_to_contrast("#ffffff", 4.5) == "#707070"
    # against white itself, 46 % (117 = 0x75): 1.05 / (0.17789 + 0.05) = 4.608; 47 % (120): 4.415
    assert darkened_to_contrast("#ffffff", 4.5, background="#ffffff") == "#757575"


def test_a_malformed_colour_is_refused_clearly():
    with pytest.raises(ValueError, match="not a #rrggbb colour"):
        relative_luminance("#fff")


def _all_codes(specs: tuple[CodeSpec, ...]) -> list[CodeSpec]:
    return [found for spec in specs for found in (spec, *_all_codes(spec.children))]


def test_every_colour_of_the_default_scheme_gets_a_legible_underline_and_name():
    codes = _all_codes(DEFAULT_CODES)
    pale = [code.name for code in codes if contrast_ratio(code.colour, "#ffffff") < 3]
    assert len(pale) > len(codes) // 2  # most of the shipped colours are too light to underline with
    for code in codes:
        assert contrast_ratio(mark_colour(code.colour), "#ffffff") >= 3, code.name
        assert contrast_ratio(mark_colour(code.colour), "#f7f9fb") >= 3, code.name
        assert contrast_ratio(text_colour(code.colour), "#f7f9fb") >= 4.5, code.name
