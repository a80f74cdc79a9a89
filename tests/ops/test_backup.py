"""`manage.py backup` and `restore`: a backup made while people register restores whole into a fresh
database (SQLite: a new file; PostgreSQL: a new database this test creates), and a restore refuses an
archive that is damaged or for another engine. Everything is written under tmp_path: never var/."""

import datetime
import hashlib
import io
import json
import tarfile
import threading
import uuid
from pathlib import Path

import pytest

from django.core.management import CommandError, call_command
from django.db import connection, connections

from wagtail.models import Locale, Page

from events.capacity import register
from events.factories import EventDayFactory, EventPageFactory, RegistrationPageFactory
from events.models import Registration
from ops.backup import (
    create_backup,
    postgresql_row_counts,
    restore_backup,
    sqlite_integrity_problems,
    sqlite_row_counts,
)
from outbox.models import OutboundEmail

DOCUMENT = b"%PDF-1.4 programme " + bytes(range(256)) * 64


@pytest.fixture
def backup_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.BACKUP_DIR = tmp_path / "backups"
    document = settings.MEDIA_ROOT / "documents" / "programme.pdf"
    document.parent.mkdir(parents=True)
    document.write_bytes(DOCUMENT)
    return settings


@pytest.fixture
def committed_registration_page(transactional_db, django_db_serialized_rollback):
    # Committed for real, so that the writing thread and the backup, on their own connections, see it.
    locale, _created = Locale.objects.get_or_create(language_code="nb")
    start = datetime.date.today() + datetime.timedelta(days=30)
    event = EventPageFactory(
        parent=Page.get_first_root_node(),
        title=f"Backup {uuid.uuid4().hex[:8]}",
        start_date=start,
        end_date=start,
        locale=locale,
    )
    day = EventDayFactory(page=event, date=start, locale=locale)
    page = RegistrationPageFactory(parent=event, locale=locale, places={day: 1000})
    try:
        yield page, day
    finally:
        ids = list(Registration.objects.filter(event=event).values_list("pk", flat=True))
        OutboundEmail.objects.filter(reference__in=[f"registration:{pk}" for pk in ids]).delete()
        Registration.objects.filter(pk__in=ids).delete()
        Page.objects.get(pk=event.pk).delete()


