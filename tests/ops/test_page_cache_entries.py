"""Nobody makes cache entries at will: a page is kept for the hosts the site is configured for and for
the page numbers its list has, so a visitor who varies the Host port or `?page=` gets answers, but
the number of entries in the shared cache stays what the real pages need. Observed by requests and
by counting the entries the cache holds on disk."""

import pytest

from django.test import override_settings

from home.factories import homes_in_every_language
from news.factories import NewsIndexPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db

NEWS_PAGES = 2  # 11 articles at 10 a page


@pytest.fixture(scope="module")
def news(module_transaction):
    from wagtail.models import Site

    from home.models import SiteSettings

    homes = homes_in_every_language()
    # The first page ever served creates the site's settings, a content change like any other.
    SiteSettings.for_site(Site.objects.get(is_default_site=True))
    index = NewsIndexPageFactory(parent=homes["nb"], slug="nyheter")
    for _ in range(11):
        NewsPageFactory(parent=index)
    return index


@pytest.fixture
def entries(tmp_path):
    """The number of entries in the shared cache, a folder here as on a single server."""
    shared = {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": tmp_path / "cache"}
    pages = {**shared, "LOCATION": tmp_path / "pages", "KEY_FUNCTION": "ops.page_cache.versioned_key"}
    with override_settings(CACHES={"default": shared, "pages": pages}, PAGE_CACHE_TIMEOUT=600):
        yield lambda: len(list(tmp_path.glob("*/*.djcache")))


def visit(client, *requests):
    """Each request twice, so that whatever the real pages keep is in the cache before counting."""
    for _ in range(2):
        for path, query, host in requests:
            assert client.get(path, query, HTTP_HOST=host).status_code == 200


def test_another_port_of_the_host_makes_no_entry(client, news, entries):
    visit(client, ("/nb/", {}, "testserver"), (news.url, {}, "testserver"))
    kept = entries()
    for port in range(8000, 8030):
        assert client.get("/nb/", HTTP_HOST=f"testserver:{port}").status_code == 200
        assert client.get(news.url, HTTP_HOST=f"testserver:{port}").status_code == 200
    assert entries() == kept


def test_a_configured_host_is_kept(client, news, entries):
    visit(client, ("/nb/", {}, "testserver"))
    kept = entries()
    visit(client, ("/nb/", {}, "localhost"))  # in ALLOWED_HOSTS: a page of its own
    assert entries() > kept


def test_only_page_numbers_the_list_has_make_entries(client, news, entries):
    visit(client, (news.url, {}, "testserver"))
    kept = entries()
    visit(client, (news.url, {"page": "1"}, "testserver"), (news.url, {"page": str(NEWS_PAGES)}, "testserver"))
    assert entries() > kept
    kept = entries()
    for value in ["3", "4", "99", "999999", "02", "-1", "0", "abc", "2.0", " 2", "١", "𝟐"]:
        assert client.get(news.url, {"page": value}).status_code == 200
    for number in range(NEWS_PAGES + 1, 40):
        client.get(news.url, {"page": str(number)})
    assert entries() == kept


def test_a_page_number_where_there_is_no_list_makes_no_entry(client, news, entries):
    visit(client, ("/nb/", {}, "testserver"))
    kept = entries()
    for number in range(1, 20):
        assert client.get("/nb/", {"page": str(number)}).status_code == 200
    assert entries() == kept


def test_only_languages_make_entries_for_the_notice(client, news, entries):
    visit(client, ("/nb/", {}, "testserver"))
    kept = entries()
    visit(client, ("/nb/", {"requested": "uk"}, "testserver"))
    assert entries() > kept
    kept = entries()
    for value in ["xx", "ukr", "UK", "nb-NO", "zz", "en en"]:
        assert client.get("/nb/", {"requested": value}).status_code == 200
    assert entries() == kept
