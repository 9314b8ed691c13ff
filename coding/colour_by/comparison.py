"""The comparison page's small multiples coloured by one attribute: ``?colour=<attribute name>``.

The page offers the attributes in a select and shows the chosen one's legend: every category in its
defined order (the regions side by side may hold different ones); the networks' endpoint adds each
actor's category. Both read the study's variables the comparison has already read: no query for the
choice, one for the categories of all regions' actors.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from cases.models import Study
from coding.analysis.by_partition import NO_VALUE
from coding.analysis.palette import UNKNOWN_COLOUR, variable_colours
from coding.colour_by import colourings
from coding.colour_by.selectors import actor_categories, colour_attributes
from coding.partitions.selectors import partition_attributes
from coding.variables.fixed import Attribute
from coding.variables.models import Variable


@dataclass(frozen=True)
class ColourChoice:
    offered: list[Attribute]
    chosen: Attribute | None
    error: str = ""

    @property
    def key(self) -> str:
        """The picture's and legend's colouring: the chosen attribute's, else actor type."""
        return colourings.colouring_key(self.chosen) if self.chosen else "actor_type"


def colour_choice(study: Study, variables: Sequence[Variable], asked: str) -> ColourChoice:
    """The attribute ``asked`` for (a ``colour`` query parameter), checked; no query."""
    offered = colour_attributes(partition_attributes(study, variables))
    chosen = next((attribute for attribute in offered if attribute.name == asked), None)
    error = ""
    if asked and chosen is None:
        error = f"“{asked[:80]}” is not a categorical actor attribute of this study; the networks show actor types."
    return ColourChoice(offered, chosen, error)


def legend_groups(choice: ColourChoice) -> list[dict[str, Any]]:
    """The chosen attribute's legend group: all its categories in order, then "(no value)"."""
    attribute = choice.chosen
    if attribute is None:
        return []
    palette = variable_colours(attribute.categories, NO_VALUE)
    entries = [
        {"key": category, "label": label, "colour": palette[category]}
        for category, label in zip(attribute.categories, attribute.category_labels, strict=True)
    ]
    entries.append({"key": NO_VALUE, "label": NO_VALUE, "colour": UNKNOWN_COLOUR})
    return [{"key": choice.key, "label": attribute.label, "entries": entries}]


def with_categories(payload: dict[str, Any], choice: ColourChoice, region_ids: Collection[int]) -> dict[str, Any]:
    """The networks' JSON (``coding.comparison.networks``), and with a chosen attribute each network's
    ``groups`` ({actor id: category}, actors without a value left out) and the attribute's colours. One query."""
    attribute = choice.chosen
    if attribute is None:
        return payload
    found = actor_categories(region_ids, [attribute])
    for network in payload["networks"]:
        categories = {node[0]: found.get(node[0], {}).get(attribute.name) for node in network["nodes"]}
        network["groups"] = {actor_id: category for actor_id, category in categories.items() if category}
    return {**payload, "colour_by": choice.key, "colours": colourings.colours([attribute])}