@pytest.fixture
def fresh_database(tmp_path):
    """Settings of an empty database of the configured engine, beside the test database."""
    current = connections["default"].settings_dict
    if connection.vendor == "sqlite":
        yield {**current, "NAME": tmp_path / "restored.sqlite3"}
        return
    import psycopg
    from psycopg import sql

    name = f"{current['NAME']}_restore_{uuid.uuid4().hex[:8]}"
    fresh = {**current, "NAME": name}
    with psycopg.connect(**_admin_parameters(current), autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield fresh
    finally:
        with psycopg.connect(**_admin_parameters(current), autocommit=True) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def _admin_parameters(database):
    parameters = {
        "dbname": "postgres",
        "user": database.get("USER"),
        "password": database.get("PASSWORD"),
        "host": database.get("HOST"),
        "port": database.get("PORT"),
    }
    return {key: value for key, value in parameters.items() if value}


def manifest_of(archive: Path) -> dict:
    with tarfile.open(archive, "r:gz") as tar:
        return json.load(tar.extractfile("manifest.json"))


def test_backup_made_while_registrations_are_written_restores_whole_into_a_fresh_database(
    committed_registration_page, django_db_blocker, backup_settings, fresh_database, tmp_path
):
    page, day = committed_registration_page
    some_written, stop = threading.Event(), threading.Event()
    errors = []

    def keep_registering():
        try:
            n = 0
            while not stop.is_set():
                register(
                    page,
                    name=f"P{n}",
                    email=f"p{n}@example.org",
                    language="nb",
                    answers={},
                    day_keys=[day.translation_key],
                )
                n += 1
                if n == 3:
                    some_written.set()
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            some_written.set()
            connections.close_all()

    writer = threading.Thread(target=keep_registering)
    output = io.StringIO()
    with django_db_blocker.unblock():
        writer.start()
        try:
            some_written.wait(timeout=120)
            call_command("backup", stdout=output)
        finally:
            stop.set()
            writer.join(timeout=120)
    assert not errors, errors

    archive = Path(output.getvalue().strip())
    assert archive.parent == backup_settings.BACKUP_DIR and archive.is_file()
    manifest = manifest_of(archive)
    assert manifest["tables"]["events_registration"] >= 3
    assert manifest["engine"] == connection.vendor and manifest["migrations"]["events"]

    media_root = tmp_path / "restored-media"
    restore_backup(archive, database=fresh_database, media_root=media_root)

    if connection.vendor == "sqlite":
        assert sqlite_integrity_problems(Path(fresh_database["NAME"])) == []
        counts = sqlite_row_counts(Path(fresh_database["NAME"]))
    else:
        counts = postgresql_row_counts(fresh_database)  # a COUNT(*) per table reads each table whole
    assert counts == manifest["tables"]
    # Every registration in the copy came with the place it took: no half-written registration.
    assert counts["events_registrationday"] == counts["events_registration"]
    restored = (media_root / "documents" / "programme.pdf").read_bytes()
    assert hashlib.sha256(restored).hexdigest() == manifest["checksums"]["media/documents/programme.pdf"]
    assert restored == DOCUMENT


@pytest.mark.django_db
def test_backup_keeps_only_the_newest_archives(backup_settings, tmp_path):
    directory = tmp_path / "kept"
    made = [create_backup(directory, database=connection.settings_dict, media_root=None, keep=2) for _ in range(3)]
    assert sorted(directory.glob("*.tar.gz")) == made[1:]


@pytest.mark.django_db
def test_archive_is_readable_by_its_owner_only(backup_settings, tmp_path):
    archive = create_backup(tmp_path / "private", database=connection.settings_dict, media_root=None)
    assert archive.stat().st_mode & 0o777 == 0o600


def _fake_archive(path: Path, manifest: dict, members: dict[str, bytes]) -> Path:
    with tarfile.open(path, "w:gz") as tar:
        for name, content in {**members, "manifest.json": json.dumps(manifest).encode()}.items():
            info = tarfile.TarInfo(name)
            info.size = len(content)
            tar.addfile(info, io.BytesIO(content))
    return path


def _manifest(engine: str, content: bytes, database="database.sqlite3") -> dict:
    return {
        "version": 1,
        "created": "2026-12-01T00:00:00+00:00",
        "engine": engine,
        "database": database,
        "tables": {},
        "checksums": {database: hashlib.sha256(content).hexdigest()},
    }


def test_restore_refuses_a_backup_of_another_engine(tmp_path):
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    archive = _fake_archive(tmp_path / "other.tar.gz", _manifest(other, b"data"), {"database.sqlite3": b"data"})
    with pytest.raises(CommandError, match=f"holds a {other} database; the configured database is {connection.vendor}"):
        call_command("restore", str(archive))


def test_restore_refuses_a_damaged_archive(tmp_path):
    manifest = _manifest(connection.vendor, b"original")
    archive = _fake_archive(tmp_path / "damaged.tar.gz", manifest, {"database.sqlite3": b"tampered"})
    with pytest.raises(CommandError, match="Checksum mismatch for database.sqlite3"):
        call_command("restore", str(archive))


def test_restore_refuses_an_archive_whose_files_the_manifest_does_not_list(tmp_path):
    manifest = _manifest(connection.vendor, b"data")
    members = {"database.sqlite3": b"data", "media/extra.txt": b"x"}
    archive = _fake_archive(tmp_path / "extra.tar.gz", manifest, members)
    with pytest.raises(CommandError, match="do not match its manifest"):
        call_command("restore", str(archive))


@pytest.mark.django_db
def test_restore_refuses_a_database_that_is_not_empty(backup_settings, tmp_path):
    archive = create_backup(tmp_path / "one", database=connection.settings_dict, media_root=None)
    with pytest.raises(CommandError, match="is not empty; restore with --force"):
        call_command("restore", str(archive))
