"""Routing in two queries (home/routing.py) answers every address as Wagtail's own routing does."""

import itertools

import pytest

from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from wagtail.models import Page, Site
from wagtail.models.sites import get_site_for_hostname

from home import routing
from home.factories import StandardPageFactory
from news.models import NewsIndexPage
from partnerships.factories import StoryPageFactory
from partnerships.models import PartnershipsIndexPage

pytestmark = pytest.mark.django_db


def wagtail_route(request, site, path):
    """What Wagtail 8's routing answers, with its own `Page.route` (a query per level)."""
    components = [component for component in path.split("/") if component]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Page, "route", routing._wagtail_route)
        return site.root_page.localized.specific.route(request, components)


def comparable(route_result):
    """A route result without the instances: which page and type, which view, which arguments."""
    page, args, kwargs = route_result
    if args:  # RoutablePageMixin: (view, view args, view kwargs), the view a method bound to the page
        view, view_args, view_kwargs = args
        args = (getattr(view, "__func__", view), view_args, view_kwargs)
    return type(page), page.pk, args, kwargs


def answer(path, language):
    request = RequestFactory().get(path)
    with translation.override(language):
        return Page.route_for_request(request, path)


@pytest.fixture
def tree(homes):
    """A partnerships section with a story under it, a news index with its archive route, a draft
    page, and a live page under a draft section."""
    index = homes["nb"].add_child(instance=PartnershipsIndexPage(title="Samarbeid", slug="samarbeid"))
    story = StoryPageFactory(parent=index, slug="en-historie")
    news = homes["nb"].add_child(instance=NewsIndexPage(title="Nyheter", slug="nyheter"))
    draft = StandardPageFactory(parent=homes["nb"], slug="utkast")
    draft.unpublish()
    hidden_section = StandardPageFactory(parent=homes["nb"], slug="skjult")
    under_draft = StandardPageFactory(parent=hidden_section, slug="under")
    hidden_section.unpublish()
    return {"index": index, "story": story, "news": news, "draft": draft, "under_draft": under_draft}


ADDRESSES = [
    "/",
    "/samarbeid/",
    "/samarbeid/en-historie/",
    "/samarbeid/finnes-ikke/",
    "/samarbeid/en-historie/dypere/",
    "/nyheter/",
    "/nyheter/arkiv/2026/",
    "/nyheter/finnes-ikke/",
    "/utkast/",
    "/skjult/",
    "/skjult/under/",
    "/finnes-ikke/",
]


@pytest.mark.parametrize("path", ADDRESSES)
def test_every_address_answers_as_wagtail_routing_does(tree, path):
    site = Site.objects.get(is_default_site=True)
    request = RequestFactory().get(path)
    try:
        expected = wagtail_route(request, site, path)
    except Exception as error:  # noqa: BLE001  Http404 from Wagtail: ours must answer None
        expected = error
    ours = answer(path, "nb")
    if isinstance(expected, Exception):
        assert ours is None
    else:
        assert ours is not None and comparable(ours) == comparable(expected)


def test_a_page_three_levels_down_costs_two_queries_however_deep(tree):
    Site.find_for_request(RequestFactory().get("/"))  # the sites and homes as a running server has them
    answer("/samarbeid/en-historie/", "nb")
    with CaptureQueriesContext(connection) as deep:
        page, _args, _kwargs = answer("/samarbeid/en-historie/", "nb")
    assert page.pk == tree["story"].pk
    assert type(page).__name__ == "StoryPage" and page.summary == tree["story"].summary
    with CaptureQueriesContext(connection) as shallow:
        answer("/samarbeid/", "nb")
    # One query for all pages on the path, one for the answering page's own fields.
    assert len(deep.captured_queries) == 2
    assert len(shallow.captured_queries) == 2


def test_a_translated_home_is_found_without_asking_the_database(homes):
    answer("/", "uk")
    with CaptureQueriesContext(connection) as captured:
        page, _args, _kwargs = answer("/", "uk")
    assert page.pk == homes["uk"].pk
    assert len(captured.captured_queries) == 1  # the home page's own fields


def test_an_unpublished_translation_of_the_home_falls_back_to_the_source_as_wagtail_does(homes):
    homes["en"].unpublish()
    page, _args, _kwargs = answer("/", "en")
    assert page.pk == homes["nb"].pk


def test_a_crafted_address_of_many_levels_is_a_404_at_a_bounded_cost(tree):
    path = "/samarbeid/" + "x/" * 500
    answer("/", "nb")
    with CaptureQueriesContext(connection) as captured:
        assert answer(path, "nb") is None
    assert len(captured.captured_queries) <= 2


def test_a_page_moved_or_renamed_routes_at_its_new_address_at_once(client, tree):
    story = tree["story"]
    assert client.get("/nb/samarbeid/en-historie/").status_code == 200
    story.slug = "ny-adresse"
    story.save_revision().publish()
    assert client.get("/nb/samarbeid/ny-adresse/").status_code == 200
    assert client.get("/nb/samarbeid/en-historie/").status_code in (301, 302, 404)


@pytest.mark.parametrize("hostname", ["example.org", "www.example.org", "other.test", "localhost"])
@pytest.mark.parametrize("port", [80, 443, 8000])
def test_the_site_is_chosen_by_wagtails_rules(homes, hostname, port):
    root = homes["nb"]
    Site.objects.create(hostname="example.org", port=443, root_page=root)
    Site.objects.create(hostname="www.example.org", port=80, root_page=root)
    Site.objects.create(hostname="www.example.org", port=8000, root_page=root)
    try:
        expected = get_site_for_hostname(hostname, port).pk
    except Site.DoesNotExist:
        expected = None
    try:
        ours = routing.site_for_hostname(hostname, port).pk
    except Site.DoesNotExist:
        ours = None
    assert ours == expected


def test_a_saved_site_is_seen_by_the_next_request(homes):
    Site.objects.create(hostname="example.org", port=80, root_page=homes["nb"])
    assert routing.site_for_hostname("example.org", 80).hostname == "example.org"
    Site.objects.filter(hostname="example.org").delete()
    Site.objects.create(hostname="example.net", port=80, root_page=homes["nb"])
    assert routing.site_for_hostname("example.net", 80).hostname == "example.net"


def test_the_site_query_runs_once_for_many_requests(homes):
    routing.site_for_hostname("localhost", 80)
    with CaptureQueriesContext(connection) as captured:
        for _request in itertools.repeat(None, 5):
            Site.find_for_request(RequestFactory().get("/"))
    assert captured.captured_queries == []
