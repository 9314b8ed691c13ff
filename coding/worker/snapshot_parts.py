"""Reads of the parts of a stored analysis result a page needs, cut out by the database.

The result of a 5,000-actor / 50,000-tie region is some 13 MB of JSON, most of it the ties (issue
17); decoding all of it took most of the analysis page's time. Each part here is one SQL expression
over the ``result`` column, so PostgreSQL (jsonb) and SQLite (JSON1) read the stored value once per
part and send only what is asked for: the result without its tie lists, or a list of records
projected to a few keys as compact arrays (``[[v1, v2, …], …]``). Both databases the app runs on are
covered; another backend gets a clear error, not a wrong answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import F, Func, JSONField
from django.db.models.sql.compiler import SQLCompiler

from coding.worker.models import AnalysisSnapshot

# Left out of the page's reading of the result: the page shows none of them (the network comes from
# its own endpoint, the partitions' figures from theirs), and together they are most of its size.
PAGE_SKIPS: tuple[tuple[str, ...], ...] = (("ties",), ("partitions",), ("levels", "organisation", "ties"))

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
            sql = column
            for path in self.paths:
                sql = f"({sql} #- '{{{','.join(path)}}}')"
            return sql, list(params)
        if connection.vendor == "sqlite":
            removed = ", ".join("'$." + ".".join(path) + "'" for path in self.paths)
            return f"json_remove({column}, {removed})", list(params)
        raise _unsupported(connection)


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
    """Annotations for the snapshot query of the analysis page (read with ``page_result``): the
    result without the tie lists and partitions, and each tie's [source, target] (communities)."""
    return {"page_summary": ResultWithout(PAGE_SKIPS), "page_tie_pairs": ResultRows(["ties"], ["source", "target"])}


def page_result(snapshot: AnalysisSnapshot) -> dict[str, Any]:
    """The result as the analysis page reads it (``page_parts``), the pairs under ``"tie_pairs"``."""
    summary = getattr(snapshot, "page_summary", None)
    if not isinstance(summary, dict):
        return {}
    return {**summary, "tie_pairs": getattr(snapshot, "page_tie_pairs", None) or []}


def rows_parts(**lists: tuple[Sequence[str], Sequence[str]]) -> dict[str, Func]:
    """Annotations of projected lists: ``name=(path, keys)``, each read back as ``result_rows``."""
    return {f"rows_{name}": ResultRows(path, keys) for name, (path, keys) in lists.items()}


def result_rows(snapshot: AnalysisSnapshot | None, name: str) -> list[list[Any]]:
    """The rows of one list annotated by ``rows_parts`` (none without a snapshot)."""
    return list(getattr(snapshot, f"rows_{name}", None) or [])
