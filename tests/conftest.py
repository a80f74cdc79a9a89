from pathlib import Path

import pytest

from django.core.cache import cache
from django.utils import translation

from tests.module_data import build_for_module, for_this_test


def pytest_configure(config):
    """Compile the message catalogues if a .po file is newer than its .mo, so that a plain `pytest`
    sees the same translations as `make test`."""
    from django.conf import settings

    for po in [po for folder in settings.LOCALE_PATHS for po in Path(folder).glob("*/LC_MESSAGES/*.po")]:
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            import polib

            polib.pofile(str(po)).save_as_mofile(str(mo))
            from django.utils.translation import trans_real

            trans_real._translations = {}  # catalogues loaded during setup were read before this
            trans_real._default = None


@pytest.fixture(autouse=True)
def _isolated_state():
    """Keep one test's active language and cached site roots from leaking into the next."""
    cache.clear()
    yield
    cache.clear()
    translation.activate("nb")
    translation.deactivate()


@pytest.fixture(scope="session")
def django_db_keepdb(request, django_db_modify_db_settings, django_db_blocker):
    """Each test process starts from a copy of a migrated template (tests/migrated_template.py)
    instead of migrating; pytest-django keeps that copy, as with --reuse-db, and this drops it at
    the end. --reuse-db, --create-db and --nomigrations keep their own meaning."""
    from django.db import connection, connections

    from tests import migrated_template

    config = request.config
    if any(config.getvalue(option) for option in ("reuse_db", "create_db", "nomigrations")) or not (
        migrated_template.supports(connection)
    ):
        yield config.getvalue("reuse_db")
        return
    test_name = connection.creation._get_test_db_name()
    with django_db_blocker.unblock():
        migrated_template.copy_into(connection)
    yield True
    with django_db_blocker.unblock():
        connections.close_all()
        connection.creation._destroy_test_db(test_name, verbosity=0)
        if connection.vendor == "sqlite":
            for leftover in ("-wal", "-shm"):
                Path(f"{test_name}{leftover}").unlink(missing_ok=True)


_demo_snapshot: dict = {}


@pytest.fixture(scope="module")
def _demo_site_ids(request, django_db_setup, django_db_blocker):
    """The demo, in place for one test module and gone after its last test: no other module ever
    sees it, so tests that build their own pages may count every row of a model.

    Loading costs half a minute of CPU. On SQLite and PostgreSQL the first module of a process loads
    and commits it and keeps a copy of the database (tests/snapshots.py); later modules restore that
    copy in well under a second, and each module puts back the database it found. Elsewhere, or when
    a module transaction is already open, each module loads the demo inside its module transaction.
    """
    from django.db import connection, transaction

    from demo import loader as demo
    from tests.snapshots import restore_snapshot, take_snapshot

    def page_ids(tree):
        return {code: {key: page.pk for key, page in pages.items()} for code, pages in tree.items()}

    with django_db_blocker.unblock():
        if connection.vendor not in ("sqlite", "postgresql") or connection.in_atomic_block:
            request.getfixturevalue("module_transaction")
            yield page_ids(demo.load())
            return
        before = take_snapshot(connection)
        if _demo_snapshot:
            restore_snapshot(connection, _demo_snapshot["copy"])
        else:
            with transaction.atomic():
                _demo_snapshot["ids"] = page_ids(demo.load())
            _demo_snapshot["copy"] = take_snapshot(connection)
        yield _demo_snapshot["ids"]
        restore_snapshot(connection, before)


@pytest.fixture
def demo_site(_demo_site_ids, db):
    """The whole demo tree in nb, uk and en, as `make run` builds it: {language: {key: page}}. Each
    test runs in a savepoint on top of it."""
    from wagtail.models import Page

    pages = Page.objects.specific().in_bulk([pk for ids in _demo_site_ids.values() for pk in ids.values()])
    return {code: {key: pages[pk] for key, pk in ids.items()} for code, ids in _demo_site_ids.items()}


def build_homes():
    from home.factories import homes_in_every_language

    return homes_in_every_language()


@pytest.fixture(scope="module")
def _module_homes(request, django_db_setup, django_db_blocker):
    return build_for_module(request, django_db_blocker, build_homes)


@pytest.fixture
def homes(_module_homes, db):
    """The smallest tree a page test needs, built with factories: a live home page in nb (the default
    Site's root) and its uk and en translations, {language: home}. Built once per module (see
    `module_transaction`) unless a test of the module commits."""
    return for_this_test(_module_homes, build_homes)


THEME_NAMES = {
    "education": {"nb": "Utdanning", "uk": "Освіта", "en": "Education"},
    "health": {"nb": "Helse", "uk": "Охорона здоров'я", "en": "Health"},
    "culture": {"nb": "Kultur", "uk": "Культура", "en": "Culture"},
}


def build_themes(homes):
    from partnerships.factories import ThemeFactory

    result = {}
    for order, (slug, name) in enumerate(THEME_NAMES.items()):
        source = ThemeFactory(slug=slug, name=name["nb"], sort_order=order, locale=homes["nb"].locale)
        for code in ("uk", "en"):
            ThemeFactory(
                slug=slug,
                name=name[code],
                sort_order=order,
                locale=homes[code].locale,
                translation_key=source.translation_key,
            )
        result[slug] = source
    return result


@pytest.fixture(scope="module")
def _module_themes(request, django_db_blocker, _module_homes):
    return build_for_module(request, django_db_blocker, build_themes, _module_homes)


@pytest.fixture
def themes(_module_themes, homes):
    """Education, health and culture, each named in nb, uk and en: {slug: nb theme}."""
    return for_this_test(_module_themes, build_themes, homes)


@pytest.fixture(scope="module")
def module_transaction(django_db_setup, django_db_blocker):
    """A transaction open for a whole test module and rolled back after its last test. A module-scoped
    fixture that asks for it builds its pages once; each test then runs in a savepoint within it and
    leaves the data as it found it. Building pages costs far more than the tests that read them.
    """
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


def build_roles():
    from tests.roles import roles as make_roles

    return make_roles()


@pytest.fixture(scope="module")
def _module_roles(request, django_db_setup, django_db_blocker):
    return build_for_module(request, django_db_blocker, build_roles)


@pytest.fixture
def roles(_module_roles, db):
    """A user per role: {"visitor": None, "editor": …, "moderator": …, "secretariat": …}."""
    return for_this_test(_module_roles, build_roles)


@pytest.fixture
def admin_client(db, admin_user):
    """pytest-django's admin_client (a client of its own beside `client`), signed in past the second
    factor the admin asks of a superuser."""
    from django.test import Client

    from tests.roles import sign_in

    return sign_in(Client(), admin_user)
