"""PostgreSQL as the tests use it (config/settings/test.py): Django's own backend, except that the
flush after every test that commits (each browser test, each transactional test) empties the tables
with DELETE instead of TRUNCATE. TRUNCATE gives each of the hundred-odd tables and its indexes a new
file: seconds per test, where deleting the few rows a test leaves takes a tenth of one."""

from django.db.backends.postgresql import base, operations


class DatabaseOperations(operations.DatabaseOperations):
    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        # Resetting sequences and cascading to tables not named are TRUNCATE's to do.
        if not tables or reset_sequences or allow_cascade:
            return super().sql_flush(style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
        # Foreign keys are checked when the flush commits, once every table is empty.
        return [
            "SET CONSTRAINTS ALL DEFERRED;",
            *(f"{style.SQL_KEYWORD('DELETE FROM')} {style.SQL_FIELD(self.quote_name(table))};" for table in tables),
        ]


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
