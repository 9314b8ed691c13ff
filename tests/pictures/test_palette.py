"""The one palette of the network pictures (coding/analysis/palette.py), and its order of actor types."""

from __future__ import annotations

from cases.choices import OrgType
from coding.analysis import palette
from coding.templatetags.network_picture import ACTOR_TYPE_COLOURS, ACTOR_TYPE_LABELS, network_legend

# The ten colours of Vega's "tableau10" scheme as published (vega/vega src/scheme/schemes.js),
# sorted: the palette opens with all of them.
TABLEAU10 = sorted(
    ["#4c78a8", "#f58518", "#e45756", "#72b7b2", "#54a24b", "#eeca3b", "#b279a2", "#ff9da6", "#9d755d", "#bab0ac"]
)


def test_a_category_colour_depends_on_its_position_only():
    assert palette.colours_in_order(["a", "b", "c"])["c"] == palette.colours_in_order(["x", "y", "c", "z"])["c"]
    assert palette.colours_in_order(["a", "b", "c"])["c"] == palette.CATEGORY_COLOURS[2]


def test_colours_repeat_only_after_twenty_categories():
    keys = [f"k{i}" for i in range(21)]
    colours = palette.colours_in_order(keys)
    assert len(set(colours[f"k{i}"] for i in range(20))) == 20
    assert colours["k20"] == colours["k0"]  # 20 mod 20 = 0


def test_the_palette_opens_with_the_ten_tableau_colours():
    assert sorted(palette.CATEGORY_COLOURS[:10]) == TABLEAU10


def test_every_actor_type_of_the_choices_has_its_own_colour_in_choice_order():
    # 14 organisation types, then the two groups of coding.analysis.inputs.actor_types().
    expected_order = [str(value) for value in OrgType.values] + ["organisation", "person"]
    assert list(ACTOR_TYPE_LABELS) == expected_order
    assert len(set(ACTOR_TYPE_COLOURS.values())) == 16
    assert ACTOR_TYPE_COLOURS["firm_startup"] == "#4c78a8"  # first choice, first colour
    assert ACTOR_TYPE_COLOURS["university"] == palette.CATEGORY_COLOURS[4]  # fifth choice


def test_communities_are_coloured_by_their_number_and_unknown_ones_left_out():
    assert palette.community_colours([3, 0, 3, -1]) == {0: palette.CATEGORY_COLOURS[0], 3: palette.CATEGORY_COLOURS[3]}


def test_palette_json_carries_the_actor_types_and_the_tie_colours():
    found = palette.palette_json(["university", "finance"])
    assert found["actor_type"] == {"university": palette.CATEGORY_COLOURS[0], "finance": palette.CATEGORY_COLOURS[1]}
    assert found["modes"]["cooperation"] == "#2e7d32"
    assert found["change"]["dissolved"] == "#c62828"


def test_the_legend_lists_present_types_in_palette_order_whatever_the_order_given():
    legend = network_legend(holder="h", types=["university", "firm_sme", "unheard_of"])
    assert [entry["key"] for entry in legend["types"]] == ["firm_sme", "university", "unheard_of"]
    assert legend["types"][2]["colour"] == palette.UNKNOWN_COLOUR
    assert legend["types"][1] == {
        "key": "university",
        "label": "University",
        "colour": ACTOR_TYPE_COLOURS["university"],
    }


def test_a_variables_categories_take_the_palettes_colours_in_their_defined_order_and_no_value_is_grey():
    # Hand-written: category i of the defined order takes the palette's i-th colour (tableau10 first).
    found = palette.variable_colours(["industry", "academia", "government"], "(no value)")
    assert found == {
        "industry": "#4c78a8",
        "academia": "#f58518",
        "government": "#54a24b",
        "(no value)": "#d0d0d0",
    }


def test_a_categorys_colour_does_not_depend_on_which_categories_a_region_holds():
    # The palette is given the variable's categories, never the values present: "academia" stays
    # second, and so orange, whether or not a region has "industry" actors.
    categories = ["industry", "academia", "government", "civil society", "intermediary"]
    assert palette.variable_colours(categories, "(no value)")["academia"] == "#f58518"
    assert palette.variable_colours(categories, "(no value)")["intermediary"] == "#72b7b2"
