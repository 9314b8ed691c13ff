"""Reads of partitions: which actor attributes can partition a network, and each actor's group.

Any categorical actor attribute partitions the actors: the fixed ones (``actor_type`` — a person
takes the employer's organisation type —, ``org_type``, ``location``, ``kind``, ``size_band``,
``hierarchy_level``) and the study's categorical and yes/no actor variables. An actor without a
value of the attribute belongs to the group ``NO_VALUE`` (see ``coding.analysis.by_partition``).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext

from cases.models import Actor, Region, Study, Wave
from coding.analysis.by_partition import NO_VALUE
from coding.analysis.inputs import ActorNode, actor_types
from coding.analysis.layers import LAYERS
from coding.partitions.models import PartitionFigures
from coding.variables import values as pure
from coding.variables.fixed import EFFECTIVE_ACTOR_TYPE, FIXED, Attribute
from coding.variables.models import Variable, VariableValue
from coding.variables.selectors import as_attribute, attributes

# Stored in every snapshot (``result["partitions"]``) by the worker; the others are computed on request.
DEFAULT_PARTITIONS = (EFFECTIVE_ACTOR_TYPE, "location")


def partition_attributes(study: Study, variables: Sequence[Variable] | None = None) -> list[Attribute]:
    """The categorical actor attributes, fixed ones first: the choices of the partition menus. One
    query, none when the study's ``variables`` are given."""
    if variables is None:
        every = attributes(study, pure.ACTOR)
    else:
        every = [*FIXED[pure.ACTOR], *(as_attribute(v) for v in variables if v.target == pure.ACTOR)]
    return [attribute for attribute in every if attribute.is_categorical]


def find_attribute(study: Study, name: str) -> Attribute | None:
    return next((attribute for attribute in partition_attributes(study) if attribute.name == name), None)


def group_labels(attribute: Attribute) -> dict[str, str]:
    """What pages show for each group of ``attribute`` (its categories' labels)."""
    labels = (gettext(label) for label in attribute.category_labels)  # fixed categories' labels are msgids
    return {**dict(zip(attribute.categories, labels, strict=True)), NO_VALUE: gettext("(no value)")}


def actor_groups(attribute: Attribute, region_id: int, actors: Sequence[ActorNode]) -> dict[int, str]:
    """``{actor id: group}`` of the region's actors under ``attribute``. At most one query."""
    if attribute.name == EFFECTIVE_ACTOR_TYPE:
        return actor_types(actors)
    ids = [actor.id for actor in actors]
    if attribute.is_fixed:
        rows = Actor.objects.filter(region_id=region_id).values_list("id", attribute.name)
        found = {actor_id: str(value) for actor_id, value in rows if value not in (None, "")}
    else:
        assert attribute.variable_id is not None  # not fixed: a study variable
        values = VariableValue.objects.filter(variable_id=attribute.variable_id, actor__region_id=region_id)
        found = {
            row.actor_id: pure.format_value(row.value) for row in values.only("actor_id", "text_value", "bool_value")
        }
    return {actor_id: found.get(actor_id, NO_VALUE) for actor_id in ids}


def stored_figures(
    picks: Sequence[tuple[Region, Wave | None]], layer: str, attribute: str
) -> dict[tuple[int, int | None], PartitionFigures]:
    """The cached rows of the picked regions and waves for one layer and attribute. One query."""
    rows = PartitionFigures.objects.filter(
        region_id__in={region.pk for region, _wave in picks}, layer=layer, attribute=attribute
    )
    return {(row.region_id, row.wave_id): row for row in rows}


def resolve_request(
    region: Region, *, attribute: str, layer: str, wave: str
) -> tuple[Attribute | None, str, Wave | None, dict[str, str]]:
    """The attribute, layer and wave a page or the API asks for, each checked; messages name what is wrong.

    Two queries (the study's variables, the wave). The layer falls back to all ties, the wave to
    all waves; an unknown attribute has no fallback (its figures would be another partition's).
    """
    errors: dict[str, str] = {}
    found = find_attribute(region.study, attribute)
    if found is None:
        names = ", ".join(choice.name for choice in partition_attributes(region.study))
        errors["attribute"] = gettext(
            "“%(attribute)s” is not a categorical actor attribute of this study; choose one of %(names)s."
        ) % {"attribute": attribute[:80], "names": names}
    if layer not in LAYERS:
        errors["layer"] = gettext("Unknown layer “%(layer)s”; choose one of %(layers)s.") % {
            "layer": layer[:40],
            "layers": ", ".join(LAYERS),
        }
        layer = "all"
    chosen = None
    if wave:
        chosen = Wave.objects.filter(region=region, pk=wave).first() if wave.isdigit() else None
        if chosen is None:
            errors["wave"] = gettext("Wave “%(wave)s” is not a wave of this region.") % {"wave": wave[:40]}
    return found, layer, chosen, errors
