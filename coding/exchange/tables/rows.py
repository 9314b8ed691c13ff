"""Rows of the statistics tables: actors with metrics, interactions, codings with quotes.

Reads only. Each table is a fixed list of columns and a generator of rows over a study or one
region; the queries are a constant number per table (select_related, annotations, one snapshot
query), and rows are fetched in chunks, so memory and queries do not grow with the rows.
The writers live in coding.exchange.tables.writers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from statistics import mean
from typing import Any

from django.db import connection
from django.db.models import Count, JSONField
from django.db.models.expressions import RawSQL
from django.db.models.fields.json import KeyTransform

from cases.choices import ActorKind
from cases.models import Actor, Interview, Region, Study, Wave
from coding.exchange.pseudonyms import OffsetMap, Pseudonymiser, researcher_pseudonym
from coding.exchange.tables.change_rows import TIE_CHANGE_COLUMNS, tie_change_rows
from coding.exchange.tables.writers import Value
from coding.models import Code, Coding, Interaction
from coding.privacy.selectors import study_pseudonymiser
from coding.variables import values as pure
from coding.variables.interchange import categories_text, column_names
from coding.variables.models import Variable
from coding.worker.models import AnalysisSnapshot, SnapshotStatus

CHUNK = 2000
# Per-actor figures of coding.analysis.derive (result["actors"]), in its order; a test keeps them in step.
METRIC_COLUMNS = (
    "actor_type", "interviewed", "community", "degree", "in_degree", "out_degree", "betweenness",
    "betweenness_normalised", "closeness", "eigenvector", "clustering", "constraint", "effective_size",
    "efficiency", "hierarchy", "local_bridges", "weak_contacts", "strong_contacts", "combines_weak_and_strong",
    "regional_gatekeeper", "regional_representative", "external_itinerant", "ei_location", "ei_actor_type",
    "brokerage_coordinator",
    "brokerage_itinerant", "brokerage_representative", "brokerage_gatekeeper", "brokerage_liaison",
    "brokerage_total",
)  # fmt: skip
ACTOR_COLUMNS = (
    "actor_id", "region_id", "region", "kind", "name", "location", "org_type", "size_band", "founded",
    "hierarchy_level", "occupational_group", "affiliation_id", "spun_off_from_id",
    "metrics_status", "metrics_computed_at", *METRIC_COLUMNS,
)  # fmt: skip
INTERACTION_COLUMNS = (
    "interaction_id", "region_id", "region", "wave_id", "wave", "source_id", "source", "target_id", "target",
    "directed", "mode_competition", "mode_rivalry", "mode_conflict", "mode_cooperation", "content",
    "rating_time", "rating_emotional_intensity", "rating_intimacy", "rating_reciprocal_services", "rating_mean",
    "channel", "setting", "formality", "trust_basis", "duration", "includes_private_sphere", "confidence",
    "evidence_count", "coder", "memo", "created_at",
)  # fmt: skip
CODING_COLUMNS = (
    "coding_id", "interview_id", "interview", "interview_date", "region_id", "region", "wave_id", "wave",
    "code_id", "code", "code_path", "coder", "start", "end", "quote", "memo", "coded_at",
)  # fmt: skip
REGION_COLUMNS = ("region_id", "region", "country", "technology_field", "lifecycle_phase", "latitude", "longitude")
WAVE_COLUMNS = ("wave_id", "region_id", "region", "wave", "start", "end")
INTERVIEW_COLUMNS = (
    "interview_id", "region_id", "region", "wave_id", "wave", "interview", "interview_date", "mode", "language",
    "consent_status", "interviewees",
)  # fmt: skip
# The codebook of the study variables in the other tables (coding.exchange.tables.variables).
VARIABLE_COLUMNS = ("table", "column", "target", "name", "label", "type", "categories", "unit", "description")
# The snapshot whose figures the actors table carries: all waves, all tie layers.
METRICS_LAYER = "all"


@dataclass(frozen=True)
class TableScope:
    """What a table covers: a whole study or one of its regions, optionally pseudonymised."""

    study: Study
    region: Region | None = None
    pseudonymiser: Pseudonymiser | None = None

    @property
    def region_filter(self) -> dict[str, Any]:
        return {"region": self.region} if self.region else {"region__study": self.study}

    def name(self, actor: Actor) -> str:
        if self.pseudonymiser and actor.kind == ActorKind.PERSON:
            return self.pseudonymiser.name(actor.name)
        return actor.name

    def text(self, text: str) -> str:
        return self.pseudonymiser.text(text) if self.pseudonymiser else text

    def coder(self, user: Any) -> str:
        if user is None:
            return ""
        return researcher_pseudonym(user.pk) if self.pseudonymiser else user.get_username()


def make_scope(study: Study, region: Region | None, *, pseudonymised: bool) -> TableScope:
    if not pseudonymised:
        return TableScope(study, region)
    return TableScope(study, region, study_pseudonymiser(study.pk))


# Each actor's figures of a snapshot, in METRIC_COLUMNS order, cut out in the database: the whole
# result of a 5,000-actor, 50,000-tie region is 13 MB of JSON (mostly ties), which parsed in Python
# was the actors table's peak memory (issue 17). The keys go in as parameters (only their
# placeholders are joined into the text).
_FIGURE_PLACEHOLDERS = ", ".join(["a -> %s"] * len(METRIC_COLUMNS))
_ACTOR_FIGURES_SQL = (
    f"SELECT coalesce(jsonb_agg(jsonb_build_array(a -> 'id', {_FIGURE_PLACEHOLDERS}) ORDER BY n), '[]'::jsonb) "  # noqa: S608
    """FROM jsonb_array_elements(coalesce("coding_analysissnapshot"."result" -> 'actors', '[]'::jsonb))"""
    " WITH ORDINALITY AS e(a, n)"
)


def _metrics_by_actor(scope: TableScope) -> dict[int, tuple[str, Any, Sequence[Any]]]:
    """actor id -> (status, computed_at, figures in METRIC_COLUMNS order) from the regions' all-waves
    snapshots (one query)."""
    postgresql = connection.vendor == "postgresql"  # else the embedded SQLite: its small results in Python
    figures_sql = RawSQL(_ACTOR_FIGURES_SQL, METRIC_COLUMNS, output_field=JSONField())  # noqa: S611
    snapshots = (
        AnalysisSnapshot.objects.filter(wave__isnull=True, layer=METRICS_LAYER, has_result=True, **scope.region_filter)
        .select_related("region__analysis_state")
        .defer("result", "evidence")
        .annotate(actor_figures=figures_sql if postgresql else KeyTransform("actors", "result"))
    )
    found: dict[int, tuple[str, Any, Sequence[Any]]] = {}
    for snapshot in snapshots:
        state = getattr(snapshot.region, "analysis_state", None)
        behind = state is not None and snapshot.input_version < state.version
        status = "stale" if behind or snapshot.status != SnapshotStatus.OK else "current"
        for row in snapshot.actor_figures or []:
            actor_id, *figures = row if postgresql else [row.get(key) for key in ("id", *METRIC_COLUMNS)]
            found[actor_id] = (status, snapshot.computed_at, figures)
    return found


def actor_rows(scope: TableScope) -> Iterator[Sequence[Value]]:
    metrics = _metrics_by_actor(scope)
    missing = ("missing", None, [None] * len(METRIC_COLUMNS))
    actors = Actor.objects.filter(**scope.region_filter).select_related("region").order_by("region__name", "pk")
    for actor in actors.iterator(chunk_size=CHUNK):
        status, computed_at, figures = metrics.get(actor.pk, missing)
        yield (
            actor.pk, actor.region_id, actor.region.name, actor.kind, scope.name(actor), actor.location,
            actor.org_type, actor.size_band, actor.founded, actor.hierarchy_level, actor.occupational_group,
            actor.affiliation_id, actor.spun_off_from_id, status, computed_at, *figures,
        )  # fmt: skip


def interaction_rows(scope: TableScope) -> Iterator[Sequence[Value]]:
    ties = (
        Interaction.objects.filter(**scope.region_filter)
        .select_related("region", "wave", "source", "target", "coder")
        .annotate(evidence_count=Count("evidence"))
        .order_by("region__name", "pk")
    )
    for tie in ties.iterator(chunk_size=CHUNK):
        ratings = [value for field in Interaction.RATING_FIELDS if (value := getattr(tie, field)) is not None]
        yield (
            tie.pk, tie.region_id, tie.region.name, tie.wave_id, tie.wave.label if tie.wave else None,
            tie.source_id, scope.name(tie.source), tie.target_id, scope.name(tie.target), tie.directed,
            tie.mode_competition, tie.mode_rivalry, tie.mode_conflict, tie.mode_cooperation, scope.text(tie.content),
            *(getattr(tie, field) for field in Interaction.RATING_FIELDS), float(mean(ratings)) if ratings else None,
            tie.channel, tie.setting, tie.formality, tie.trust_basis, tie.duration, tie.includes_private_sphere,
            tie.confidence, tie.evidence_count, scope.coder(tie.coder), scope.text(tie.memo), tie.created_at,
        )  # fmt: skip


def code_paths(scheme_id: int | None) -> dict[int, str]:
    """Code id -> "Parent > Child" path of the whole scheme (one query)."""
    rows = Code.objects.filter(scheme_id=scheme_id).values_list("pk", "name", "parent_id")
    codes = {pk: (name, parent) for pk, name, parent in rows}

    def path(pk: int, seen: frozenset[int] = frozenset()) -> str:
        name, parent = codes[pk]
        if parent is None or parent in seen or parent not in codes:
            return name
        return f"{path(parent, seen | {pk})} > {name}"

    return {pk: path(pk) for pk in codes}


def coding_rows(scope: TableScope) -> Iterator[Sequence[Value]]:
    paths = code_paths(scope.study.coding_scheme_id)
    codings = Coding.objects.filter(**{f"interview__{key}": value for key, value in scope.region_filter.items()})
    codings = codings.select_related("interview__region", "interview__wave", "code", "coder")
    if scope.pseudonymiser is None:
        codings = codings.defer("interview__transcript")  # only needed to move offsets
    offsets: tuple[int | None, OffsetMap] = (None, OffsetMap())
    for coding in codings.order_by("interview__region__name", "interview_id", "start", "pk").iterator(chunk_size=CHUNK):
        interview = coding.interview
        start, end = coding.start, coding.end
        if scope.pseudonymiser is not None:
            if offsets[0] != interview.pk:  # rows come grouped by interview: one pass per transcript
                offsets = (interview.pk, scope.pseudonymiser.apply(interview.transcript)[1])
            start, end = offsets[1].span(start, end)
        yield (
            coding.pk, interview.pk, scope.text(interview.title), interview.date, interview.region_id,
            interview.region.name, interview.wave_id, interview.wave.label if interview.wave else None,
            coding.code_id, coding.code.name, paths.get(coding.code_id, coding.code.name), scope.coder(coding.coder),
            start, end, scope.text(coding.quote), scope.text(coding.memo), coding.created_at,
        )  # fmt: skip


def region_rows(scope: TableScope) -> Iterator[Sequence[Value]]:
    regions = Region.objects.filter(pk=scope.region.pk) if scope.region else scope.study.regions.all()
    for region in regions.order_by("name", "pk"):
        yield (
            region.pk, region.name, region.country, region.technology_field, region.lifecycle_phase,
            region.centroid_latitude, region.centroid_longitude,
        )  # fmt: skip


def wave_rows(scope: TableScope) -> Iterator[Sequence[Value]]:
    waves = Wave.objects.filter(**scope.region_filter).select_related("region").order_by("region__name", "start", "pk")
    for wave in waves:
        yield (wave.pk, wave.region_id, wave.region.name, wave.label, wave.start, wave.end)


def interview_rows(scope: TableScope) -> Iterator[Sequence[Value]]:
    """Interviews without their transcripts (the codings table has the coded passages). Two queries."""
    where = {f"interview__{key}": value for key, value in scope.region_filter.items()}
    interviewees: dict[int, list[str]] = {}
    links = Interview.interviewees.through.objects.filter(**where).order_by("actor__name")
    for interview_id, name, kind in links.values_list("interview_id", "actor__name", "actor__kind"):
        interviewees.setdefault(interview_id, []).append(scope.name(Actor(kind=kind, name=name)))
    interviews = (
        Interview.objects.filter(**scope.region_filter)
        .select_related("region", "wave")
        .defer("transcript")
        .order_by("region__name", "pk")
    )
    for interview in interviews.iterator(chunk_size=CHUNK):
        yield (
            interview.pk, interview.region_id, interview.region.name, interview.wave_id,
            interview.wave.label if interview.wave else None, scope.text(interview.title), interview.date,
            interview.mode, interview.language, interview.consent_status,
            "; ".join(interviewees.get(interview.pk, [])),
        )  # fmt: skip


def study_variables(scope: TableScope, target: str | None = None) -> list[Variable]:
    """The study's variables (of one kind of record), in page order. One query."""
    variables = Variable.objects.filter(study=scope.study)
    if target is not None:
        variables = variables.filter(target=target)
    return list(variables.order_by("target", "position", "name", "pk"))


