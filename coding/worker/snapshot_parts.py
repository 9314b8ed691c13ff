"""Reads of the parts of a stored analysis result a page needs, cut out by the database.

The result of a 5,000-actor / 50,000-tie region is some 13 MB of JSON, most of it the ties (issue
17); decoding all of it took most of the analysis page's time. Each part here is one SQL expression
over the ``result`` column, so PostgreSQL (jsonb) and SQLite (JSON1) read the stored value once per
part and send only what is asked for: the result without its tie lists, or a list of records
projected to a few keys as compact arrays (``[[v1, v2, …], …]``). Both databases the app runs on are
covered; another backend gets a clear error, not a wrong answer.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import F, Func, JSONField
from django.db.models.sql.compiler import SQLCompiler

from coding.analysis import glossary
from coding.analysis.levels import ORGANISATION_LEVEL, SAME_AS_CODED, organisation_result
from coding.analysis.partitions import ROLES
from coding.worker.communities_section import community_tie_counts
from coding.worker.models import AnalysisSnapshot

logger = logging.getLogger(__name__)

# Left out of the page's reading of the result as a whole: the network comes from its own endpoint,
# the partitions' figures from theirs, and the actor records are read projected (``PAGE_ACTOR_KEYS``).
PAGE_SKIPS: tuple[tuple[str, ...], ...] = (
    ("ties",),
    ("partitions",),
    ("actors",),
    ("levels", "organisation", "ties"),
    ("levels", "organisation", "actors"),
)
# What the page reads of an actor record: its table's columns, the charts' figures, the name.
PAGE_ACTOR_KEYS: tuple[str, ...] = (
    "id",
    "name",
    *glossary.ACTOR_COLUMNS,
    *(f"brokerage_{role}" for role in ROLES),
)

# How long a page's reading of a result stays cached (it is replaced by a newer result's anyway).
PAGE_RESULT_SECONDS = 3600

_KEY = "abcdefghijklmnopqrstuvwxyz_0123456789"


def _checked(key: str) -> str:
    """Keys are written into the SQL: only the plain keys of our own results are allowed."""
    if not key or any(char not in _KEY for char in key):
        raise ValueError(f"Not a result key: {key!r}")
    return key


class ResultWithout(Func):
    """The ``result`` JSON without the parts at ``paths`` (each a tuple of keys)."""

    output_field = JSONField()

    def __init__(self, paths: Sequence[tuple[str, ...]]) -> None:
        super().__init__(F("result"))
        self.paths = [tuple(_checked(key) for key in path) for path in paths]

    def as_sql(  # type: ignore[override]
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any
    ) -> tuple[str, list[Any]]:
        column, params = compiler.compile(self.source_expressions[0])
        if connection.vendor == "postgresql":
            sql = _without_postgresql(column, self.paths)
            return sql, list(params) * sql.count(column)
        if connection.vendor == "sqlite":
            removed = ", ".join("'$." + ".".join(path) + "'" for path in self.paths)
            return f"json_remove({column}, {removed})", list(params)
        raise _unsupported(connection)


def _by_parent(paths: Sequence[tuple[str, ...]]) -> dict[tuple[str, ...], list[str]]:
    parents: dict[tuple[str, ...], list[str]] = {}
    for path in paths:
        parents.setdefault(path[:-1], []).append(path[-1])
    return parents


def _without_postgresql(column: str, paths: Sequence[tuple[str, ...]]) -> str:
    """Top-level keys dropped with one ``- array[…]`` and a nested object put back without its keys:
    each ``#-`` copied the whole value (five of them on a 20 MB result took most of a second)."""
    parents = _by_parent(paths)

    def keys(names: list[str]) -> str:
        return "array[" + ", ".join(f"'{name}'" for name in names) + "]"

    sql = f"({column} - {keys(parents.pop((), []))})"
    for parent, names in parents.items():
        where = "'{" + ",".join(parent) + "}'"
        # jsonb_set of a missing value is NULL (then the result as it is); it never adds the path.
        sql = f"coalesce(jsonb_set({sql}, {where}, ({column} #> {where}) - {keys(names)}, false), {sql})"
    return sql


class ResultRows(Func):
    """The records of the list at ``path`` in ``result``, each as an array of its ``keys`` (null
    when missing), in stored order: ``[[1, "Acme", 3], …]``; ``[]`` when there is no such list."""

    output_field = JSONField()

    def __init__(self, path: Sequence[str], keys: Sequence[str]) -> None:
        super().__init__(F("result"))
        self.path = [_checked(key) for key in path]
        self.keys = [_checked(key) for key in keys]

    def as_sql(  # type: ignore[override]
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any
    ) -> tuple[str, list[Any]]:
        column, params = compiler.compile(self.source_expressions[0])
        if connection.vendor == "postgresql":
            items = ", ".join(f"e.v -> '{key}'" for key in self.keys)
            rows = (
                # Keys and paths are checked (``_checked``); the column is Django's own.
                f"SELECT coalesce(jsonb_agg(jsonb_build_array({items}) ORDER BY e.n), '[]'::jsonb) "  # noqa: S608
                f"FROM jsonb_array_elements(CASE WHEN jsonb_typeof({column} #> '{{{','.join(self.path)}}}') = 'array' "
                f"THEN {column} #> '{{{','.join(self.path)}}}' ELSE '[]'::jsonb END) WITH ORDINALITY AS e(v, n)"
            )
            return f"({rows})", [*params, *params, *params]
        if connection.vendor == "sqlite":
            items = ", ".join(f"e.value -> '$.{key}'" for key in self.keys)
            where = "'$." + ".".join(self.path) + "'"
            rows = (
                f"SELECT coalesce(json_group_array(json_array({items})), '[]') "  # noqa: S608
                f"FROM json_each(CASE WHEN json_type({column}, {where}) = 'array' THEN {column} ELSE '{{}}' END, "
                f"{where}) AS e"
            )
            return f"({rows})", [*params, *params, *params]
        raise _unsupported(connection)


