"""The network pictures' palette and legend, the same on every page that draws a network.

``{% network_palette %}`` writes the palette as JSON for static/coding/network_view.js;
``{% network_legend ... %}`` renders the legend from the same colours on the server, so it reads
without JavaScript and its markup is identical wherever an actor type appears.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django import template
from django.utils.html import json_script
from django.utils.safestring import SafeString
from django.utils.translation import gettext, gettext_lazy

from cases.choices import OrgType
from coding.analysis import glossary
from coding.analysis.inputs import UNAFFILIATED_PERSON, UNTYPED_ORGANISATION
from coding.analysis.palette import (
    CHANGE_COLOURS,
    MODE_COLOURS,
    SEVERAL_MODES_COLOUR,
    SIZE_FIGURES,
    UNKNOWN_COLOUR,
    community_colours,
    palette_json,
)
from coding.worker.page_words import MODE_WORDS

register = template.Library()

DASHED_MODES = ("rivalry", "conflict")

# The fixed order of actor types (the choices, then the two groups actor_types() adds): a type's
# colour is its position here, whatever a region holds.
# Labels stay lazy here and are read per legend, in the reader's language.
ACTOR_TYPE_LABELS: dict[str, Any] = {
    **{str(value): label for value, label in OrgType.choices},
    UNTYPED_ORGANISATION: gettext_lazy("Organisation without a type"),
    UNAFFILIATED_PERSON: gettext_lazy("Person without an organisation"),
}
ACTOR_TYPE_COLOURS: dict[str, str] = palette_json(list(ACTOR_TYPE_LABELS))["actor_type"]


@register.simple_tag
def network_palette() -> SafeString:
    return json_script(palette_json(list(ACTOR_TYPE_LABELS)), "network-palette")


@register.simple_tag
def network_size_choices() -> list[tuple[str, str]]:
    return [(key, gettext(glossary.ACTOR_COLUMNS[key].label)) for key in SIZE_FIGURES]


@register.simple_tag
def change_colour(change: str) -> str:
    """Colour of a formed, dissolved or persisted tie on the wave-change picture."""
    return CHANGE_COLOURS.get(change, UNKNOWN_COLOUR)


@register.inclusion_tag("coding/_network_legend.html")
def network_legend(
    *,
    holder: str,
    actors: Sequence[Mapping[str, Any]] | None = None,
    types: Iterable[str] | None = None,
    colourings: Sequence[Mapping[str, Any]] = (),
    colour_by: str = "actor_type",
) -> dict[str, Any]:
    """Legend of the picture ``holder`` (an element id or a group name): the types present, in
    palette order; with ``actors``, also their communities; ``colourings`` are the hidden groups of
    the attributes the picture can be coloured by (``coding.colour_by.colourings.legend_groups``);
    the group of ``colour_by`` is shown, the other node colourings hidden (the select shows them)."""
    present = set(types or ()) | {str(actor.get("type", "")) for actor in actors or ()}
    community = gettext("Community %(number)s")
    communities = community_colours(
        actor["community"] for actor in actors or () if isinstance(actor.get("community"), int)
    )
    return {
        "holder": holder,
        "colourings": colourings,
        "colour_by": colour_by,
        "types": [_type_entry(key) for key in ACTOR_TYPE_LABELS if key in present]
        + [_type_entry(key) for key in sorted(present - set(ACTOR_TYPE_LABELS)) if key],
        "communities": [
            {"key": c, "label": community % {"number": c}, "colour": colour} for c, colour in communities.items()
        ],
        "modes": [
            {"key": mode, "label": str(MODE_WORDS.get(mode, mode)), "colour": colour, "dashed": mode in DASHED_MODES}
            for mode, colour in MODE_COLOURS.items()
        ]
        + [{"key": "several", "label": gettext("several modes"), "colour": SEVERAL_MODES_COLOUR, "dashed": False}],
    }


def _type_entry(key: str) -> dict[str, str]:
    label = str(ACTOR_TYPE_LABELS.get(key, key.replace("_", " ")))
    return {"key": key, "label": label, "colour": ACTOR_TYPE_COLOURS.get(key, UNKNOWN_COLOUR)}
