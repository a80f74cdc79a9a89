"""Our page types' `route` (the pages on the path in one query, home/routing.py) answers every address
as Wagtail's own `Page.route` does, at a cost that does not grow with the depth of the path."""

import pytest

from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from wagtail.models import Page, Site

from home.factories import StandardPageFactory
from home.models import BasePage
from news.models import NewsIndexPage
from partnerships.factories import StoryPageFactory
from partnerships.models import PartnershipsIndexPage

pytestmark = pytest.mark.django_db


def wagtail_route(request, site, path):
    """What Wagtail 8's routing answers, with its own `Page.route` (a query per level) in place of
    ours on every page type."""
    components = [component for component in path.split("/") if component]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(BasePage, "route", Page.route)
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


def queries_to_route(path, language):
    with CaptureQueriesContext(connection) as captured:
        result = answer(path, language)
    return result, len(captured.captured_queries)


def test_the_cost_of_routing_does_not_grow_with_the_depth_of_the_path(tree):
    (page, _args, _kwargs), deep = queries_to_route("/samarbeid/en-historie/", "nb")
    assert page.pk == tree["story"].pk
    assert type(page).__name__ == "StoryPage" and page.summary == tree["story"].summary
    _result, shallow = queries_to_route("/samarbeid/", "nb")
    # Wagtail's site and locale, the home page, every page on the path at once, the answering page.
    assert deep == shallow == 5


def test_the_answering_page_comes_with_its_locale(tree):
    page, _args, _kwargs = answer("/samarbeid/en-historie/", "nb")
    with CaptureQueriesContext(connection) as captured:
        assert page.locale.language_code == "nb"
    assert captured.captured_queries == []


def test_an_unpublished_translation_of_the_home_falls_back_to_the_source_as_wagtail_does(homes):
    homes["en"].unpublish()
    page, _args, _kwargs = answer("/", "en")
    assert page.pk == homes["nb"].pk


def test_a_crafted_address_of_many_levels_is_a_404_at_a_bounded_cost(tree):
    result, queries = queries_to_route("/samarbeid/" + "x/" * 500, "nb")
    assert result is None
    assert queries <= 5


def test_a_page_moved_or_renamed_routes_at_its_new_address_at_once(client, tree):
    story = tree["story"]
    assert client.get("/nb/samarbeid/en-historie/").status_code == 200
    story.slug = "ny-adresse"
    story.save_revision().publish()
    assert client.get("/nb/samarbeid/ny-adresse/").status_code == 200
    assert client.get("/nb/samarbeid/en-historie/").status_code in (301, 302, 404)
