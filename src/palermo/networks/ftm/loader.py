"""Checked fragments written as Statement rows and Entity rows, one batch at a time inside the caller's
transaction. New entity ids get their Entity row at once (shown only when the source is ready: it is
their first source); ids the investigation already has from other sources are recomputed at the end."""

from dataclasses import dataclass

from django.db import connection

from palermo.networks.ftm.bulk import db_datetime, insert_entities, insert_statements
from palermo.networks.ftm.fragments import Fragment
from palermo.networks.ftm.index import chunks, common_schema, refresh_entities, summarise
from palermo.networks.models import Entity, Source

# SQLite's page cache for the import's connection: the statement and entity indexes outgrow the default
# 2 MB within the first batches of a large file (benchmarks/bench_networks_import.py).
SQLITE_CACHE_KIB = 256 * 1024


class SchemaConflict(Exception):
    """An entity id given two schemata that no entity can have both of."""

    def __init__(self, line: int, entity_id: str, schema: str, other: str):
        super().__init__(entity_id)
        self.problem = (
            line,
            "schema",
            "schema_conflict",
            {"value": entity_id, "schema": schema, "other": other},
        )


@dataclass
class Written:
    entities: int = 0
    statements: int = 0
    merged: int = 0  # ids other sources stated first: their rows are recomputed when the import is done


class Loader:
    def __init__(self, source: Source, *, user_id: int | None, stated_at):
        self.source = source
        self.investigation_id = source.investigation_id
        self.user_id = user_id
        self.stated_at = db_datetime(stated_at)
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")

    def write(self, fragments: list[Fragment]) -> Written:
        """Write one batch, in the caller's transaction. Raises SchemaConflict before writing anything."""
        schemata: dict[str, str] = {}
        values: dict[str, list] = {}
        rows = []
        head = self.investigation_id
        tail = (self.source.pk,)
        stated = (self.stated_at, self.user_id)
        for fragment in fragments:
            entity_id, schema, line = fragment.entity_id, fragment.schema, fragment.line
            known = schemata.get(entity_id)
            if known is None:
                schemata[entity_id] = schema
                collected = values[entity_id] = []
            else:
                if known != schema:
                    narrower = common_schema(known, schema)
                    if narrower is None:
                        raise SchemaConflict(line, entity_id, known, schema)
                    schemata[entity_id] = narrower
                collected = values[entity_id]
            for prop, value, lang, original in fragment.values:
                collected.append((prop, value))
                rows.append((head, entity_id, schema, prop, value, lang, original, *tail, line, *stated))
        existing = self._existing(list(schemata))
        for entity_id, (schema, _first) in existing.items():
            if common_schema(schema, schemata[entity_id]) is None:
                line = next(f.line for f in fragments if f.entity_id == entity_id)
                raise SchemaConflict(line, entity_id, schema, schemata[entity_id])
        insert_statements(rows)
        source_id = self.source.pk
        new_rows = []
        for entity_id, schema in schemata.items():
            collected = values[entity_id]
            if not collected or entity_id in existing:
                continue
            schema, caption, countries = summarise(schema, collected, entity_id)
            new_rows.append((head, entity_id, entity_id, schema, caption, countries, source_id))
        insert_entities(new_rows)
        again = [entity_id for entity_id, (_s, first) in existing.items() if first == source_id]
        refresh_entities(self.investigation_id, again, loading_source_id=source_id)
        return Written(entities=len(new_rows), statements=len(rows), merged=len(existing) - len(again))

    def _existing(self, entity_ids: list[str]) -> dict[str, tuple[str, int | None]]:
        """The Entity rows the investigation already has for these ids: (schema, first source)."""
        if connection.vendor == "postgresql":
            # One lookup of the unique index per id (LIMIT 1 keeps the planner from a join): with the
            # statistics of a table that grows by a million rows during the import, PostgreSQL plans
            # `entity_id IN (...)` or a join as a scan of the whole investigation (~0.3 s a batch).
            table = connection.ops.quote_name(Entity._meta.db_table)
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT e.entity_id, e.schema, e.first_source_id FROM unnest(%s::text[]) AS k(id) "
                    f"CROSS JOIN LATERAL (SELECT entity_id, schema, first_source_id FROM {table} "
                    f"WHERE investigation_id = %s AND entity_id = k.id LIMIT 1) AS e",
                    [entity_ids, self.investigation_id],
                )
                return {entity_id: (schema, first) for entity_id, schema, first in cursor.fetchall()}
        found: dict[str, tuple[str, int | None]] = {}
        if connection.vendor == "sqlite":
            # The driver itself, a chunk of ids a query: the ORM's lookups cost more than SQLite's.
            connection.ensure_connection()
            table = connection.ops.quote_name(Entity._meta.db_table)
            for ids in chunks(entity_ids):
                rows = connection.connection.execute(
                    f"SELECT entity_id, schema, first_source_id FROM {table} "
                    f"WHERE investigation_id = ? AND entity_id IN ({', '.join('?' * len(ids))})",
                    [self.investigation_id, *ids],
                )
                found.update((entity_id, (schema, first)) for entity_id, schema, first in rows)
            return found
        for ids in chunks(entity_ids):
            for entity_id, schema, first in Entity.objects.filter(
                investigation_id=self.investigation_id, entity_id__in=ids
            ).values_list("entity_id", "schema", "first_source_id"):
                found[entity_id] = (schema, first)
        return found
