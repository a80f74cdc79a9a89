"""One-file backups of the database and the media, and their restore (`manage.py backup`, `restore`).

An archive is a .tar.gz holding `manifest.json`, the database (`database.sqlite3`, a consistent copy
made with SQLite's online backup API, or `database.dump`, pg_dump's custom format) and `media/`.
The manifest records the engine, the row count of every table in the copy and a SHA-256 of every
other member, so that a restore refuses an archive that was damaged or is for another engine, and
proves afterwards that every table came back whole.

Functions take a Django database settings dict (`connections["default"].settings_dict`) rather than
using Django's connection: the tests back up their own test database and restore into a fresh one
without reconfiguring Django.
"""

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

FORMAT_VERSION = 1  # of the archive layout and manifest; raise it when either changes
MANIFEST = "manifest.json"
MEDIA_DIR = "media"
DATABASE_MEMBERS = {"sqlite": "database.sqlite3", "postgresql": "database.dump"}
ARCHIVE_PREFIX = "s2pu-backup-"
ARCHIVE_SUFFIX = ".tar.gz"


class BackupError(Exception):
    """What went wrong, in words an operator can act on."""


@dataclass
class RestoreReport:
    engine: str
    tables: int
    rows: int
    media_files: int
    created: str


def engine_of(database: dict) -> str:
    engine = database["ENGINE"]
    if engine.endswith("sqlite3"):
        return "sqlite"
    if "postgresql" in engine or "postgis" in engine:
        return "postgresql"
    raise BackupError(f"Backups support SQLite and PostgreSQL, not {engine}.")


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for chunk in iter(lambda: file.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


# --- SQLite ---------------------------------------------------------------------------------------


def _sqlite_tables(connection: sqlite3.Connection) -> list[str]:
    rows = connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
    )
    return [name for (name,) in rows]


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def sqlite_row_counts(path: Path) -> dict[str, int]:
    connection = sqlite3.connect(path)
    try:
        return {
            table: connection.execute(f"SELECT COUNT(*) FROM {_quote(table)}").fetchone()[0]  # noqa: S608 - quoted names from sqlite_master
            for table in _sqlite_tables(connection)
        }
    finally:
        connection.close()


def sqlite_integrity_problems(path: Path) -> list[str]:
    """Empty when the file is sound: `PRAGMA integrity_check` says ok and no foreign key dangles."""
    connection = sqlite3.connect(path)
    try:
        problems = [row[0] for row in connection.execute("PRAGMA integrity_check") if row[0] != "ok"]
        problems += [
            f"foreign key: {table} row {rowid} → {parent}"
            for table, rowid, parent, _ in connection.execute("PRAGMA foreign_key_check")
        ]
        return problems
    finally:
        connection.close()


def _sqlite_copy(source_path: Path, target_path: Path) -> None:
    # The online backup API copies a consistent snapshot of a live WAL database, including what is
    # still only in the -wal file; in one step (pages=-1), so writers on other connections never make
    # it start over. The busy timeout waits for a writer's checkpoint rather than failing.
    if not Path(source_path).is_file():
        raise BackupError(f"There is no SQLite database at {source_path}.")
    # Read-only, so that a wrong path can never create an empty database to back up.
    source = sqlite3.connect(f"{Path(source_path).resolve().as_uri()}?mode=ro", uri=True, timeout=30)
    target = sqlite3.connect(target_path, timeout=30)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()


# --- PostgreSQL -----------------------------------------------------------------------------------


def _pg_environment(database: dict) -> dict[str, str]:
    """libpq's environment for the client tools: the password never appears on a command line."""
    environment = dict(os.environ)
    values = {
        "PGHOST": database.get("HOST"),
        "PGPORT": database.get("PORT"),
        "PGUSER": database.get("USER"),
        "PGPASSWORD": database.get("PASSWORD"),
        "PGDATABASE": database.get("NAME"),
    }
    options = database.get("OPTIONS") or {}
    for option, variable in (
        ("sslmode", "PGSSLMODE"),
        ("sslrootcert", "PGSSLROOTCERT"),
        ("sslcert", "PGSSLCERT"),
        ("sslkey", "PGSSLKEY"),
    ):
        values[variable] = options.get(option)
    environment.update({key: str(value) for key, value in values.items() if value})
    return environment


def _pg_connect(database: dict):
    import psycopg

    options = database.get("OPTIONS") or {}
    parameters = {
        "dbname": database.get("NAME"),
        "user": database.get("USER") or None,
        "password": database.get("PASSWORD") or None,
        "host": database.get("HOST") or None,
        "port": database.get("PORT") or None,
        **{key: value for key, value in options.items() if key.startswith("ssl")},
    }
    return psycopg.connect(**{key: value for key, value in parameters.items() if value is not None})


def _pg_tables(cursor) -> list[str]:
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename")
    return [name for (name,) in cursor.fetchall()]


def _pg_counts(cursor) -> dict[str, int]:
    from psycopg import sql

    counts = {}
    for table in _pg_tables(cursor):
        cursor.execute(sql.SQL("SELECT COUNT(*) FROM {}").format(sql.Identifier(table)))
        counts[table] = cursor.fetchone()[0]
    return counts


