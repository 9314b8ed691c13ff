"""Cross-row rules the ORM cannot declare, added on PostgreSQL by migrations.

Composite foreign keys keep related rows inside one region (or one coding scheme): the
referenced table carries a unique (region_id, id) constraint declared on the model. MATCH
SIMPLE means a NULL in the optional column (e.g. no wave) leaves the row unchecked. SQLite
(the embedded default) relies on the models' ``clean()`` and the services instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.backends.base.schema import BaseDatabaseSchemaEditor


@dataclass(frozen=True)
class CompositeForeignKey:
    name: str
    table: str
    columns: tuple[str, str]
    ref_table: str
    ref_columns: tuple[str, str]

    def create_sql(self) -> str:
        return (
            f'ALTER TABLE "{self.table}" ADD CONSTRAINT "{self.name}" '
            f'FOREIGN KEY ({", ".join(self.columns)}) REFERENCES "{self.ref_table}" ({", ".join(self.ref_columns)})'
        )

    def drop_sql(self) -> str:
        return f'ALTER TABLE "{self.table}" DROP CONSTRAINT IF EXISTS "{self.name}"'


def run_on_postgresql(schema_editor: BaseDatabaseSchemaEditor, statements: list[str]) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in statements:
        schema_editor.execute(statement, params=None)  # None: "%" in PL/pgSQL is no placeholder
