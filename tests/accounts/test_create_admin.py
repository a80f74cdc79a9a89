import pytest

from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command

pytestmark = pytest.mark.django_db


@pytest.fixture
def first_run(tmp_path, settings, capsys):
    """`create_admin` run once on a fresh machine: {"output", "file", "username", "password"}."""
    settings.VAR_DIR = tmp_path
    call_command("create_admin")
    output = capsys.readouterr().out
    password_file = tmp_path / "admin-password.txt"
    username, password = password_file.read_text().strip().split(" / ")
    return {"output": output, "file": password_file, "username": username, "password": password}


def test_create_admin_writes_a_long_password_for_admin(first_run):
    assert first_run["username"] == "admin" and len(first_run["password"]) >= 16


def test_create_admin_prints_the_password(first_run):
    assert first_run["password"] in first_run["output"]


def test_only_the_owner_may_read_the_password_file(first_run):
    assert oct(first_run["file"].stat().st_mode)[-3:] == "600"


def test_the_written_password_logs_the_admin_in(first_run):
    assert authenticate(username="admin", password=first_run["password"])


def test_create_admin_run_again_keeps_the_admin(first_run, capsys):
    call_command("create_admin")
    assert "Admin login" in capsys.readouterr().out
    assert get_user_model().objects.filter(is_superuser=True).count() == 1
    assert authenticate(username="admin", password=first_run["password"])


def test_create_admin_says_how_the_admin_gets_past_the_second_factor(first_run):
    assert "two-factor login is required" in first_run["output"].lower() and "QR code" in first_run["output"]


def test_with_the_second_factor_offered_create_admin_says_the_password_signs_in(settings, tmp_path, capsys):
    settings.VAR_DIR = tmp_path
    settings.OTP_REQUIRED = False
    call_command("create_admin")
    assert "offered here, not required: the password above signs in" in capsys.readouterr().out
