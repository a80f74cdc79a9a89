import pytest

from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_create_admin_prints_the_password_once_and_keeps_it(tmp_path, settings, capsys):
    settings.VAR_DIR = tmp_path
    call_command("create_admin")
    first = capsys.readouterr().out
    password_file = tmp_path / "admin-password.txt"
    username, password = password_file.read_text().strip().split(" / ")
    assert username == "admin" and len(password) >= 16
    assert password in first
    assert oct(password_file.stat().st_mode)[-3:] == "600"
    from django.contrib.auth import authenticate

    assert authenticate(username="admin", password=password)
    call_command("create_admin")
    assert "Admin login" in capsys.readouterr().out
    from django.contrib.auth import get_user_model

    assert get_user_model().objects.filter(is_superuser=True).count() == 1
