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


@pytest.fixture(scope="session")
def _demo_site_ids(django_db_setup, django_db_blocker):
    """Build the demo tree once per test database; each test then runs in its own rolled-back
    transaction on top of it."""
    from demo import loader as demo

    with django_db_blocker.unblock():
        return {code: {key: page.pk for key, page in pages.items()} for code, pages in demo.load().items()}


@pytest.fixture
def demo_site(_demo_site_ids, db):
    """The whole demo tree in nb, uk and en, as `make run` builds it: {language: {key: page}}."""
    from wagtail.models import Page

    pages = Page.objects.specific().in_bulk([pk for ids in _demo_site_ids.values() for pk in ids.values()])
    return {code: {key: pages[pk] for key, pk in ids.items()} for code, ids in _demo_site_ids.items()}


@pytest.fixture
def homes(db):
    """The smallest tree a page test needs, built with factories: a live home page in nb (the default
    Site's root) and its uk and en translations, {language: home}."""
    from django.conf import settings

    from wagtail.models import Page

    from home.factories import HomePageFactory, LocaleFactory, publish_translation
    from home.sites import sync_default_site

    locales = {code: LocaleFactory(language_code=code) for code, _name in settings.LANGUAGES}
    # Beside the demo's home pages when a test on the same database loaded them.
    source = HomePageFactory(parent=Page.get_first_root_node(), title="Forside", slug="", locale=locales["nb"])
    sync_default_site(source)
    titles = {"uk": "Головна", "en": "Home"}
    result = {"nb": source}
    for code in locales:
        if code != "nb":
            result[code] = publish_translation(source, code, title=titles.get(code, code))
    return result


@pytest.fixture
def roles(db):
    """A user per role: {"visitor": None, "editor": …, "moderator": …, "secretariat": …}."""
    from tests.roles import roles as make_roles

    return make_roles()
