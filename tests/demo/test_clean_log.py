"""`make run` leaves a clean log: the demo loaded into a fresh var/ with the database task backend (as
config/settings/dev.py has it), then the task worker run over everything the loading queued, each in
a process of its own as `make run` starts them. No task fails, and neither the loading nor the
workers, at the levels LOGGING sets, write anything at INFO."""

import sqlite3

import pytest

from tests.migrated_template import migrated_sqlite_database
from tests.processes import environment, manage


@pytest.fixture(scope="module")
def made_run(tmp_path_factory):
    """(the database, the log) after `make run`'s load_demo and one pass of its workers."""
    var = tmp_path_factory.mktemp("var")
    migrated_sqlite_database(var / "db.sqlite3")
    env = environment(
        without={"DATABASE_URL", "SQLITE_PATH", "LOG_LEVEL", "REDIS_URL"},
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        VAR_DIR=str(var),
    )
    loaded = manage("load_demo", env=env)
    assert loaded.returncode == 0, loaded.stderr[-3000:]
    log = loaded.stdout + loaded.stderr
    for queue in ("default", "mail"):  # `make run` starts a worker for each queue
        worker = manage(
            "db_worker",
            "--batch",
            "--no-reload",
            "--no-startup-delay",
            "--interval",
            "0",
            "--queue-name",
            queue,
            env=env,
        )
        assert worker.returncode == 0, worker.stderr[-3000:]
        log += worker.stdout + worker.stderr
    return var / "db.sqlite3", log


def task_counts(database) -> dict[str, int]:
    with sqlite3.connect(database) as connection:
        rows = connection.execute("SELECT status, COUNT(*) FROM django_tasks_database_dbtaskresult GROUP BY status")
        return dict(rows.fetchall())


def test_loading_the_demo_leaves_no_failed_task(made_run):
    database, _log = made_run
    counts = task_counts(database)
    assert counts.get("SUCCESSFUL", 0) > 100  # the worker did run what the loading queued
    assert counts.keys() == {"SUCCESSFUL"}, counts


def test_loading_and_the_workers_log_nothing_at_info(made_run):
    _database, log = made_run
    assert [line for line in log.splitlines() if " INFO " in line] == []
