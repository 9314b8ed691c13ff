"""The one palette of every network picture: actor types, communities, categories and tie modes.

Colours are handed out by position in a fixed order, never by what happens to be present, so an
actor type has the same colour in every region, on the analysis page, the comparison page and in a
download. The pages receive the palette as JSON (``palette_json``) and draw the legend from it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

# Twenty categorical colours: the ten of Vega's "tableau10" (in the order the pictures have used
# since the first one), then ten from ColorBrewer's Dark2 and d3's category20b; a dark label with a
# white outline reads on every one of them.
CATEGORY_COLOURS: tuple[str, ...] = (
    "#4c78a8",
    "#f58518",
    "#54a24b",
    "#e45756",
    "#72b7b2",
    "#b279a2",
    "#ff9da6",
    "#9d755d",
    "#bab0ac",
    "#eeca3b",
    "#1b9e77",
    "#7570b3",
    "#a6761d",
    "#17becf",
    "#bcbd22",
    "#393b79",
    "#843c39",
    "#637939",
    "#e7298a",
    "#666666",
)

# Anything the palette does not know (a type added later, a missing value).
UNKNOWN_COLOUR = "#d0d0d0"

# Coordination modes of a tie (docs/domain.md §1); several modes on one tie draw grey.
MODE_COLOURS: dict[str, str] = {
    "cooperation": "#2e7d32",
    "competition": "#ef6c00",
    "rivalry": "#6a1b9a",
    "conflict": "#c62828",
}
SEVERAL_MODES_COLOUR = "#777777"

# Ties of the wave-change picture.
CHANGE_COLOURS: dict[str, str] = {"formed": "#2e7d32", "dissolved": "#c62828", "persisted": "#9e9e9e"}

# Figures of the snapshot's actor records a node's size can follow (a select on the analysis page).
SIZE_FIGURES: tuple[str, ...] = (
    "degree",
    "betweenness",
    "eigenvector",
    "closeness",
    "effective_size",
    "brokerage_total",
)


def colour_at(position: int) -> str:
    """The colour of the category at ``position`` of its fixed order (cycles after twenty)."""
    return CATEGORY_COLOURS[position % len(CATEGORY_COLOURS)]


def colours_in_order(keys: Sequence[str]) -> dict[str, str]:
    """Every key its colour by its position in ``keys``: the order is the identity of a colour."""
    return {key: colour_at(position) for position, key in enumerate(keys)}


def variable_colours(categories: Sequence[str], no_value: str) -> dict[str, str]:
    """A categorical variable's categories by their defined order, and ``no_value`` grey: the same
    colours in every region and on every page, whichever categories a region happens to hold."""
    return {**colours_in_order(categories), no_value: UNKNOWN_COLOUR}


def community_colours(communities: Iterable[int]) -> dict[int, str]:
    """Leiden community numbers (0 the largest) coloured by their number."""
    return {community: colour_at(community) for community in sorted(set(communities)) if community >= 0}


def palette_json(actor_type_order: Sequence[str]) -> dict[str, Any]:
    """What the pages' network script needs to colour every picture alike."""
    return {
        "actor_type": colours_in_order(actor_type_order),
        "categories": list(CATEGORY_COLOURS),
        "unknown": UNKNOWN_COLOUR,
        "modes": MODE_COLOURS,
        "several_modes": SEVERAL_MODES_COLOUR,
        "change": CHANGE_COLOURS,
    }