def codebook_rows(scope: TableScope, variables: Sequence[Variable]) -> list[Sequence[Value]]:
    """One row per variable: where it is (table, column) and what it is."""
    columns: dict[str, dict[str, str]] = {}
    for target, table in TABLE_OF.items():
        names = [variable.name for variable in variables if variable.target == target]
        columns[target] = column_names(TABLES[table].columns, names)
    return [
        (
            TABLE_OF[variable.target],
            columns[variable.target][variable.name],
            variable.target,
            variable.name,
            variable.label,
            variable.type,
            _categories(variable),
            variable.unit,
            scope.text(variable.description),
        )
        for variable in variables
    ]


def _categories(variable: Variable) -> str:
    if variable.type == pure.CATEGORICAL:
        return categories_text(variable.categories)
    return "1 = yes, 0 = no" if variable.type == pure.BOOLEAN else ""


def variable_table_rows(scope: TableScope) -> Iterator[Sequence[Value]]:
    """The ``variables`` table: the codebook of every table's variable columns (one query)."""
    yield from codebook_rows(scope, study_variables(scope))


@dataclass(frozen=True)
class Table:
    """A table's fixed columns (the first is the record's id) and rows; ``target``: the kind of record
    whose study variables follow as further columns (``coding.exchange.tables.variables``)."""

    columns: tuple[str, ...]
    rows: Callable[[TableScope], Iterator[Sequence[Value]]]
    target: str | None = None


TABLES: dict[str, Table] = {
    "actors": Table(ACTOR_COLUMNS, actor_rows, "actor"),
    "interactions": Table(INTERACTION_COLUMNS, interaction_rows),
    "codings": Table(CODING_COLUMNS, coding_rows),
    "regions": Table(REGION_COLUMNS, region_rows, "region"),
    "waves": Table(WAVE_COLUMNS, wave_rows, "wave"),
    "interviews": Table(INTERVIEW_COLUMNS, interview_rows, "interview"),
    "variables": Table(VARIABLE_COLUMNS, variable_table_rows),
    "tie_changes": Table(TIE_CHANGE_COLUMNS, tie_change_rows),
}
# The table of each kind of record, whose rows the record's study variables extend.
TABLE_OF = {spec.target: name for name, spec in TABLES.items() if spec.target}
