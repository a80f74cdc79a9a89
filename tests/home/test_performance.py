"""Query counts stay within budget and do not grow with the number of items a page lists.
Timings are measured by bench/pages.py, never asserted here."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.factories import StandardPageFactory
from home.models import NavigationMenu

pytestmark = pytest.mark.django_db
HOME_QUERY_BUDGET = 12


def queries_for(client, url) -> int:
    client.get(url)  # warm per-process caches (site root paths, settings) as a running server has them
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("url", ["/nb/", "/uk/", "/en/"])
def test_home_page_within_query_budget(client, demo_site, url):
    assert queries_for(client, url) <= HOME_QUERY_BUDGET


def add_navigation_links(home, count):
    menu = NavigationMenu.objects.get(locale=home.locale)
    for _ in range(count):
        page = StandardPageFactory(parent=home, slug="")
        page.save_revision().publish()
        menu.links.append(("link", {"page": page, "url": "", "label": ""}))
    menu.save()


def test_query_count_does_not_grow_with_navigation_items(client, demo_site):
    home = demo_site["nb"]["home"]
    add_navigation_links(home, 1)
    few = queries_for(client, "/nb/")
    add_navigation_links(home, 15)
    many = queries_for(client, "/nb/")
    assert many == few
