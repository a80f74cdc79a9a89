"""A migrated database kept between test runs, copied where each test process would migrate its own.

`migrate` runs some 270 migrations: tens of seconds of CPU in every test process of every run
(`make pytest` starts three). A copy takes a fraction of a second. The template is named after the
project's migration files and the pinned requirements that bring everyone else's, so a change to
either builds a new one (and drops the old). The data migrations run no project code (a test
in tests/config/test_test_database.py keeps it so), so no other change can make a template stale. The test process still runs `migrate`, which finds
nothing to apply and sends post_migrate as a fresh database gets it.
"""

import contextlib
import fcntl
import hashlib
import os
import sqlite3
from pathlib import Path

from tests.processes import environment, manage

ROOT = Path(__file__).resolve().parents[1]
POSTGRES_PREFIX = "s2pu_test_template_"


def migrations_digest() -> str:
    digest = hashlib.sha256((ROOT / "requirements.txt").read_bytes())
    for path in sorted(ROOT.glob("*/migrations/*.py")):
        digest.update(path.relative_to(ROOT).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def migrate(env: dict) -> None:
    """`manage.py migrate` in a process of its own, so that this one's settings stay untouched."""
    result = manage(
        "migrate",
        "--noinput",
        "-v0",
        env=environment(
            without={"DATABASE_URL", "SQLITE_PATH"}, **{**env, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
        ),
    )
    if result.returncode:
        raise RuntimeError(f"migrating the test template failed:\n{result.stderr[-4000:]}")


def copy_into(connection) -> None:
    """Creates the connection's test database as a copy of the migrated template."""
    test_name = connection.creation._get_test_db_name()
    if connection.vendor == "sqlite":
        _copy_sqlite(Path(test_name))
    elif connection.vendor == "postgresql":
        _copy_postgres(connection, test_name)
    else:
        raise NotImplementedError(connection.vendor)


def supports(connection) -> bool:
    if connection.vendor == "postgresql":
        return True
    return connection.vendor == "sqlite" and not connection.creation.is_in_memory_db(
        connection.creation._get_test_db_name()
    )


def _copy_sqlite(test_database: Path) -> None:
    folder = test_database.parent
    folder.mkdir(parents=True, exist_ok=True)
    template = folder / f"test-template-{migrations_digest()}.sqlite3"
    # Parallel test processes wait here for the first one to build the template, then copy it.
    with open(folder / "test-template.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not template.exists():
            building = folder / f"test-template-{os.getpid()}-building.sqlite3"
            migrate({"SQLITE_PATH": str(building)})
            # Through SQLite's backup, not a file copy: rows still in the write-ahead log come along.
            _sqlite_copy(building, Path(f"{template}.{os.getpid()}"))
            os.replace(f"{template}.{os.getpid()}", template)
            for old in folder.glob("test-template-*"):
                if old != template:
                    old.unlink()
        _sqlite_copy(template, test_database)


def _sqlite_copy(source: Path, target: Path) -> None:
    for leftover in (target, Path(f"{target}-wal"), Path(f"{target}-shm")):
        leftover.unlink(missing_ok=True)
    with contextlib.closing(sqlite3.connect(source)) as reading, contextlib.closing(sqlite3.connect(target)) as writing:
        reading.backup(writing)


def _copy_postgres(connection, test_name: str) -> None:
    from urllib.parse import quote

    quote_name = connection.ops.quote_name
    template = POSTGRES_PREFIX + migrations_digest()
    settings = connection.settings_dict
    credentials = quote(settings["USER"] or "", safe="")
    if settings["PASSWORD"]:
        credentials += ":" + quote(settings["PASSWORD"], safe="")
    address = f"{settings['HOST'] or 'localhost'}:{settings['PORT'] or 5432}"

    with connection._nodb_cursor() as cursor:
        # Parallel test processes wait here for the first one to build the template, then copy it.
        cursor.execute("SELECT pg_advisory_lock(hashtext(%s))", [POSTGRES_PREFIX])
        try:
            cursor.execute("SELECT datname FROM pg_database WHERE datname LIKE %s", [POSTGRES_PREFIX + "%"])
            existing = {row[0] for row in cursor.fetchall()}
            if template not in existing:
                building = f"{template}_{os.getpid()}"
                cursor.execute(f"DROP DATABASE IF EXISTS {quote_name(building)}")
                cursor.execute(f"CREATE DATABASE {quote_name(building)}")
                try:
                    migrate({"DATABASE_URL": f"postgres://{credentials}@{address}/{building}"})
                except Exception:
                    cursor.execute(f"DROP DATABASE IF EXISTS {quote_name(building)}")
                    raise
                cursor.execute(f"ALTER DATABASE {quote_name(building)} RENAME TO {quote_name(template)}")
                for old in existing:
                    cursor.execute(f"DROP DATABASE IF EXISTS {quote_name(old)}")
            cursor.execute(f"DROP DATABASE IF EXISTS {quote_name(test_name)}")
            cursor.execute(f"CREATE DATABASE {quote_name(test_name)} TEMPLATE {quote_name(template)}")
        finally:
            cursor.execute("SELECT pg_advisory_unlock(hashtext(%s))", [POSTGRES_PREFIX])


def migrated_sqlite_database(target: Path) -> None:
    """A migrated SQLite database at `target`, for a site run in processes of its own (`manage.py`,
    gunicorn): a copy of this machine's template when it has one, else migrated there."""
    from django.conf import settings

    template = Path(settings.VAR_DIR) / f"test-template-{migrations_digest()}.sqlite3"
    if template.exists():
        _sqlite_copy(template, target)
    else:
        migrate({"SQLITE_PATH": str(target)})