def _unsupported(connection: BaseDatabaseWrapper) -> NotImplementedError:
    return NotImplementedError(f"Parts of a result are read on PostgreSQL and SQLite, not {connection.vendor}.")


def page_parts() -> dict[str, Func]:
    """The parts of the result the analysis page reads, as one query's expressions (``page_result``)."""
    return {
        "page_summary": ResultWithout(PAGE_SKIPS),
        "page_actors": ResultRows(["actors"], PAGE_ACTOR_KEYS),
        "page_organisation_actors": ResultRows(["levels", "organisation", "actors"], PAGE_ACTOR_KEYS),
        "page_tie_pairs": ResultRows(["ties"], ["source", "target"]),
    }


def page_result(snapshot: AnalysisSnapshot) -> dict[str, Any]:
    """The result as the analysis page reads it (``page_parts``): without ties and partitions, its
    actor records with ``PAGE_ACTOR_KEYS`` only, the communities' tie counts under ``"community_ties"``.

    Kept in the cache under the snapshot's identity and version: cutting the parts out of a 20 MB
    result costs the database about half a second, and the same result is read again for every
    page of the actor table, each sort, each open tab and the fragment the status poll reloads.
    A stored run changes ``computed_at`` (and the stability run ``stability_state``), so a newer
    result is never answered from an older entry."""
    key = ":".join(
        str(part)
        for part in (
            "analysis-page-result",
            snapshot.pk,
            snapshot.input_version,
            snapshot.computed_at.isoformat() if snapshot.computed_at else "",
            snapshot.stability_state,
        )
    )
    found = cache.get(key)
    if found is None:
        row = AnalysisSnapshot.objects.filter(pk=snapshot.pk).values(**page_parts()).first()
        found = _assembled(row) if row else {}
        cache.set(key, found, PAGE_RESULT_SECONDS)
    return found


def page_result_warm(*, region_id: int) -> bool:
    """Put the region's "all ties, all waves" result, as the page reads it, into the cache the web
    processes share, so that its first reader does not wait for the database to cut it out (a
    5,000-actor region: 650 ms cold, 150 ms warm), nor does every open page when the status poll
    reloads it. The worker calls it after storing that snapshot and after its follow-up; with a
    per-process cache (the embedded default) it does nothing. Returns whether it warmed; never
    raises (a failure here must not fail the run that stored the result)."""
    if str(settings.CACHES["default"]["BACKEND"]).endswith("LocMemCache"):
        return False
    try:
        snapshot = (
            AnalysisSnapshot.objects.filter(region_id=region_id, wave__isnull=True, layer="all", has_result=True)
            .only("pk", "input_version", "computed_at", "stability_state")
            .first()
        )
        if snapshot is not None:
            page_result(snapshot)
    except Exception:
        logger.exception("Could not cache the analysis page's reading of region %s", region_id)
        return False
    return snapshot is not None


def _assembled(row: dict[str, Any]) -> dict[str, Any]:
    summary = row["page_summary"]
    if not isinstance(summary, dict):
        return {}
    summary["actors"] = _records(row["page_actors"])
    organisation = (summary.get("levels") or {}).get(ORGANISATION_LEVEL)
    if isinstance(organisation, dict) and organisation.get(SAME_AS_CODED):
        summary["levels"][ORGANISATION_LEVEL] = organisation_result(summary)
    elif isinstance(organisation, dict):
        organisation["actors"] = _records(row["page_organisation_actors"])
    # The communities' tie counts, not the pairs: 50,000 small lists made the cached value slow to read.
    summary["community_ties"] = community_tie_counts(summary["actors"], row["page_tie_pairs"] or [])
    return summary


def _records(rows: list[list[Any]] | None) -> list[dict[str, Any]]:
    """Projected rows as records again; a missing figure is left out, as in the stored record."""
    return [
        {key: value for key, value in zip(PAGE_ACTOR_KEYS, row, strict=True) if value is not None} for row in rows or []
    ]


def rows_parts(**lists: tuple[Sequence[str], Sequence[str]]) -> dict[str, Func]:
    """Annotations of projected lists: ``name=(path, keys)``, each read back as ``result_rows``."""
    return {f"rows_{name}": ResultRows(path, keys) for name, (path, keys) in lists.items()}


def result_rows(snapshot: AnalysisSnapshot | None, name: str) -> list[list[Any]]:
    """The rows of one list annotated by ``rows_parts`` (none without a snapshot)."""
    return list(getattr(snapshot, f"rows_{name}", None) or [])
