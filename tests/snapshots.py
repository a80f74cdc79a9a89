"""Copies of the whole test database, to put back a state that took long to build (the demo).

On SQLite a copy is an in-memory database filled by SQLite's backup API: taking or restoring one
copies the file's pages in milliseconds, the full-text index's included, and leaves no row of what
was there before. Elsewhere it is Django's serialization of every row, which takes seconds.
"""


def take_snapshot(connection):
    """Everything in the database as it stands. On SQLite, call it outside any transaction."""
    if connection.vendor != "sqlite":
        return connection.creation.serialize_db_to_string()
    import sqlite3

    connection.ensure_connection()
    copy = sqlite3.connect(":memory:", check_same_thread=False)
    connection.connection.backup(copy)
    return copy


def restore_snapshot(connection, copy):
    """Puts back the rows `take_snapshot` found. On SQLite, call it outside any transaction."""
    if connection.vendor != "sqlite":
        connection.creation.deserialize_db_from_string(copy)
        return
    connection.ensure_connection()
    copy.backup(connection.connection)
