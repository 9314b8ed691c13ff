"""CSV import of a region's actors or interactions with a column mapping (issue 6).

``csv_import`` checks every row before writing any: values against the field's choices and type,
required fields, actor names of interactions (unknown, ambiguous, or of another region), self-ties,
duplicates within the file and against the database, and the model's own rules (``full_clean``,
the same as the forms). Every problem is reported as "row N, column X: message", N being the
line as a spreadsheet shows it (the header is row 1). All rows are written in one transaction or
none; then the region's analysis is marked stale.

Interactions need no evidence in the model (``Interaction.evidence`` is optional), so imported
ties have none; a coder can link passages later.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from simple_history.utils import bulk_create_with_history

from cases.choices import ActorKind
from cases.models import Actor, Region
from coding.choices import CoordinationMode
from coding.exchange.csv_import.table import CsvTable, normalise
from coding.exchange.records import ImportErrors, Problem
from coding.models import Interaction
from coding.worker.tasks import mark_stale

TRUE = {"1", "true", "yes", "y", "x", "ja", "wahr"}
FALSE = {"0", "false", "no", "n", "nein", "falsch", ""}
MODE_FIELDS = tuple(f"mode_{mode}" for mode in CoordinationMode.values)
# Database rules that the models' clean() does not repeat, in words.
CONSTRAINT_MESSAGES = {"actor_founded_range": ("founded", "The founding year must be between 1800 and 2100.")}
FOREIGN_KEYS = ["region", "source", "target", "wave", "coder", "affiliation", "spun_off_from"]


@dataclass(frozen=True)
class ImportField:
    """One target of the mapping; ``aliases`` are column names matched automatically."""

    name: str
    label: str
    required: bool = False
    aliases: tuple[str, ...] = ()


ACTOR_FIELDS = (
    ImportField("name", "Name", required=True, aliases=("actor", "actor name", "organisation", "person")),
    ImportField("kind", "Kind (organisation / person)", required=True, aliases=("type of actor", "actor kind")),
    ImportField("location", "Location (inside / external / quasi-external)", aliases=("inside", "region location")),
    ImportField("org_type", "Organisation type", aliases=("organisation type", "organization type", "type")),
    ImportField("size_band", "Size band", aliases=("size", "employees")),
    ImportField("founded", "Founded (year)", aliases=("year founded", "founding year", "founded in")),
    ImportField("hierarchy_level", "Hierarchy level (persons)", aliases=("hierarchy", "level", "position")),
    ImportField("occupational_group", "Occupational group (persons)", aliases=("occupation", "profession")),
    ImportField(
        "affiliation",
        "Affiliation (persons: name of an organisation in the region or the file)",
        aliases=("employer", "works at", "affiliated with"),
    ),
    ImportField("pseudonym", "Pseudonym", aliases=("alias",)),
    ImportField("description", "Description", aliases=("notes", "comment")),
)
INTERACTION_FIELDS = (
    ImportField("source", "Source actor (name)", required=True, aliases=("from", "actor 1", "ego", "sender")),
    ImportField("target", "Target actor (name)", required=True, aliases=("to", "actor 2", "alter", "receiver")),
    ImportField("wave", "Wave (label)", aliases=("wave label", "period")),
    ImportField("directed", "Directed (1/0)", aliases=("is directed", "direction")),
    ImportField("modes", "Coordination modes (e.g. cooperation;rivalry)", aliases=("mode", "coordination modes")),
    *(ImportField(f"mode_{m.value}", f"Mode: {m.label} (1/0)", aliases=(m.value,)) for m in CoordinationMode),
    ImportField("content", "Content (what flows)", aliases=("flows", "what flows")),
    *(
        ImportField(
            name,
            f"Rating: {cast('models.Field', Interaction._meta.get_field(name)).verbose_name} (0–4)",
            aliases=(name[7:],),
        )
        for name in Interaction.RATING_FIELDS
    ),
    ImportField("channel", "Channel"),
    ImportField("setting", "Setting", aliases=("place",)),
    ImportField("formality", "Formality"),
    ImportField("trust_basis", "Trust basis", aliases=("trust",)),
    ImportField("duration", "Duration"),
    ImportField("includes_private_sphere", "Includes private sphere (1/0)", aliases=("private sphere", "private")),
    ImportField("confidence", "Confidence (low / medium / high)"),
    ImportField("memo", "Memo", aliases=("note", "notes", "comment")),
)
TARGETS: dict[str, tuple[ImportField, ...]] = {"actors": ACTOR_FIELDS, "interactions": INTERACTION_FIELDS}


def field_aliases(target: str) -> dict[str, tuple[str, ...]]:
    return {spec.name: (spec.label, *spec.aliases) for spec in TARGETS[target]}


class RowError(ValueError):
    """A cell that cannot become a field value; the message is shown to the user as is."""


def parse_choice(model: type[models.Model], name: str, raw: str) -> str:
    """A choice by its value or its label, in any case and spacing ("Firm: SME" or "firm_sme")."""
    choices = cast("models.Field", model._meta.get_field(name)).choices or []  # a concrete field, not a relation
    wanted = normalise(raw)
    for value, label in choices:
        if wanted in (normalise(str(value)), normalise(str(label))):
            return str(value)
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
        if wanted in (normalise(mode.value), normalise(mode.label)):
            return mode.value
    raise RowError(f"{raw!r} is not a coordination mode: {', '.join(CoordinationMode.values)}.")


@dataclass
class RowContext:
    """What the parsers of one import need besides the cell: the region's actors and waves."""

    region: Region
    actors_by_name: dict[str, list[Actor]] = field(default_factory=dict)
    elsewhere: dict[str, str] = field(default_factory=dict)  # actor name -> region name, other regions
    waves_by_label: dict[str, Any] = field(default_factory=dict)

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


