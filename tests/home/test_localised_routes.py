"""Routes under a page (the stories, the map and figures, the programme) are pages of their own: a
segment in each language, their own canonical and hreflang alternates, a language switcher that stays
on the route, a place in the sitemap, and a permanent redirect from the English segment they once had
in every language."""

import datetime
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from wagtail.models import Page

from events.factories import EventDayFactory, EventIndexPageFactory, EventPageFactory, ProgrammeSessionFactory
from events.models import EventPage
from events.models import pages as event_pages
from home.factories import homes_in_every_language, publish_translation
from home.routes import LocalisedRoutablePageMixin, localised_path
from partnerships import views
from partnerships.factories import (
    PartnerPageFactory,
    PartnershipFactory,
    PartnershipsIndexPageFactory,
    StoryPageFactory,
    UkrainianPartnerPageFactory,
)
from partnerships.models import PartnershipsIndexPage

pytestmark = pytest.mark.django_db

LANGUAGES = ("nb", "uk", "en")
# route: (which page it is under, its name, its segment per language)
ROUTES = {
    "stories": ("partnerships", "stories_view", {"nb": "historier/", "uk": "istorii/", "en": "stories/"}),
    "overview": ("partnerships", "overview_view", {"nb": "oversikt/", "uk": "ohliad/", "en": "overview/"}),
    "programme": ("event", "programme_view", {"nb": "program/", "uk": "prohrama/", "en": "programme/"}),
}
SERVER = "http://testserver"


@pytest.fixture(scope="module")
def _page_ids(module_transaction):
    """A partnerships index and an event of the module's own, in nb, uk and en, built once."""
    home = homes_in_every_language()["nb"]
    index = PartnershipsIndexPageFactory(parent=home, title="Testsamarbeid", slug="")
    events = EventIndexPageFactory(parent=home, title="Testarrangementer", slug="")
    event = EventPageFactory(parent=events, title="Testkonferansen")
    EventDayFactory(page=event)
    ids = {"nb": {"partnerships": index.pk, "event": event.pk}}
    for code in ("uk", "en"):
        publish_translation(events, code)
        ids[code] = {"partnerships": publish_translation(index, code).pk, "event": publish_translation(event, code).pk}
    return ids


@pytest.fixture
def pages(_page_ids, db):
    """{code: {owner: page}}, fresh from the database for each test."""
    found = Page.objects.specific().in_bulk([pk for ids in _page_ids.values() for pk in ids.values()])
    return {code: {owner: found[pk] for owner, pk in ids.items()} for code, ids in _page_ids.items()}


def route_url(pages, route, code) -> str:
    owner, _name, segments = ROUTES[route]
    return pages[code][owner].url + segments[code]


def link_targets(client, url) -> set[str]:
    response = client.get(url)
    assert response.status_code == 200
    return {link["href"] for link in BeautifulSoup(response.content, "html.parser").select("a[href]")}


class Head(HTMLParser):
    """The <link> and <meta> elements of a page and the links of its language switcher."""

    def __init__(self, html: str):
        super().__init__()
        self.canonical = None
        self.alternates: dict[str, str] = {}
        self.og_url = None
        self.switcher: dict[str, str] = {}
        self._in_switcher = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") == "canonical":
            assert self.canonical is None, "two canonical links"
            self.canonical = attrs["href"]
        elif tag == "link" and attrs.get("rel") == "alternate" and "hreflang" in attrs:
            self.alternates[attrs["hreflang"]] = attrs["href"]
        elif tag == "meta" and attrs.get("property") == "og:url":
            self.og_url = attrs["content"]
        elif tag == "nav" and "language-switcher" in attrs.get("class", ""):
            self._in_switcher = True
        elif tag == "a" and self._in_switcher:
            self.switcher[attrs["lang"]] = attrs["href"]

    def handle_endtag(self, tag):
        if tag == "nav":
            self._in_switcher = False


def switch_target(href: str) -> str:
    """Where a switcher link leads: its ?next= for another language, the link itself for the current."""
    parts = urlsplit(href)
    return parse_qs(parts.query)["next"][0] if parts.path.startswith("/language/") else href


def head_of(client, url) -> Head:
    response = client.get(url)
    assert response.status_code == 200
    return Head(response.content.decode())


@pytest.mark.parametrize("code", LANGUAGES)
@pytest.mark.parametrize("route", ROUTES)
def test_route_address_ends_in_the_segment_of_its_language(pages, route, code):
    assert route_url(pages, route, code).endswith("/" + ROUTES[route][2][code])


