"""The fixed attributes of regions, waves, actors and interviews, offered beside a study's variables.

Everywhere a variable can be chosen (partitions of the network, QCA conditions, retrieval and
comparison filters, grids and files) the record's own fields are offered too, under their field
name, so "organisation type" and a study's "association_member" are picked the same way. A study
variable may not take the name of a fixed attribute of its kind (``services`` refuses it).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_noop as N_

from cases.choices import (
    ActorKind,
    HierarchyLevel,
    InterviewMode,
    LifecyclePhase,
    Location,
    OrgType,
    SizeBand,
    TechnologyField,
)
from coding.variables import values as pure


@dataclass(frozen=True)
class Attribute:
    """One attribute that can be chosen: a fixed field or a study variable (``variable_id`` set)."""

    target: str
    name: str
    label: str
    type: str
    categories: tuple[str, ...] = ()  # machine values of a categorical attribute, in order
    category_labels: tuple[str, ...] = ()  # what pages show for each of ``categories``
    variable_id: int | None = None
    unit: str = ""

    @property
    def is_fixed(self) -> bool:
        return self.variable_id is None

    @property
    def is_categorical(self) -> bool:
        return self.type in (pure.CATEGORICAL, pure.BOOLEAN)


def _categorical(target: str, name: str, label: str, choices: type[models.TextChoices]) -> Attribute:
    return Attribute(
        target, name, label, pure.CATEGORICAL, tuple(choices.values), tuple(str(text) for text in choices.labels)
    )


# Labels are marked (``N_``) and translated where pages show them; files and the API keep them.
# The effective actor type: an organisation's type, a person's employer's (coding.analysis.inputs).
EFFECTIVE_ACTOR_TYPE = "actor_type"

FIXED: dict[str, tuple[Attribute, ...]] = {
    pure.REGION: (
        Attribute(pure.REGION, "country", N_("Country"), pure.TEXT),
        _categorical(pure.REGION, "technology_field", N_("Technology field"), TechnologyField),
        _categorical(pure.REGION, "lifecycle_phase", N_("Life-cycle phase"), LifecyclePhase),
    ),
    pure.WAVE: (
        Attribute(pure.WAVE, "label", N_("Wave"), pure.TEXT),
        Attribute(pure.WAVE, "start", N_("Start"), pure.DATE),
    ),
    pure.ACTOR: (
        _categorical(pure.ACTOR, "kind", N_("Kind"), ActorKind),
        _categorical(pure.ACTOR, "location", N_("Location"), Location),
        _categorical(pure.ACTOR, "org_type", N_("Organisation type"), OrgType),
        Attribute(
            pure.ACTOR,
            EFFECTIVE_ACTOR_TYPE,
            N_("Actor type (a person takes their employer's organisation type)"),
            pure.CATEGORICAL,
            (*OrgType.values, "organisation", "person"),
            (
                *(str(text) for text in OrgType.labels),
                N_("Organisation (untyped)"),
                N_("Person without known employer"),
            ),
        ),
        _categorical(pure.ACTOR, "size_band", N_("Size band"), SizeBand),
        _categorical(pure.ACTOR, "hierarchy_level", N_("Hierarchy level"), HierarchyLevel),
        Attribute(pure.ACTOR, "occupational_group", N_("Occupational group"), pure.TEXT),
        Attribute(pure.ACTOR, "founded", N_("Founded (year)"), pure.NUMERIC),
    ),
    pure.INTERVIEW: (
        _categorical(pure.INTERVIEW, "mode", N_("Interview mode"), InterviewMode),
        Attribute(pure.INTERVIEW, "language", N_("Language"), pure.TEXT),
        Attribute(pure.INTERVIEW, "date", N_("Date"), pure.DATE),
    ),
}


def fixed_names(target: str) -> frozenset[str]:
    return frozenset(attribute.name for attribute in FIXED[target])
