"""The shortcuts the test run takes with its database put back exactly what the slow way did."""

import ast

import pytest

from django.contrib.auth.models import Group
from django.core.management.color import no_style
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.migrated_template import ROOT
from tests.snapshots import restore_snapshot, take_snapshot

# Committing tests here bring the migrated rows back afterwards (serialized rollback), as the other
# committing tests do: a plain flush would let post_migrate recreate content types under new ids, and
# the next committing test's restore of the migrated rows would then collide with them.
FIRST_PARTY = {
    "accounts",
    "config",
    "demo",
    "events",
    "home",
    "news",
    "ops",
    "outbox",
    "partnerships",
    "privacy",
    "search",
    "seo",
    "tests",
    "translations",
}


def test_a_restored_snapshot_has_the_rows_and_the_next_ids_it_had(transactional_db, django_db_serialized_rollback):
    Group.objects.create(name="Kept")
    names = set(Group.objects.values_list("name", flat=True))
    copy = take_snapshot(connection)
    Group.objects.filter(name="Kept").update(name="Renamed")
    added = Group.objects.create(name="Added")

    restore_snapshot(connection, copy)

    assert set(Group.objects.values_list("name", flat=True)) == names
    assert Group.objects.create(name="Next").pk == added.pk


def test_the_test_database_copied_from_the_template_has_every_migration(db):
    executor = MigrationExecutor(connection)
    assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []


DATA_MIGRATIONS = [path for path in sorted(ROOT.glob("*/migrations/0*.py")) if "RunPython" in path.read_text()]


@pytest.mark.parametrize("path", DATA_MIGRATIONS, ids=lambda path: f"{path.parts[-3]}/{path.name}")
def test_data_migrations_run_no_project_code(path):
    """The migrated template is named after the migration files and the requirements only: a data
    migration that ran project code could leave it stale when that code changed. (A schema
    migration's references to project code, a choices callable or a mixin, make no SQL.)"""
    modules = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            modules.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            modules.add(node.module.split(".")[0])
    assert DATA_MIGRATIONS and not modules & FIRST_PARTY, path


def test_the_postgresql_flush_deletes_rows_and_keeps_the_tables(transactional_db, django_db_serialized_rollback):
    if connection.vendor != "postgresql":
        pytest.skip("the flush with DELETE is the PostgreSQL test backend's (tests/postgresql)")
    Group.objects.create(name="Flushed")
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    statements = connection.ops.sql_flush(no_style(), tables)
    assert not any("TRUNCATE" in statement for statement in statements)

    connection.ops.execute_sql_flush(statements)

    assert not Group.objects.exists()
