"""Query counts stay within budget and do not grow with the number of items a page lists.
Timings are measured by bench/pages.py, never asserted here."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Site
from wagtail.rich_text import RichText

from events.factories import EventIndexPageFactory
from home.factories import (
    FooterFactory,
    NavigationMenuFactory,
    SiteSettingsFactory,
    StandardPageFactory,
    publish_translation,
)
from home.models import Footer, NavigationMenu
from partnerships.factories import PartnershipsIndexPageFactory

pytestmark = pytest.mark.django_db
HOME_QUERY_BUDGET = 12


def queries_for(client, url) -> int:
    client.get(url)  # warm per-process caches (site root paths, settings) as a running server has them
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def page_link(page):
    return ("link", {"page": page, "url": "", "label": ""})


@pytest.fixture
def furnished_homes(homes):
    """The home pages as a running site has them: sections in every language, a body with a call to
    action, a navigation menu and a footer per language, and the site's contact settings."""
    NavigationMenu.objects.all().delete()  # the demo's, when a test on the same database loaded it
    Footer.objects.all().delete()
    source = homes["nb"]
    sections = [
        EventIndexPageFactory(parent=source, slug=""),
        PartnershipsIndexPageFactory(parent=source, slug=""),
        StandardPageFactory(parent=source, slug=""),
    ]
    for code in ("uk", "en"):
        for section in sections:
            publish_translation(section, code)
    menu = NavigationMenuFactory(locale=source.locale, links=[page_link(section) for section in sections])
    footer = FooterFactory(locale=source.locale)
    for code, home in homes.items():
        home.body = [
            ("heading", {"text": "Samarbeid", "level": "h2"}),
            ("paragraph", RichText("<p>Kommunene møtes.</p>")),
            (
                "call_to_action",
                {"title": "Bli med", "text": "", "page": sections[1], "url": "", "button_label": "Meld interesse"},
            ),
        ]
        home.save_revision().publish()
        if code != "nb":
            NavigationMenuFactory(locale=home.locale, translation_key=menu.translation_key, links=menu.links)
            FooterFactory(locale=home.locale, translation_key=footer.translation_key)
    SiteSettingsFactory(site=Site.objects.get(is_default_site=True))
    return homes


@pytest.mark.parametrize("url", ["/nb/", "/uk/", "/en/"])
def test_home_page_within_query_budget(client, furnished_homes, url):
    assert queries_for(client, url) <= HOME_QUERY_BUDGET


def add_navigation_links(home, count):
    menu = NavigationMenu.objects.get(locale=home.locale)
    for _ in range(count):
        page = StandardPageFactory(parent=home, slug="")
        page.save_revision().publish()
        menu.links.append(page_link(page))
    menu.save()


def test_query_count_does_not_grow_with_navigation_items(client, furnished_homes):
    home = furnished_homes["nb"]
    add_navigation_links(home, 1)
    few = queries_for(client, "/nb/")
    add_navigation_links(home, 15)
    many = queries_for(client, "/nb/")
    assert many == few


def test_a_new_view_restriction_applies_at_once_though_restrictions_are_cached(client, furnished_homes):
    from wagtail.models import Page, PageViewRestriction

    page = StandardPageFactory(parent=furnished_homes["nb"], slug="")
    page.save_revision().publish()
    url = page.url
    assert client.get(url).status_code == 200  # the (empty) list of private sections is now cached
    assert Page.objects.public().filter(pk=page.pk).exists()
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(url).status_code == 302
    assert not Page.objects.public().filter(pk=page.pk).exists()


def test_footer_contact_follows_an_edit_of_the_site_settings(client, furnished_homes):
    from home.models import SiteSettings

    client.get("/nb/")
    settings = SiteSettings.objects.get()
    settings.contact_email = "ny-adresse@s2pu.example"
    settings.save()
    assert "ny-adresse@s2pu.example" in client.get("/nb/").content.decode()