def postgresql_row_counts(database: dict) -> dict[str, int]:
    """A COUNT(*) per table reads every row of it: also the integrity check after a restore."""
    with _pg_connect(database) as connection, connection.cursor() as cursor:
        return _pg_counts(cursor)


def _run(command: list[str], database: dict) -> None:
    result = subprocess.run(command, env=_pg_environment(database), capture_output=True, text=True, check=False)  # noqa: S603 - fixed argument lists
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[-2000:]}")


def _pg_dump(database: dict, target_path: Path) -> tuple[dict[str, int], dict[str, str]]:
    # The counts and the dump come from one snapshot, exported by this transaction and handed to
    # pg_dump, so that they agree while registrations keep being written.
    import psycopg

    with _pg_connect(database) as connection, connection.cursor() as cursor:
        connection.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        connection.read_only = True
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        counts = _pg_counts(cursor)
        migrations = {}
        if "django_migrations" in counts:
            cursor.execute("SELECT app, name FROM django_migrations")
            migrations = _latest_migrations(cursor.fetchall())
        _run(["pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--file={target_path}"], database)
        connection.rollback()
    return counts, migrations


# --- Media ----------------------------------------------------------------------------------------


def media_root_on_disk() -> Path | None:
    """MEDIA_ROOT when the default storage is the file system; None when media live elsewhere (object
    storage keeps its own versions and is backed up by its provider)."""
    from django.conf import settings
    from django.core.files.storage import FileSystemStorage, default_storage

    return Path(settings.MEDIA_ROOT) if isinstance(default_storage, FileSystemStorage) else None


def _media_files(media_root: Path) -> list[Path]:
    if not media_root.is_dir():
        return []
    return sorted(path for path in media_root.rglob("*") if path.is_file() and not path.is_symlink())


# --- Backup ---------------------------------------------------------------------------------------


def _latest_migrations(rows) -> dict[str, str]:
    latest: dict[str, str] = {}
    for app, name in rows:
        latest[app] = max(latest.get(app, ""), name)
    return latest


def _sqlite_migrations(path: Path) -> dict[str, str]:
    connection = sqlite3.connect(path)
    try:
        return _latest_migrations(connection.execute("SELECT app, name FROM django_migrations"))
    except sqlite3.DatabaseError:
        return {}
    finally:
        connection.close()


class _HashingReader:
    def __init__(self, file):
        self.file = file
        self.digest = hashlib.sha256()

    def read(self, size=-1):
        data = self.file.read(size)
        self.digest.update(data)
        return data


def _add_hashed(archive: tarfile.TarFile, path: Path, member: str) -> str:
    """Add one file and return the SHA-256 of the bytes archived: a media file replaced meanwhile
    cannot make the manifest describe other bytes than the archive holds."""
    with open(path, "rb") as file:
        info = archive.gettarinfo(fileobj=file, arcname=member)
        reader = _HashingReader(file)
        archive.addfile(info, reader)
    return reader.digest.hexdigest()


def create_backup(directory: Path, *, database: dict, media_root: Path | None, keep: int = 0) -> Path:
    """Write one archive into directory and return its path; then keep only the `keep` newest
    (0 keeps all)."""
    engine = engine_of(database)
    directory.mkdir(parents=True, exist_ok=True)
    created = datetime.datetime.now(datetime.UTC)
    name = f"{ARCHIVE_PREFIX}{created:%Y%m%d-%H%M%S-%f}{ARCHIVE_SUFFIX}"
    with tempfile.TemporaryDirectory(dir=directory, prefix=".backup-") as scratch:
        dump = Path(scratch) / DATABASE_MEMBERS[engine]
        if engine == "sqlite":
            _sqlite_copy(Path(database["NAME"]), dump)
            counts = sqlite_row_counts(dump)
            migrations = _sqlite_migrations(dump)
        else:
            counts, migrations = _pg_dump(database, dump)
        media = _media_files(media_root) if media_root else []
        members = {dump.name: dump} | {f"{MEDIA_DIR}/{path.relative_to(media_root).as_posix()}": path for path in media}
        checksums = {}
        partial = directory / f".{name}.partial"
        try:
            # Archives hold personal data: readable by the site's user only, from the first byte on.
            partial.touch(mode=0o600, exist_ok=False)
            with tarfile.open(partial, "w:gz") as archive:
                for member, path in members.items():
                    checksums[member] = _add_hashed(archive, path, member)
                manifest = {
                    "version": FORMAT_VERSION,
                    "created": created.isoformat(),
                    "engine": engine,
                    "database": dump.name,
                    "media": "included" if media_root else "not on the file system; not included",
                    "migrations": migrations,
                    "tables": counts,
                    "checksums": checksums,
                }
                encoded = json.dumps(manifest, indent=2, sort_keys=True).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size = len(encoded)
                info.mtime = int(created.timestamp())
                with tempfile.TemporaryFile() as buffer:
                    buffer.write(encoded)
                    buffer.seek(0)
                    archive.addfile(info, buffer)
            # Only a complete archive gets the name that restore and rotation look for.
            final = directory / name
            partial.replace(final)
        finally:
            partial.unlink(missing_ok=True)
    if keep:
        for old in archives_in(directory)[:-keep]:
            old.unlink()
    return final


