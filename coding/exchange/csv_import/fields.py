"""What a CSV import maps columns to: the fields of actors and interactions, and how a cell becomes a value.

A cell that cannot become its field's value raises RowError, whose message is shown as is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from django.db import models
from django.utils.translation import override

from cases.models import Actor, Region
from coding.analysis.message import N_, Message, message
from coding.choices import CoordinationMode
from coding.exchange.csv_import.table import normalise
from coding.models import Interaction
from coding.variables.models import Variable

TRUE = {"1", "true", "yes", "y", "x", "ja", "wahr"}
FALSE = {"0", "false", "no", "n", "nein", "falsch", ""}
MODE_FIELDS = tuple(f"mode_{mode}" for mode in CoordinationMode.values)


@dataclass(frozen=True)
class ImportField:
    """One target of the mapping; ``aliases`` are column names matched automatically."""

    name: str
    label: str  # English: also matched against column names
    required: bool = False
    aliases: tuple[str, ...] = ()
    said: Message | None = None  # the label for pages, when built from parts

    @property
    def title(self) -> Message:
        """The label as pages show it, in the reader's language (``says.say``)."""
        return self.said or Message(self.label)


def _english(text: Any) -> str:
    """A lazily translated label (a choice's, a model field's) in English, whatever is active."""
    with override(None):
        return str(text)


def _mode_field(mode: CoordinationMode) -> ImportField:
    label = _english(mode.label)
    said = message("Mode: {mode} (1/0)", mode=Message(label))
    return ImportField(f"mode_{mode.value}", f"Mode: {label} (1/0)", aliases=(mode.value,), said=said)


def _rating_field(name: str) -> ImportField:
    label = _english(cast("models.Field", Interaction._meta.get_field(name)).verbose_name)
    said = message("Rating: {component} (0–4)", component=Message(label))
    return ImportField(name, f"Rating: {label} (0–4)", aliases=(name[7:],), said=said)


ACTOR_FIELDS = (
    ImportField("name", N_("Name"), required=True, aliases=("actor", "actor name", "organisation", "person")),
    ImportField("kind", N_("Kind (organisation / person)"), required=True, aliases=("type of actor", "actor kind")),
    ImportField("location", N_("Location (inside / external / quasi-external)"), aliases=("inside", "region location")),
    ImportField("org_type", N_("Organisation type"), aliases=("organisation type", "organization type", "type")),
    ImportField("size_band", N_("Size band"), aliases=("size", "employees")),
    ImportField("founded", N_("Founded (year)"), aliases=("year founded", "founding year", "founded in")),
    ImportField("hierarchy_level", N_("Hierarchy level (persons)"), aliases=("hierarchy", "level", "position")),
    ImportField("occupational_group", N_("Occupational group (persons)"), aliases=("occupation", "profession")),
    ImportField(
        "affiliation",
        N_("Affiliation (persons: name of an organisation in the region or the file)"),
        aliases=("employer", "works at", "affiliated with"),
    ),
    ImportField("pseudonym", N_("Pseudonym"), aliases=("alias",)),
    ImportField("description", N_("Description"), aliases=("notes", "comment")),
)
INTERACTION_FIELDS = (
    ImportField("source", N_("Source actor (name)"), required=True, aliases=("from", "actor 1", "ego", "sender")),
    ImportField("target", N_("Target actor (name)"), required=True, aliases=("to", "actor 2", "alter", "receiver")),
    ImportField("wave", N_("Wave (label)"), aliases=("wave label", "period")),
    ImportField("directed", N_("Directed (1/0)"), aliases=("is directed", "direction")),
    ImportField("modes", N_("Coordination modes (e.g. cooperation;rivalry)"), aliases=("mode", "coordination modes")),
    *(_mode_field(mode) for mode in CoordinationMode),
    ImportField("content", N_("Content (what flows)"), aliases=("flows", "what flows")),
    *(_rating_field(name) for name in Interaction.RATING_FIELDS),
    ImportField("channel", N_("Channel")),
    ImportField("setting", N_("Setting"), aliases=("place",)),
    ImportField("formality", N_("Formality")),
    ImportField("trust_basis", N_("Trust basis"), aliases=("trust",)),
    ImportField("duration", N_("Duration")),
    ImportField("includes_private_sphere", N_("Includes private sphere (1/0)"), aliases=("private sphere", "private")),
    ImportField("confidence", N_("Confidence (low / medium / high)")),
    ImportField("memo", N_("Memo"), aliases=("note", "notes", "comment")),
)
TARGETS: dict[str, tuple[ImportField, ...]] = {"actors": ACTOR_FIELDS, "interactions": INTERACTION_FIELDS}


# A mapping key "variable:<name>" feeds the study variable <name> of the imported records (actors).
VARIABLE_KEY = "variable:"


def variable_key(name: str) -> str:
    return f"{VARIABLE_KEY}{name}"


def field_aliases(target: str, variables: Sequence[tuple[str, str]] = ()) -> dict[str, tuple[str, ...]]:
    """Each field's names to match columns by; ``variables`` are (name, label) of study variables."""
    aliases = {spec.name: (spec.label, *spec.aliases) for spec in TARGETS[target]}
    return aliases | {variable_key(name): (name, label) for name, label in variables}


