"""Copies of the whole test database, to put back a state that took long to build (the demo).

On SQLite a copy is an in-memory database filled by SQLite's backup API: taking or restoring one
copies the file's pages in milliseconds, the full-text index's included, and leaves no row of what
was there before. On PostgreSQL a copy is a schema of its own holding a copy of every table and the
value of every sequence; restoring empties the tables and copies the rows back in one transaction,
which takes a fraction of a second where saving each row through the ORM took a dozen seconds.
Elsewhere it is Django's serialization of every row, which takes seconds.
"""

import itertools
from dataclasses import dataclass

_schema_numbers = itertools.count()


@dataclass(frozen=True)
class PostgresCopy:
    schema: str
    # The columns a row can be given: a generated column refuses a value, and is computed again.
    columns: dict[str, list[str]]
    sequences: list[tuple[str, int | None, int]]


def take_snapshot(connection):
    """Everything in the database as it stands. On SQLite, call it outside any transaction."""
    if connection.vendor == "postgresql":
        return _take_postgres_snapshot(connection)
    if connection.vendor != "sqlite":
        return connection.creation.serialize_db_to_string()
    import sqlite3

    connection.ensure_connection()
    copy = sqlite3.connect(":memory:", check_same_thread=False)
    connection.connection.backup(copy)
    return copy


def restore_snapshot(connection, copy):
    """Puts back the rows `take_snapshot` found. On SQLite, call it outside any transaction."""
    if connection.vendor == "postgresql":
        _restore_postgres_snapshot(connection, copy)
        return
    if connection.vendor != "sqlite":
        connection.creation.deserialize_db_from_string(copy)
        return
    connection.ensure_connection()
    copy.backup(connection.connection)


def _take_postgres_snapshot(connection):
    from django.db import transaction

    quote = connection.ops.quote_name
    # The copy's schema is outside the search path, so Django's flush and introspection never see it.
    schema = f"test_snapshot_{next(_schema_numbers)}"
    tables = connection.introspection.table_names(include_views=False)
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute(f"DROP SCHEMA IF EXISTS {quote(schema)} CASCADE; CREATE SCHEMA {quote(schema)}")
        for table in tables:
            cursor.execute(f"CREATE TABLE {quote(schema)}.{quote(table)} AS TABLE {quote(table)}")
        cursor.execute(
            """
            SELECT c.relname, a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
            WHERE c.relname = ANY(%s) AND pg_table_is_visible(c.oid)
              AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
            ORDER BY c.relname, a.attnum
            """,
            [tables],
        )
        columns: dict[str, list[str]] = {table: [] for table in tables}
        for table, column in cursor.fetchall():
            columns[table].append(column)
        cursor.execute(
            "SELECT sequencename, last_value, start_value FROM pg_sequences WHERE schemaname = current_schema()"
        )
        sequences = cursor.fetchall()
    return PostgresCopy(schema=schema, columns=columns, sequences=sequences)


def _restore_postgres_snapshot(connection, copy):
    from django.db import transaction

    quote = connection.ops.quote_name
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        # DELETE, not TRUNCATE: TRUNCATE gives every table and index a new file, seconds for the
        # hundred-odd small tables here; the constraints are checked once all rows are back.
        for table in copy.columns:
            cursor.execute(f"DELETE FROM {quote(table)}")
        for table, columns in copy.columns.items():
            listed = ", ".join(quote(column) for column in columns)
            cursor.execute(
                f"INSERT INTO {quote(table)} ({listed}) OVERRIDING SYSTEM VALUE "
                f"SELECT {listed} FROM {quote(copy.schema)}.{quote(table)}"
            )
        if copy.sequences:
            # A sequence never used (last_value NULL) goes back to handing out its start value.
            names, last_values, start_values = zip(*copy.sequences, strict=True)
            cursor.execute(
                """
                SELECT setval(quote_ident(name)::regclass, coalesce(last_value, start_value), last_value IS NOT NULL)
                FROM unnest(%s::text[], %s::bigint[], %s::bigint[]) AS s(name, last_value, start_value)
                """,
                [list(names), list(last_values), list(start_values)],
            )