def archives_in(directory: Path) -> list[Path]:
    """Oldest first: the names sort by their UTC time."""
    return sorted(directory.glob(f"{ARCHIVE_PREFIX}*{ARCHIVE_SUFFIX}"))


# --- Restore --------------------------------------------------------------------------------------


def read_manifest(archive: tarfile.TarFile) -> dict:
    try:
        manifest = json.load(archive.extractfile(MANIFEST))
    except (KeyError, TypeError, json.JSONDecodeError) as error:
        raise BackupError("This file is not an s2pU backup: it holds no readable manifest.json.") from error
    if manifest.get("version") != FORMAT_VERSION:
        raise BackupError(
            f"This backup has manifest version {manifest.get('version')!r}; this code reads version {FORMAT_VERSION}. Nothing was restored."
        )
    return manifest


@contextmanager
def _verified_archive(path: Path, engine: str):
    """The archive unpacked into a scratch folder, once every member matches the manifest."""
    with tempfile.TemporaryDirectory(prefix="s2pu-restore-") as scratch:
        try:
            with tarfile.open(path, "r:gz") as archive:
                manifest = _checked_manifest(archive, engine)
                # The "data" filter refuses absolute paths, links out of the folder and device files.
                archive.extractall(scratch, filter="data")
        except (OSError, EOFError, zlib.error, tarfile.TarError) as error:
            raise BackupError(f"{path} cannot be read as a .tar.gz archive ({error}). Nothing was restored.") from error
        for name, expected in manifest["checksums"].items():
            if sha256_of(Path(scratch) / name) != expected:
                raise BackupError(f"Checksum mismatch for {name}: the archive is damaged. Nothing was restored.")
        yield manifest, Path(scratch)


def _checked_manifest(archive: tarfile.TarFile, engine: str) -> dict:
    manifest = read_manifest(archive)
    if manifest.get("engine") != engine:
        raise BackupError(
            f"This backup holds a {manifest.get('engine')} database; the configured database is {engine}. "
            "Restore it into a database of the same engine. Nothing was restored."
        )
    checksums = manifest.get("checksums") or {}
    names = {member.name for member in archive.getmembers() if member.isfile()} - {MANIFEST}
    if not checksums or names != set(checksums):
        raise BackupError(
            "The archive's files do not match its manifest "
            f"(missing: {sorted(set(checksums) - names)[:5]}, unexpected: {sorted(names - set(checksums))[:5]}). "
            "Nothing was restored."
        )
    return manifest


def _sqlite_is_empty(path: Path) -> bool:
    if not path.exists() or path.stat().st_size == 0:
        return True
    connection = sqlite3.connect(path)
    try:
        return not _sqlite_tables(connection)
    finally:
        connection.close()


def _pg_is_empty(database: dict) -> bool:
    with _pg_connect(database) as connection, connection.cursor() as cursor:
        return not _pg_tables(cursor)


def restore_backup(path: Path, *, database: dict, media_root: Path | None, force: bool = False) -> RestoreReport:
    engine = engine_of(database)
    with _verified_archive(path, engine) as (manifest, unpacked):
        dump = unpacked / manifest["database"]
        if engine == "sqlite":
            target = Path(database["NAME"])
            if not force and not _sqlite_is_empty(target):
                raise BackupError(f"The database {target} is not empty; restore with --force to replace it.")
            target.parent.mkdir(parents=True, exist_ok=True)
            # Through the backup API as well: it replaces the content of a database that may be in
            # WAL mode, -wal and -shm files included, which copying over the file would not.
            _sqlite_copy(dump, target)
            problems = sqlite_integrity_problems(target)
            counts = sqlite_row_counts(target)
        else:
            if not force and not _pg_is_empty(database):
                raise BackupError(f"The database {database['NAME']} is not empty; restore with --force to replace it.")
            command = ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"]
            if force:
                command += ["--clean", "--if-exists"]
            _run([*command, f"--dbname={database['NAME']}", str(dump)], database)
            problems = []
            counts = postgresql_row_counts(database)
        expected = manifest["tables"]
        different = {table: (rows, counts.get(table)) for table, rows in expected.items() if counts.get(table) != rows}
        if problems or different:
            raise BackupError(
                f"The restored database does not match the backup: {problems[:5]} {dict(list(different.items())[:5])}"
            )
        media = sorted((unpacked / MEDIA_DIR).rglob("*")) if (unpacked / MEDIA_DIR).is_dir() else []
        media_files = [file for file in media if file.is_file()]
        if media_files:
            if media_root is None:
                raise BackupError(
                    "The backup holds media files but the default storage is not the file system: "
                    "the database was restored; copy the media into the storage from the archive's media/."
                )
            for file in media_files:
                destination = media_root / file.relative_to(unpacked / MEDIA_DIR)
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(file, destination)
        return RestoreReport(
            engine=engine,
            tables=len(expected),
            rows=sum(expected.values()),
            media_files=len(media_files),
            created=manifest["created"],
        )