class RowError(ValueError):
    """A cell that cannot become a field value; the message is shown to the user as is."""


def parse_choice(model: type[models.Model], name: str, raw: str) -> str:
    """A choice by its value or its label, in any case and spacing ("Firm: SME" or "firm_sme")."""
    choices = cast("models.Field", model._meta.get_field(name)).choices or []  # a concrete field, not a relation
    wanted = normalise(raw)
    for value, label in choices:
        if wanted in (normalise(str(value)), normalise(_english(label)), normalise(str(label))):
            return str(value)  # the label in English or in the active language
    raise RowError(f"{raw!r} is not one of: {', '.join(str(value) for value, _ in choices)}.")


def parse_bool(raw: str) -> bool:
    lowered = raw.strip().lower()
    if lowered in TRUE:
        return True
    if lowered in FALSE:
        return False
    raise RowError(f"{raw!r} is not a yes/no value; use 1 or 0.")


def parse_int(raw: str) -> int | None:
    if not raw.strip():
        return None
    try:
        return int(raw.strip())
    except ValueError:
        raise RowError(f"{raw!r} is not a whole number.") from None


def parse_modes(raw: str) -> dict[str, bool]:
    """ "cooperation; rivalry" (also "," or "|" between them) -> {"mode_cooperation": True, ...}."""
    parts = filter(None, (piece.strip() for piece in raw.replace(",", ";").replace("|", ";").split(";")))
    return {f"mode_{_mode(part)}": True for part in parts}


def _mode(raw: str) -> str:
    wanted = normalise(raw)
    for mode in CoordinationMode:
        if wanted in (normalise(mode.value), normalise(_english(mode.label)), normalise(str(mode.label))):
            return mode.value
    raise RowError(f"{raw!r} is not a coordination mode: {', '.join(CoordinationMode.values)}.")


@dataclass
class RowContext:
    """What the parsers of one import need besides the cell: the region's actors and waves."""

    region: Region
    actors_by_name: dict[str, list[Actor]] = field(default_factory=dict)
    elsewhere: dict[str, str] = field(default_factory=dict)  # actor name -> region name, other regions
    waves_by_label: dict[str, Any] = field(default_factory=dict)
    variables: dict[str, Variable] = field(default_factory=dict)  # the imported records' study variables

    def actor(self, raw: str) -> Actor:
        name = raw.strip()
        found = self.actors_by_name.get(name, [])
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise RowError(f"{name!r} is both an organisation and a person in this region; rename one.")
        if name in self.elsewhere:
            raise RowError(
                f"{name!r} is an actor of {self.elsewhere[name]}, not of {self.region.name}: "
                "ties across regions are not allowed."
            )
        raise RowError(f"No actor named {name!r} in {self.region.name}; import the actors first.")

    def wave(self, raw: str) -> Any:
        if not raw.strip():
            return None
        try:
            return self.waves_by_label[raw.strip()]
        except KeyError:
            labels = ", ".join(sorted(self.waves_by_label)) or "none yet"
            raise RowError(f"No wave {raw.strip()!r} in this region (waves: {labels}).") from None


Parser = Callable[[RowContext, str], Any]


def _text(context: RowContext, raw: str) -> str:
    return raw.strip()


def _choice(model: type[models.Model], name: str) -> Parser:
    def parse(context: RowContext, raw: str) -> str:
        return parse_choice(model, name, raw) if raw.strip() else ""

    return parse


PARSERS: dict[str, dict[str, Parser]] = {
    "actors": {
        "name": _text,
        "kind": _choice(Actor, "kind"),
        "location": lambda context, raw: parse_choice(Actor, "location", raw) if raw.strip() else "inside",
        "org_type": _choice(Actor, "org_type"),
        "size_band": _choice(Actor, "size_band"),
        "founded": lambda context, raw: parse_int(raw),
        "hierarchy_level": _choice(Actor, "hierarchy_level"),
        "occupational_group": _text,
        "affiliation": _text,  # a name, resolved once every row is read (it may name a row below)
        "pseudonym": _text,
        "description": _text,
    },
    "interactions": {
        "source": lambda context, raw: context.actor(raw),
        "target": lambda context, raw: context.actor(raw),
        "wave": lambda context, raw: context.wave(raw),
        "directed": lambda context, raw: parse_bool(raw),
        "modes": lambda context, raw: parse_modes(raw),
        **{name: (lambda context, raw: parse_bool(raw)) for name in MODE_FIELDS},
        "content": _text,
        **{name: (lambda context, raw: parse_int(raw)) for name in Interaction.RATING_FIELDS},
        **{name: _choice(Interaction, name) for name in ("channel", "setting", "formality", "trust_basis", "duration")},
        "includes_private_sphere": lambda context, raw: parse_bool(raw),
        "confidence": lambda context, raw: parse_choice(Interaction, "confidence", raw) if raw.strip() else "medium",
        "memo": _text,
    },
}
