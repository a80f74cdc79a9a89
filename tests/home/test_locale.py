"""Every UI string is translated into nb, uk and en; the admin works in all three."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from bs4 import BeautifulSoup
from pytest_django.asserts import assertContains

from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ("nb", "uk", "en")
# The project's own apps (every folder with an apps.py), the wiring, the templates and the catalogues.
SOURCES = (
    *sorted(path.parent.name for path in ROOT.glob("*/apps.py")),
    *("config", "templates", "static", "manage.py", "locale"),
)


def po_file(root: Path, code: str) -> polib.POFile:
    return polib.pofile(str(root / "locale" / code / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("code", LANGUAGES)
def test_no_entry_is_missing_empty_or_fuzzy(code):
    problems = []
    for entry in po_file(ROOT, code):
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {entry.msgid}")
        if entry.msgid_plural:
            if not entry.msgstr_plural or not all(entry.msgstr_plural.values()):
                problems.append(f"empty plural: {entry.msgid}")
        elif not entry.msgstr:
            problems.append(f"empty: {entry.msgid}")
    assert not problems, "\n".join(problems)


@pytest.fixture(scope="module")
def fresh_catalogue(tmp_path_factory):
    """The catalogue `make messages` would write from today's code, in a scratch copy."""
    scratch = tmp_path_factory.mktemp("messages")
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, scratch / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy(source, scratch / name)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", *(f"-l{code}" for code in LANGUAGES), "--no-location", "-v0"],
        cwd=scratch,
        check=True,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "VAR_DIR": str(scratch / "var"),
        },
    )
    return scratch


@pytest.mark.parametrize("code", LANGUAGES)
def test_catalogue_has_every_string_in_the_code(fresh_catalogue, code):
    committed = {entry.msgid for entry in po_file(ROOT, code) if not entry.obsolete}
    current = {entry.msgid for entry in po_file(fresh_catalogue, code) if not entry.obsolete}
    assert not current - committed, f"run `make messages` and translate: {sorted(current - committed)}"


@pytest.mark.parametrize(
    ("code", "expected"),
    [("nb", "Gå til hovedinnholdet"), ("uk", "Перейти до основного вмісту"), ("en", "Skip to main content")],
)
def test_translations_are_compiled_and_used(code, expected):
    with translation.override(code):
        assert translation.gettext("Skip to main content") == expected


@pytest.fixture
def admin_in(admin_client, admin_user):
    """The admin dashboard as the admin user sees it with `code` as preferred language."""
    from wagtail.users.models import UserProfile

    def dashboard(code):
        profile = UserProfile.get_for_user(admin_user)
        profile.preferred_language = code
        profile.save()
        return admin_client.get("/admin/")

    return dashboard


@pytest.mark.django_db
@pytest.mark.parametrize("code", LANGUAGES)
def test_admin_declares_the_users_language(admin_in, code):
    assert BeautifulSoup(admin_in(code).content, "html.parser").html["lang"] == code


@pytest.mark.django_db
@pytest.mark.parametrize(("code", "word"), [("nb", "Kontrollpanel"), ("uk", "Панель"), ("en", "Dashboard")])
def test_admin_speaks_each_language(admin_in, code, word):
    assertContains(admin_in(code), word)