@pytest.mark.parametrize("code", LANGUAGES)
@pytest.mark.parametrize("route", ROUTES)
def test_route_is_its_own_canonical_address(client, pages, route, code):
    url = route_url(pages, route, code)
    head = head_of(client, url)
    assert head.canonical == SERVER + url
    assert head.og_url == SERVER + url


@pytest.mark.parametrize("code", LANGUAGES)
@pytest.mark.parametrize("route", ROUTES)
def test_route_lists_the_same_route_in_every_language_as_alternates(client, pages, route, code):
    expected = {
        **{other: SERVER + route_url(pages, route, other) for other in LANGUAGES},
        "x-default": SERVER + route_url(pages, route, "nb"),
    }
    assert head_of(client, route_url(pages, route, code)).alternates == expected


@pytest.mark.parametrize("code", LANGUAGES)
@pytest.mark.parametrize("route", ROUTES)
def test_language_switcher_on_a_route_stays_on_the_route(client, pages, route, code):
    expected = {other: route_url(pages, route, other) for other in LANGUAGES}
    head = head_of(client, route_url(pages, route, code))
    assert {lang: switch_target(href) for lang, href in head.switcher.items()} == expected


@pytest.mark.parametrize("code", ["nb", "uk"])
@pytest.mark.parametrize("route", ROUTES)
def test_english_segment_redirects_permanently_to_the_localised_one(client, pages, route, code):
    owner, _name, segments = ROUTES[route]
    response = client.get(pages[code][owner].url + segments["en"])
    assert response.status_code == 301
    assert response["Location"] == route_url(pages, route, code)


@pytest.mark.parametrize("code", ["nb", "uk"])
@pytest.mark.parametrize("route", ROUTES)
def test_redirect_from_the_english_segment_keeps_the_query_string(client, pages, route, code):
    owner, _name, segments = ROUTES[route]
    response = client.get(pages[code][owner].url + segments["en"], {"page": "2", "theme": "skole"})
    assert response["Location"] == route_url(pages, route, code) + "?page=2&theme=skole"


@pytest.mark.parametrize("route", ROUTES)
def test_another_languages_segment_redirects_too(client, pages, route):
    owner, _name, segments = ROUTES[route]
    response = client.get(pages["en"][owner].url + segments["uk"])
    assert response.status_code == 301
    assert response["Location"] == route_url(pages, route, "en")


@pytest.mark.parametrize("code", LANGUAGES)
@pytest.mark.parametrize("route", ROUTES)
def test_reverse_subpage_gives_the_segment_of_the_pages_language(pages, route, code):
    owner, name, _segments = ROUTES[route]
    page = pages[code][owner]
    assert page.url + page.reverse_subpage(name) == route_url(pages, route, code)


def test_programme_url_gives_the_segment_of_the_events_language(pages):
    assert pages["uk"]["event"].programme_url() == route_url(pages, "programme", "uk")


@pytest.mark.parametrize("route", ["stories", "overview"])
def test_subpage_url_gives_the_segment_of_the_indexs_language(pages, route):
    assert pages["uk"]["partnerships"].subpage_url(ROUTES[route][1]) == route_url(pages, route, "uk")


def test_event_page_links_to_its_programme_by_the_localised_segment(client, pages):
    assert route_url(pages, "programme", "uk") in link_targets(client, pages["uk"]["event"].url)


@pytest.mark.parametrize("route", ["stories", "overview"])
def test_partnerships_index_links_to_its_routes_by_the_localised_segments(client, pages, route):
    assert route_url(pages, route, "nb") in link_targets(client, pages["nb"]["partnerships"].url)