def check_mapping(target: str, mapping: Mapping[str, str], header: Sequence[str]) -> list[Problem]:
    """Required fields mapped, columns that exist, no column feeding two fields."""
    problems = [
        Problem("column mapping", f"Choose the column for “{spec.label}”: it is required.")
        for spec in TARGETS[target]
        if spec.required and not mapping.get(spec.name)
    ]
    used: dict[str, str] = {}
    for name, column in mapping.items():
        if not column:
            continue
        if column not in header:
            problems.append(Problem("column mapping", f"The file has no column “{column}”."))
        elif column in used:
            problems.append(Problem(f"column mapping, column {column}", f"Feeds both {used[column]} and {name}."))
        used[column] = name
    return problems


def _context(target: str, region: Region) -> RowContext:
    context = RowContext(region)
    if target == "interactions":  # three queries, whatever the number of rows
        for actor in Actor.objects.filter(region=region):
            context.actors_by_name.setdefault(actor.name, []).append(actor)
        others = Actor.objects.filter(region__study_id=region.study_id).exclude(region=region)
        context.elsewhere = dict(others.values_list("name", "region__name"))
        context.waves_by_label = {wave.label: wave for wave in region.waves.all()}
    return context


def _parse_row(
    target: str, context: RowContext, mapping: Mapping[str, str], header: list[str], cells: list[str], line: int
) -> tuple[dict[str, Any], list[Problem]]:
    values: dict[str, Any] = {}
    problems: list[Problem] = []
    if len(cells) > len(header):
        problems.append(Problem(f"row {line}", f"Has {len(cells)} cells but the header has {len(header)} columns."))
    for name, column in mapping.items():
        if not column:
            continue
        raw = cells[header.index(column)]
        spec = next(spec for spec in TARGETS[target] if spec.name == name)
        if spec.required and not raw.strip():
            problems.append(Problem(f"row {line}, column {column}", "This field is required."))
            continue
        try:
            parsed = PARSERS[target][name](context, raw)
        except RowError as error:
            problems.append(Problem(f"row {line}, column {column}", str(error)))
            continue
        if name == "modes":
            values.update(parsed)
        elif name in MODE_FIELDS:
            values[name] = values.get(name, False) or parsed
        else:
            values[name] = parsed
    return values, problems


