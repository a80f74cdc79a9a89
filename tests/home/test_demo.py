import pytest

from django.core.management import call_command

from wagtail.models import Page, Site

from home.models import HomePage

pytestmark = pytest.mark.django_db


def test_load_demo_is_idempotent(demo_site):
    before = Page.objects.count()
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Page.objects.count() == before


def test_demo_tree_in_three_languages(demo_site):
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert site.root_page.locale.language_code == "nb"
    for code in ("nb", "uk", "en"):
        assert set(demo_site[code]) == {"home", "about", "privacy"}
        for page in demo_site[code].values():
            assert page.live
            assert page.locale.language_code == code
    assert not Page.objects.filter(title__startswith="Welcome to your new Wagtail site").exists()


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