def sitemap_locations(client) -> set[str]:
    """The paths (and queries) of the sitemap's <loc>s; the host is the site's public address, tested elsewhere."""
    root = ElementTree.fromstring(client.get("/sitemap.xml").content)
    locations = (urlsplit(loc.text) for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc"))
    return {parts.path + (f"?{parts.query}" if parts.query else "") for parts in locations}


@pytest.mark.parametrize("code", LANGUAGES)
@pytest.mark.parametrize("route", ROUTES)
def test_sitemap_lists_every_route_in_every_language_with_its_own_segment(client, pages, route, code):
    assert route_url(pages, route, code) in sitemap_locations(client)


@pytest.mark.parametrize("code", ["nb", "uk"])
@pytest.mark.parametrize("route", ROUTES)
def test_sitemap_leaves_out_the_english_segment_in_other_languages(client, pages, route, code):
    owner, _name, segments = ROUTES[route]
    assert pages[code][owner].url + segments["en"] not in sitemap_locations(client)


@pytest.fixture
def two_pages_of_stories(pages):
    index = pages["nb"]["partnerships"]
    for n in range(views.STORIES_PER_PAGE + 1):
        StoryPageFactory(parent=index, title=f"Historie {n:02d}")
    return route_url(pages, "stories", "nb")


def stories_head(client, url, **params) -> Head:
    return Head(client.get(url, params).content.decode())


def test_canonical_of_a_later_list_page_keeps_its_number_and_drops_filters(client, two_pages_of_stories):
    url = two_pages_of_stories
    assert stories_head(client, url, page="2", theme="skole", requested="en").canonical == SERVER + url + "?page=2"


def test_alternates_of_a_later_list_page_keep_its_number(client, pages, two_pages_of_stories):
    url = two_pages_of_stories
    alternates = stories_head(client, url, page="2", theme="skole", requested="en").alternates
    assert alternates["uk"] == SERVER + route_url(pages, "stories", "uk") + "?page=2"
    assert alternates["x-default"] == SERVER + url + "?page=2"


def test_canonical_of_the_first_list_page_is_the_plain_address(client, two_pages_of_stories):
    # The three questions share one list: building it costs more than asking.
    plain = SERVER + two_pages_of_stories
    assert stories_head(client, two_pages_of_stories, page="1").canonical == plain
    assert stories_head(client, two_pages_of_stories, theme="skole").canonical == plain
    assert stories_head(client, two_pages_of_stories, page="x").canonical == plain


def test_a_page_number_past_the_end_is_the_last_page_and_says_so(client, two_pages_of_stories):
    url = two_pages_of_stories
    assert stories_head(client, url, page="99").canonical == SERVER + url + "?page=2"


@pytest.fixture
def two_pages_of_programme_and_partnerships(pages, monkeypatch):
    """Pages of one item, so that two sessions and two partnerships make two pages of each."""
    monkeypatch.setattr(event_pages, "PROGRAMME_SESSIONS_PER_PAGE", 1)
    monkeypatch.setattr(views, "OVERVIEW_PARTNERSHIPS_PER_PAGE", 1)
    for hour in (9, 10):
        ProgrammeSessionFactory(page=pages["nb"]["event"], start_time=datetime.time(hour))
    index = pages["nb"]["partnerships"]
    for _ in range(2):
        PartnershipFactory(
            norwegian_partner=PartnerPageFactory(parent=index),
            ukrainian_partner=UkrainianPartnerPageFactory(parent=index),
        )


@pytest.mark.parametrize("route", ["programme", "overview"])
def test_canonical_and_alternates_of_a_later_page_of_a_route_keep_its_number(
    client, pages, two_pages_of_programme_and_partnerships, route
):
    url = route_url(pages, route, "nb")
    head = head_of(client, url + "?page=2")
    assert head.canonical == SERVER + url + "?page=2"
    assert head.alternates["uk"] == SERVER + route_url(pages, route, "uk") + "?page=2"
    assert head_of(client, url + "?page=99").canonical == SERVER + url + "?page=2"
    assert head_of(client, url + "?page=abc").canonical == SERVER + url


@pytest.mark.parametrize("route", ROUTES)
def test_alternates_of_a_route_leave_out_a_language_without_a_live_translation(client, pages, route):
    pages["en"][ROUTES[route][0]].unpublish()
    head = head_of(client, route_url(pages, route, "uk"))
    assert set(head.alternates) == {"nb", "uk", "x-default"}


@pytest.mark.parametrize("route", ROUTES)
def test_switcher_on_a_route_leads_an_untranslated_language_to_the_source_route(client, pages, route):
    pages["en"][ROUTES[route][0]].unpublish()
    head = head_of(client, route_url(pages, route, "uk"))
    assert switch_target(head.switcher["en"]) == route_url(pages, route, "nb") + "?requested=en"


@pytest.mark.parametrize("route", ROUTES)
def test_source_route_shown_for_an_untranslated_language_carries_the_notice(client, pages, route):
    pages["en"][ROUTES[route][0]].unpublish()
    response = client.get(route_url(pages, route, "nb"), {"requested": "en"})
    assert response.status_code == 200
    notice = BeautifulSoup(response.content, "html.parser").select_one("div.notice.notice--language")
    assert notice is not None and notice["lang"] == "en"


def test_a_route_without_a_segment_in_every_language_fails_the_check():
    class Incomplete(LocalisedRoutablePageMixin):
        @localised_path({"nb": "noe/"})
        def something(self, request):
            return None

    errors = Incomplete.check_localised_segments()
    assert [error.id for error in errors] == ["home.E001"]
    assert "uk, en" in errors[0].msg


@pytest.mark.parametrize("model", [PartnershipsIndexPage, EventPage])
def test_every_route_of_the_site_has_a_segment_in_every_language(model):
    assert model.check_localised_segments() == []
