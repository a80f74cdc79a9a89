import pytest

from django.core.cache import cache
from django.utils import translation


def pytest_configure(config):
    """Compile the message catalogues if a .po file is newer than its .mo, so that a plain `pytest`
    sees the same translations as `make test`."""
    from pathlib import Path

    for po in Path(__file__).resolve().parent.parent.glob("locale/*/LC_MESSAGES/django.po"):
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


@pytest.fixture(scope="module")
def _demo_site_ids(module_transaction):
    """The demo, loaded once per test module inside the module's own transaction (loading costs about
    ten seconds), and rolled back after the module's last test: no other module ever sees it, so
    tests that build their own pages may count every row of a model."""
    from demo import loader as demo

    return {code: {key: page.pk for key, page in pages.items()} for code, pages in demo.load().items()}


@pytest.fixture
def demo_site(_demo_site_ids, db):
    """The whole demo tree in nb, uk and en, as `make run` builds it: {language: {key: page}}. Each
    test runs in a savepoint on top of it."""
    from wagtail.models import Page

    pages = Page.objects.specific().in_bulk([pk for ids in _demo_site_ids.values() for pk in ids.values()])
    return {code: {key: pages[pk] for key, pk in ids.items()} for code, ids in _demo_site_ids.items()}


@pytest.fixture
def homes(db):
    """The smallest tree a page test needs, built with factories: a live home page in nb (the default
    Site's root) and its uk and en translations, {language: home}."""
    from home.factories import homes_in_every_language

    return homes_in_every_language()


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


@pytest.fixture
def roles(db):
    """A user per role: {"visitor": None, "editor": …, "moderator": …, "secretariat": …}."""
    from tests.roles import roles as make_roles

    return make_roles()


@pytest.fixture
def admin_client(db, admin_user):
    """pytest-django's admin_client (a client of its own beside `client`), signed in past the second
    factor the admin asks of a superuser."""
    from django.test import Client

    from tests.roles import sign_in

    return sign_in(Client(), admin_user)
