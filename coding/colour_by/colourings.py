"""What a page needs to colour its pictures by an attribute: the select's choices, the colours the
script reads and the legend's groups, all from the one palette."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.utils.translation import gettext

from coding.analysis.by_partition import NO_VALUE
from coding.analysis.palette import UNKNOWN_COLOUR, variable_colours
from coding.variables.fixed import Attribute

# Select values and legend groups of these colourings; the prefix keeps a study variable that
# happens to be called "community" apart from the picture's own community colouring.
KEY_PREFIX = "group:"


def colouring_key(attribute: Attribute) -> str:
    return KEY_PREFIX + attribute.name


def choices(attributes: Sequence[Attribute]) -> list[tuple[str, str]]:
    """``(select value, label)`` of each attribute, for the *Colour by* select."""
    return [(colouring_key(attribute), gettext(attribute.label)) for attribute in attributes]


def colours(attributes: Sequence[Attribute]) -> dict[str, dict[str, str]]:
    """``{select value: {category: colour}}``: what network_view.js colours the nodes with."""
    return {colouring_key(a): variable_colours(a.categories, NO_VALUE) for a in attributes}


def legend_groups(attributes: Sequence[Attribute], categories: Iterable[Mapping[str, str]]) -> list[dict[str, Any]]:
    """One legend group per attribute: the categories the actors hold, in the attribute's order
    (a value no longer among its categories after them, grey), and "(no value)" if an actor lacks one."""
    held = list(categories)
    return [_legend_group(attribute, held) for attribute in attributes]


def _legend_group(attribute: Attribute, held: list[Mapping[str, str]]) -> dict[str, Any]:
    present = {actor[attribute.name] for actor in held if attribute.name in actor}
    palette = variable_colours(attribute.categories, NO_VALUE)
    labels = dict(zip(attribute.categories, attribute.category_labels, strict=True))
    entries = [
        {"key": category, "label": labels[category], "colour": palette[category]}
        for category in attribute.categories
        if category in present
    ]
    entries += [{"key": value, "label": value, "colour": UNKNOWN_COLOUR} for value in sorted(present - set(labels))]
    if any(attribute.name not in actor for actor in held):
        entries.append({"key": NO_VALUE, "label": gettext("(no value)"), "colour": UNKNOWN_COLOUR})
    return {"key": colouring_key(attribute), "label": attribute.label, "entries": entries}
