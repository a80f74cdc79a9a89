"""Routes under a page (the stories, the map and figures, the programme) are pages of their own: a
segment in each language, their own canonical and hreflang alternates, a language switcher that stays
on the route, a place in the sitemap, and a permanent redirect from the English segment they once had
in every language."""

from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest

from wagtail.models import Locale

from events.factories import EventDayFactory, EventIndexPageFactory, EventPageFactory
from events.models import EventPage
from home.routes import LocalisedRoutablePageMixin, localised_path
from partnerships import views
from partnerships.factories import PartnershipsIndexPageFactory, StoryPageFactory
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


def translate(page, code):
    copy = page.copy_for_translation(Locale.objects.get(language_code=code))
    copy.save_revision().publish()
    copy.refresh_from_db()
    return copy.specific


@pytest.fixture
def pages(demo_site):
    """A partnerships index and an event of the test's own, in nb, uk and en: {code: {owner: page}}."""
    home = demo_site["nb"]["home"]
    index = PartnershipsIndexPageFactory(parent=home, title="Testsamarbeid", slug="")
    events = EventIndexPageFactory(parent=home, title="Testarrangementer", slug="")
    event = EventPageFactory(parent=events, title="Testkonferansen")
    EventDayFactory(page=event)
    result = {"nb": {"partnerships": index, "event": event}}
    for code in ("uk", "en"):
        translate(events, code)
        result[code] = {"partnerships": translate(index, code), "event": translate(event, code)}
    return result


def route_url(pages, route, code) -> str:
    owner, _name, segments = ROUTES[route]
    return pages[code][owner].url + segments[code]


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


@pytest.mark.parametrize("code", LANGUAGES)
@pytest.mark.parametrize("route", ROUTES)
def test_route_has_its_own_canonical_alternates_and_switcher_links(client, pages, route, code):
    url = route_url(pages, route, code)
    assert url.endswith("/" + ROUTES[route][2][code])
    response = client.get(url)
    assert response.status_code == 200
    head = Head(response.content.decode())
    assert head.canonical == SERVER + url
    assert head.og_url == SERVER + url
    assert head.alternates == {
        **{other: SERVER + route_url(pages, route, other) for other in LANGUAGES},
        "x-default": SERVER + route_url(pages, route, "nb"),
    }
    assert {lang: switch_target(href) for lang, href in head.switcher.items()} == {
        other: route_url(pages, route, other) for other in LANGUAGES
    }


@pytest.mark.parametrize("code", ["nb", "uk"])
@pytest.mark.parametrize("route", ROUTES)
def test_english_segment_redirects_permanently_to_the_localised_one(client, pages, route, code):
    owner, _name, segments = ROUTES[route]
    page = pages[code][owner]
    response = client.get(page.url + segments["en"], {"page": "2", "theme": "skole"})
    assert response.status_code == 301
    assert response["Location"] == route_url(pages, route, code) + "?page=2&theme=skole"
    assert client.get(page.url + segments["en"]).headers["Location"] == route_url(pages, route, code)


@pytest.mark.parametrize("route", ROUTES)
def test_another_languages_segment_redirects_too(client, pages, route):
    owner, _name, segments = ROUTES[route]
    response = client.get(pages["en"][owner].url + segments["uk"])
    assert response.status_code == 301
    assert response["Location"] == route_url(pages, route, "en")


@pytest.mark.parametrize("route", ROUTES)
def test_url_helpers_give_the_segment_of_the_pages_language(pages, route):
    owner, name, segments = ROUTES[route]
    for code in LANGUAGES:
        page = pages[code][owner]
        assert page.url + page.reverse_subpage(name) == route_url(pages, route, code)
    if owner == "event":
        assert pages["uk"]["event"].programme_url() == route_url(pages, route, "uk")
    else:
        assert pages["uk"]["partnerships"].sub_url(name) == route_url(pages, route, "uk")


def test_page_links_use_the_localised_segments(client, pages):
    html = client.get(pages["uk"]["event"].url).content.decode()
    assert f'href="{route_url(pages, "programme", "uk")}"' in html
    html = client.get(pages["nb"]["partnerships"].url).content.decode()
    assert f'href="{route_url(pages, "stories", "nb")}"' in html
    assert f'href="{route_url(pages, "overview", "nb")}"' in html


def test_sitemap_lists_every_route_in_every_language_with_its_own_segment(client, pages):
    xml = client.get("/sitemap.xml").content.decode()
    for route, (owner, _name, segments) in ROUTES.items():
        for code in LANGUAGES:
            assert f"{route_url(pages, route, code)}</loc>" in xml, (route, code)
            if code != "en":
                assert f"{pages[code][owner].url}{segments['en']}</loc>" not in xml


def test_canonical_keeps_the_list_page_number_only(client, pages):
    index = pages["nb"]["partnerships"]
    for n in range(views.STORIES_PER_PAGE + 1):
        StoryPageFactory(parent=index, title=f"Historie {n:02d}")
    url = route_url(pages, "stories", "nb")

    def head(**params):
        return Head(client.get(url, params).content.decode())

    second = head(page="2", theme="skole", requested="en")
    assert second.canonical == SERVER + url + "?page=2"
    assert second.alternates["uk"] == SERVER + route_url(pages, "stories", "uk") + "?page=2"
    assert second.alternates["x-default"] == SERVER + url + "?page=2"
    assert head(page="1").canonical == SERVER + url
    assert head(theme="skole").canonical == SERVER + url
    # A page number past the end shows the last page, and says which one it is.
    assert head(page="99").canonical == SERVER + url + "?page=2"
    assert head(page="x").canonical == SERVER + url


@pytest.mark.parametrize("route", ROUTES)
def test_untranslated_route_links_to_the_source_route_with_a_notice(client, pages, route):
    owner = ROUTES[route][0]
    pages["en"][owner].unpublish()
    head = Head(client.get(route_url(pages, route, "uk")).content.decode())
    assert set(head.alternates) == {"nb", "uk", "x-default"}
    fallback = route_url(pages, route, "nb") + "?requested=en"
    assert switch_target(head.switcher["en"]) == fallback
    response = client.get(fallback)
    assert response.status_code == 200
    assert 'class="notice notice--language"' in response.content.decode()


def test_a_route_needs_a_segment_in_every_language():
    class Incomplete(LocalisedRoutablePageMixin):
        @localised_path({"nb": "noe/"})
        def something(self, request):
            return None

    errors = Incomplete.check_localised_segments()
    assert [error.id for error in errors] == ["home.E001"]
    assert "uk, en" in errors[0].msg
    for model in (PartnershipsIndexPage, EventPage):
        assert model.check_localised_segments() == []
