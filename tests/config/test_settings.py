import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from django.conf import settings
from django.db import connection

from tests.processes import environment, manage, python

ROOT = Path(__file__).resolve().parents[2]


def run_settings(module: str, **env) -> subprocess.CompletedProcess:
    return python(
        "-c",
        f"import django, os; os.environ['DJANGO_SETTINGS_MODULE']='{module}'; django.setup()",
        env=environment(without={"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "PUBLIC_BASE_URL"}, **env),
    )


def test_production_refuses_to_start_without_secret_key():
    result = run_settings("config.settings.production", ALLOWED_HOSTS="s2pu.example")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_settings("config.settings.production", SECRET_KEY="x" * 60)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


def test_production_refuses_to_start_without_its_public_address():
    result = run_settings("config.settings.production", SECRET_KEY="x" * 60, ALLOWED_HOSTS="s2pu.example")
    assert result.returncode != 0
    assert "PUBLIC_BASE_URL must be set" in result.stderr


def test_production_starts_with_both_and_passes_deploy_checks():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env=environment(
            DJANGO_SETTINGS_MODULE="config.settings.production",
            SECRET_KEY="a-long-random-production-key-" + "k" * 40,
            ALLOWED_HOSTS="s2pu.example",
            PUBLIC_BASE_URL="https://s2pu.example",
        ),
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_database_url_switches_to_postgresql():
    code = (
        "import os; os.environ['DJANGO_SETTINGS_MODULE']='config.settings.dev';"
        "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": "postgres://u@127.0.0.1:5432/s2pu"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "django.db.backends.postgresql"


def test_sqlite_defaults_protect_against_lost_writes():
    from config.settings import base

    assert base.SQLITE_OPTIONS["transaction_mode"] == "IMMEDIATE"
    assert base.SQLITE_OPTIONS["timeout"] >= 20
    assert "journal_mode=WAL" in base.SQLITE_OPTIONS["init_command"]
    assert settings.DATABASES["default"]["ATOMIC_REQUESTS"] is False


@pytest.mark.django_db
def test_sqlite_connection_really_uses_wal():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] >= 20000


def test_languages_and_source_language():
    assert settings.LANGUAGE_CODE == "nb"
    assert [code for code, _ in settings.LANGUAGES] == ["nb", "uk", "en"]
    # The same codes; the content languages are named in the reader's language (config/settings/base.py).
    assert [code for code, _ in settings.WAGTAIL_CONTENT_LANGUAGES] == [code for code, _ in settings.LANGUAGES]
    assert settings.WAGTAIL_I18N_ENABLED


def test_every_setting_read_from_the_environment_is_documented():
    import re

    names = set()
    for path in (ROOT / "config" / "settings").glob("*.py"):
        names |= set(
            re.findall(r"(?:environ(?:\.get)?\(|environ\[|env_bool\(|env_list\()\s*\"([A-Z_]+)\"", path.read_text())
        )
    documented = (ROOT / "docs" / "settings.md").read_text()
    example = (ROOT / ".env.example").read_text()
    missing = {name for name in names if name not in documented or name not in example}
    assert not missing, f"undocumented environment variables: {sorted(missing)}"


@pytest.mark.django_db
def test_public_pages_carry_a_strict_content_security_policy(client, homes):
    policy = client.get("/nb/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "object-src 'none'" in policy


@pytest.mark.django_db
def test_public_pages_forbid_content_type_sniffing(client, homes):
    assert client.get("/nb/")["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_public_pages_send_the_origin_only_to_other_sites(client, homes):
    assert client.get("/nb/")["Referrer-Policy"] == "strict-origin-when-cross-origin"


def database_settings_from_url(url: str) -> dict:
    """DATABASES["default"] as the dev settings build it from DATABASE_URL, in a fresh process."""
    code = (
        "import json, os; os.environ['DJANGO_SETTINGS_MODULE']='config.settings.dev';"
        "from django.conf import settings; print(json.dumps(settings.DATABASES['default'], default=str))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": url},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_a_sqlite_database_url_gets_the_sqlite_options(tmp_path):
    """DATABASE_URL=sqlite:///… is allowed; it must not drop WAL, IMMEDIATE and the busy timeout."""
    from config.settings import base

    database = database_settings_from_url(f"sqlite:///{tmp_path / 'x.sqlite3'}")
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert database["NAME"] == str(tmp_path / "x.sqlite3")
    assert database["OPTIONS"] == base.SQLITE_OPTIONS
    assert database["ATOMIC_REQUESTS"] is False


def test_options_in_a_sqlite_database_url_win(tmp_path):
    database = database_settings_from_url(f"sqlite:///{tmp_path / 'x.sqlite3'}?timeout=60")
    assert database["OPTIONS"]["timeout"] == 60
    assert database["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
