"""The sitemap lists every live public page in every language, each with its translations as hreflang
alternates (the same set as the page's head) and x-default; robots.txt points at it."""

from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import Locale

from home import content_cache
from home.factories import StandardPageFactory, publish_translation
from home.sites import sync_default_site
from partnerships.factories import PartnershipsIndexPageFactory

pytestmark = pytest.mark.django_db

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"


@pytest.fixture
def about(homes):
    """'Om oss' live in nb and uk; its English translation is a draft."""
    page = StandardPageFactory(parent=homes["nb"], title="Om oss", slug="om-oss")
    publish_translation(page, "uk", title="Про нас")
    english = page.copy_for_translation(homes["en"].locale)
    english.save_revision()  # never published
    return page


def sitemap(client) -> ElementTree.Element:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    return ElementTree.fromstring(response.content)


def entries(client) -> dict[str, dict[str, str]]:
    """{path of <loc>: {hreflang: path of the alternate}}."""
    result = {}
    for url in sitemap(client).iter(f"{{{SITEMAP}}}url"):
        location = urlsplit(url.findtext(f"{{{SITEMAP}}}loc")).path
        result[location] = {
            link.get("hreflang"): urlsplit(link.get("href")).path for link in url.iter(f"{{{XHTML}}}link")
        }
    return result


def test_every_live_translation_is_listed_with_its_alternates(client, about):
    listed = entries(client)
    versions = {p.locale.language_code: p.url for p in about.get_translations(inclusive=True).live()}
    assert set(versions) == {"nb", "uk"}
    for code, url in versions.items():
        assert listed[url] == {"nb": versions["nb"], "uk": versions["uk"], "x-default": versions["nb"]}, code


def test_a_draft_translation_is_neither_listed_nor_an_alternate(client, about):
    listed = entries(client)
    assert not any(path.startswith("/en/") and "om" in path for path in listed)
    assert "en" not in listed[about.url]


@pytest.mark.parametrize("code", ["nb", "uk", "en"])
def test_every_home_page_has_three_languages_and_x_default(client, homes, code):
    expected = {other: home.url for other, home in homes.items()} | {"x-default": homes["nb"].url}
    assert entries(client)[homes[code].url] == expected


def test_routes_under_a_page_have_the_route_in_each_language_as_alternates(client, homes):
    index = PartnershipsIndexPageFactory(parent=homes["nb"], slug="samarbeid")
    versions = {"nb": index} | {code: publish_translation(index, code) for code in ("uk", "en")}
    stories = {code: page.url + page.reverse_subpage("stories_view") for code, page in versions.items()}
    listed = entries(client)
    expected = stories | {"x-default": stories["nb"]}
    assert {url: listed.get(url) for url in stories.values()} == dict.fromkeys(stories.values(), expected)


def test_the_sitemap_is_valid_xml_in_the_sitemap_and_xhtml_namespaces(client, about):
    response = client.get("/sitemap.xml")
    assert response["Content-Type"].startswith("application/xml")
    root = ElementTree.fromstring(response.content)
    assert root.tag == f"{{{SITEMAP}}}urlset"
    urls = list(root)
    assert urls and all(url.tag == f"{{{SITEMAP}}}url" for url in urls)
    for url in urls:
        assert url.findtext(f"{{{SITEMAP}}}loc").startswith("http://testserver/")
        links = url.findall(f"{{{XHTML}}}link")
        assert links and all(link.get("rel") == "alternate" for link in links)
        assert all(link.get("href").startswith("http://testserver/") for link in links)


def test_published_pages_have_their_last_change_as_lastmod(client, about):
    ukrainian = about.get_translation(Locale.objects.get(language_code="uk"))
    (entry,) = [
        url
        for url in sitemap(client).iter(f"{{{SITEMAP}}}url")
        if urlsplit(url.findtext(f"{{{SITEMAP}}}loc")).path == ukrainian.url
    ]
    # The site's own date (Oslo), as the sitemap writes it: in UTC it is another day after 23:00.
    published = timezone.localtime(ukrainian.last_published_at).date()
    assert entry.findtext(f"{{{SITEMAP}}}lastmod") == published.isoformat()


def test_alternates_are_those_of_the_page_head(client, about):
    listed = entries(client)
    soup = BeautifulSoup(client.get(about.url).content, "html.parser")
    head = {link["hreflang"]: urlsplit(link["href"]).path for link in soup.select('link[rel="alternate"][hreflang]')}
    assert head == listed[about.url]


def test_addresses_follow_the_public_base_url(client, homes, settings):
    settings.PUBLIC_BASE_URL = "https://s2pu.example.org"
    sync_default_site()
    xml = client.get("/sitemap.xml").content.decode()
    assert 'hreflang="uk" href="https://s2pu.example.org/uk/"' in xml
    assert "testserver" not in xml


def queries_for_sitemap(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/sitemap.xml").status_code == 200
    return len(queries)


def add_translated_pages(homes, first: int, count: int):
    for n in range(first, first + count):
        page = StandardPageFactory(parent=homes["nb"], title=f"Side {n}")
        publish_translation(page, "uk", title=f"Сторінка {n}")


def queries_for_building_sitemap(client) -> int:
    """The queries of a sitemap built anew: as after any content change, with the site's record and
    the locales cached already."""
    queries_for_sitemap(client)
    content_cache.invalidate()
    content_cache.restricted_sections()
    content_cache.locale(Locale.get_default().pk)
    return queries_for_sitemap(client)


def test_the_number_of_queries_does_not_grow_with_the_pages(client, homes):
    add_translated_pages(homes, 0, 3)
    few = queries_for_building_sitemap(client)
    add_translated_pages(homes, 3, 27)
    assert queries_for_building_sitemap(client) == few


def test_the_sitemap_is_kept_until_content_changes(client, homes):
    add_translated_pages(homes, 0, 2)
    first = client.get("/sitemap.xml")
    assert queries_for_sitemap(client) == 0
    again = client.get("/sitemap.xml")
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"]
    add_translated_pages(homes, 2, 1)
    assert "/nb/side-2/" in client.get("/sitemap.xml").content.decode()


def test_robots_txt_links_the_sitemap_at_the_public_address(client, settings):
    settings.PUBLIC_BASE_URL = "https://s2pu.example.org"
    response = client.get("/robots.txt", HTTP_HOST="testserver")
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: https://s2pu.example.org/sitemap.xml" in response.content.decode().splitlines()