def _model_problems(instance: models.Model, mapping: Mapping[str, str], line: int) -> list[Problem]:
    """The model's own rules, as the forms apply them; uniqueness is checked for all rows at once."""
    try:
        # Foreign keys were resolved from this region's rows already; validating them again would
        # cost a query per row and field.
        instance.full_clean(exclude=FOREIGN_KEYS, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        return [
            Problem(f"row {line}, column {_column_of(field_name, mapping)}", message)
            for field_name, messages in error.message_dict.items()
            for message in messages
        ]
    return []


def _constraint_problems(numbered: list[tuple[int, models.Model]], mapping: Mapping[str, str]) -> list[Problem]:
    problems: list[Problem] = []
    for line, instance in numbered:
        for constraint in type(instance)._meta.constraints:
            if not isinstance(constraint, models.CheckConstraint):
                continue  # uniqueness was checked for all rows at once
            try:
                constraint.validate(type(instance), instance)
            except ValidationError:
                fallback = ("", f"Breaks the rule {constraint.name}.")
                field_name, message = CONSTRAINT_MESSAGES.get(constraint.name, fallback)
                where = f"row {line}, column {_column_of(field_name, mapping)}" if field_name else f"row {line}"
                problems.append(Problem(where, message))
    return problems


def _column_of(field_name: str, mapping: Mapping[str, str]) -> str:
    if field_name in MODE_FIELDS and mapping.get("modes"):
        return mapping["modes"]
    return mapping.get(field_name) or f"{field_name} (not mapped)"


def _actor_key(actor: Actor) -> tuple[str, str]:
    return (actor.kind, actor.name)


def _tie_key(tie: Interaction) -> tuple:
    ends = (tie.source_id, tie.target_id) if tie.directed else tuple(sorted((tie.source_id, tie.target_id)))
    return (*ends, tie.wave_id, tie.directed, tuple(tie.coordination_modes))


def _duplicates(
    # Any: the rows are of the target's model, Actor or Interaction.
    target: str,
    region: Region,
    rows: list[tuple[int, Any]],
    mapping: Mapping[str, str],
) -> list[Problem]:
    """Rows repeating an earlier row or a record already in the region (one query)."""
    key: Callable[[Any], tuple]
    if target == "actors":
        key, column = _actor_key, mapping["name"]
        existing = {(kind, name) for kind, name in Actor.objects.filter(region=region).values_list("kind", "name")}
        what = "An actor {1!r} ({0}) already exists in this region."
    else:
        key, column = _tie_key, mapping["source"]
        existing = {_tie_key(tie) for tie in Interaction.objects.filter(region=region).only(
            "source_id", "target_id", "wave_id", "directed", *MODE_FIELDS)}  # fmt: skip
        what = "The same tie (actors, wave, direction and modes) is already coded in this region."
    problems: list[Problem] = []
    first_line: dict[tuple, int] = {}
    for line, instance in rows:
        row_key = key(instance)
        if row_key in existing:
            problems.append(Problem(f"row {line}, column {column}", what.format(*row_key)))
        elif row_key in first_line:
            problems.append(Problem(f"row {line}, column {column}", f"Repeats row {first_line[row_key]}."))
        first_line.setdefault(row_key, line)
    return problems


def validate_rows(
    *, region: Region, target: str, table: CsvTable, mapping: Mapping[str, str], coder: Any
) -> tuple[list[tuple[int, models.Model]], list[Problem]]:
    """Every row as (row number, unsaved instance), and every problem found in any of them."""
    problems = check_mapping(target, mapping, table.header)
    if problems:
        return [], problems
    if not any(any(cell.strip() for cell in cells) for cells in table.rows):
        return [], [Problem("file", "The file has a header but no rows.")]
    context = _context(target, region)
    model: type[models.Model] = Actor if target == "actors" else Interaction
    valid: list[tuple[int, models.Model]] = []
    affiliations: list[tuple[int, Actor, str]] = []
    for line, cells in enumerate(table.rows, start=table.first_row):
        if not any(cell.strip() for cell in cells):
            continue  # a blank row in the middle of the file
        values, row_problems = _parse_row(target, context, mapping, table.header, cells, line)
        problems += row_problems
        if row_problems:
            continue
        affiliation = values.pop("affiliation", "")
        instance = model(region=region, **values)
        if isinstance(instance, Interaction):
            instance.coder = coder
        if affiliation:
            affiliations.append((line, cast("Actor", instance), affiliation))  # an actor column
        valid.append((line, instance))
    problems += _link_affiliations(region, valid, affiliations, mapping)
    for line, instance in valid:
        problems += _model_problems(instance, mapping, line)
    problems += _duplicates(target, region, valid, mapping)
    problems.sort(key=lambda problem: _line_of(problem))
    return valid, problems


def _link_affiliations(
    region: Region,
    valid: list[tuple[int, models.Model]],
    affiliations: list[tuple[int, Actor, str]],
    mapping: Mapping[str, str],
) -> list[Problem]:
    """Point persons at their organisation, already in the region or a row of the file (one query)."""
    if not affiliations:
        return []
    organisations = {actor.name: actor for actor in Actor.objects.filter(region=region, kind=ActorKind.ORGANISATION)}
    organisations.update(
        {actor.name: actor for _, actor in valid if isinstance(actor, Actor) and actor.kind == ActorKind.ORGANISATION}
    )
    problems = []
    for line, person, name in affiliations:
        if name in organisations:
            person.affiliation = organisations[name]
        else:
            where = f"row {line}, column {mapping['affiliation']}"
            problems.append(Problem(where, f"No organisation named {name!r} in this region or in this file."))
    return problems


def _line_of(problem: Problem) -> int:
    parts = problem.where.split(",")[0].split()
    return int(parts[1]) if len(parts) == 2 and parts[0] == "row" and parts[1].isdigit() else 0


@transaction.atomic
def csv_import(*, region: Region, target: str, table: CsvTable, mapping: Mapping[str, str], user: Any) -> int:
    """Create every row of ``table`` in ``region``, or none: raises ImportErrors listing every problem."""
    if target not in TARGETS:
        raise ImportErrors([Problem("mapping", f"Unknown import target {target!r}.")])
    # Lock the region's actors against a concurrent import of the same names while we check.
    Region.objects.select_for_update().filter(pk=region.pk).first()
    numbered, problems = validate_rows(region=region, target=target, table=table, mapping=mapping, coder=user)
    if problems:
        raise ImportErrors(problems)
    model = Actor if target == "actors" else Interaction
    try:
        with transaction.atomic():
            instances = [instance for _, instance in numbered]
            # Organisations first, in a batch of their own: persons of the same file may name them
            # as their affiliation, and bulk_create needs those saved (with an id) beforehand.
            first = [instance for instance in instances if getattr(instance, "kind", "") == ActorKind.ORGANISATION]
            rest = [instance for instance in instances if getattr(instance, "kind", "") != ActorKind.ORGANISATION]
            for batch in (first, rest):
                if batch:
                    bulk_create_with_history(batch, model, batch_size=500, default_user=user)
    except IntegrityError as error:
        # A rule only the database states (e.g. the range of "founded"): find the rows now, at a
        # query per row and constraint, a price only a refused import pays.
        raise ImportErrors(_constraint_problems(numbered, mapping) or [Problem("file", str(error))]) from error
    # bulk_create sends no post_save signals, so the analysis is marked stale here, once.
    mark_stale([region.pk])
    return len(numbered)
