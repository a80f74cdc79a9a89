"""The main navigation says where the reader is: the page itself, or the section the page sits in."""

import pytest
from bs4 import BeautifulSoup

from wagtail.models import Page, Site

from events.factories import EventIndexPageFactory, EventPageFactory
from home.factories import HomePageFactory, LocaleFactory, NavigationMenuFactory, StandardPageFactory
from home.models import NavigationMenu

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages():
    locale = LocaleFactory(language_code="nb")
    NavigationMenu.objects.all().delete()  # the demo's, when another test has loaded it
    # An empty slug: the demo's home pages may share the root; the site's root page decides what /nb/ is.
    home = HomePageFactory(parent=Page.get_first_root_node(), slug="", locale=locale)
    Site.objects.filter(is_default_site=True).update(root_page=home)
    events = EventIndexPageFactory(parent=home, slug="konferanse")
    event = EventPageFactory(parent=events, slug="konferansen-2023")
    about = StandardPageFactory(parent=home, slug="om")
    about_child = StandardPageFactory(parent=about, slug="historie")
    links = [("link", {"page": page, "url": "", "label": ""}) for page in (home, events, about)]
    links.append(("link", {"page": None, "url": "https://example.org/nb/", "label": "Elsewhere"}))
    NavigationMenuFactory(locale=locale, links=links)
    return {"home": home, "events": events, "event": event, "about": about, "about_child": about_child}


def navigation_state(client, url) -> dict[str, str | None]:
    response = client.get(url)
    assert response.status_code == 200
    nav = BeautifulSoup(response.content, "html.parser").select_one("nav.main-nav")
    return {link["href"]: link.get("aria-current") for link in nav.select("a")}


def test_the_linked_page_is_the_current_page(client, pages):
    assert navigation_state(client, pages["events"].url) == {
        "/nb/": None,
        "/nb/konferanse/": "page",
        "/nb/om/": None,
        "https://example.org/nb/": None,
    }
    assert navigation_state(client, "/nb/")["/nb/"] == "page"


@pytest.mark.parametrize(
    "below, section",
    [("event", "/nb/konferanse/"), ("about_child", "/nb/om/")],
)
def test_pages_below_a_link_mark_it_as_the_current_section(client, pages, below, section):
    state = navigation_state(client, pages[below].url)
    assert state[section] == "true"
    # The home page is above everything, so it never becomes "the section".
    assert state["/nb/"] is None
    assert [href for href, current in state.items() if current] == [section]


def test_routes_below_a_page_mark_its_section(client, pages):
    event = pages["event"]
    state = navigation_state(client, event.url + event.reverse_subpage("programme_view"))
    assert state["/nb/konferanse/"] == "true"


def test_the_state_is_worked_out_per_request_from_the_cached_menu(client, pages):
    """The menu is built once and cached; the current link differs from page to page all the same."""
    assert navigation_state(client, pages["event"].url)["/nb/konferanse/"] == "true"
    assert navigation_state(client, pages["about"].url)["/nb/konferanse/"] is None
    assert navigation_state(client, pages["about"].url)["/nb/om/"] == "page"


def test_a_page_whose_address_only_starts_like_a_link_is_not_in_its_section(client, pages):
    lookalike = StandardPageFactory(parent=pages["home"], slug="konferanse-arkiv")
    assert navigation_state(client, lookalike.url)["/nb/konferanse/"] is None
