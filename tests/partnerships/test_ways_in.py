"""The ways in: a search box in the header of every page, and calls to action that lead municipalities
to the interest form in their language."""

import json

import pytest
from bs4 import BeautifulSoup
from pytest_django.asserts import assertContains

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from wagtail.models import Page, Site

from home.factories import HomePageFactory, LocaleFactory, StandardPageFactory
from partnerships.factories import InterestFormPageFactory, PartnershipsIndexPageFactory
from partnerships.templatetags.partnership_tags import interest_form_call_to_action

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    """nb and uk home pages, partnerships indexes and interest forms, built with the factories."""
    nb, uk = LocaleFactory(language_code="nb"), LocaleFactory(language_code="uk")
    root = Page.get_first_root_node()
    # Empty slugs: the demo's home pages may share the root; the site's root page decides what /nb/ is.
    home = HomePageFactory(parent=root, slug="", locale=nb)
    Site.objects.filter(is_default_site=True).update(root_page=home)
    home_uk = HomePageFactory(parent=root, slug="", locale=uk, translation_key=home.translation_key)
    index = PartnershipsIndexPageFactory(parent=home, slug="samarbeid", locale=nb)
    index_uk = PartnershipsIndexPageFactory(
        parent=home_uk, slug="spivpratsia", locale=uk, translation_key=index.translation_key
    )
    form = InterestFormPageFactory(parent=index, slug="meld-interesse", locale=nb)
    form_uk = InterestFormPageFactory(parent=index_uk, slug="zaiavka", locale=uk, translation_key=form.translation_key)
    return {"home": home, "home_uk": home_uk, "index": index, "index_uk": index_uk, "form": form, "form_uk": form_uk}


def soup_of(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return BeautifulSoup(response.content, "html.parser")


def call_to_action_links(soup) -> list[str]:
    return [link["href"] for link in soup.select(".cta--interest a.button")]


# --- Search in the header ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "url, status, action",
    [
        ("/nb/", 200, "/nb/search/"),
        ("/uk/", 200, "/uk/search/"),
        ("/nb/samarbeid/meld-interesse/", 200, "/nb/search/"),
        ("/uk/search/?query=kommune", 200, "/uk/search/"),
        ("/uk/finnes-ikke/", 404, "/uk/search/"),
    ],
)
def test_every_page_has_a_labelled_search_form_in_its_language(client, tree, url, status, action):
    header = soup_of(client, url, status).select_one("header.site-header")
    form = header.select_one("form[role=search]")
    assert form is not None, url
    assert form["action"] == action
    assert form["method"] == "get"
    assert form.get("aria-label")
    field = form.select_one("input[name=query]")
    assert field["type"] == "search"
    label = form.select_one(f'label[for="{field["id"]}"]')
    assert label is not None and label.get_text(strip=True)
    assert form.select_one("button[type=submit]").get_text(strip=True)


def test_the_header_search_leads_to_results_in_the_readers_language(client, tree):
    StandardPageFactory(
        parent=tree["home_uk"], title="Громади Миколаєва", slug="mykolaiv", locale=tree["home_uk"].locale
    )
    results = soup_of(client, "/uk/search/?query=Миколаєва")
    assert "Громади Миколаєва" in results.select_one(".search-results").get_text()


# --- The call to action that leads to the interest form ------------------------------------------


@pytest.mark.parametrize("route", ["partners_view", "stories_view"])
def test_partner_and_story_lists_lead_to_the_form_in_the_readers_language(client, tree, route):
    def links_on(index):
        return call_to_action_links(soup_of(client, index.url + index.reverse_subpage(route)))

    assert links_on(tree["index_uk"]) == [tree["form_uk"].url]
    assert links_on(tree["index"]) == [tree["form"].url]


def test_an_untranslated_form_is_reached_in_norwegian_with_the_notice(client, tree):
    tree["form_uk"].unpublish()
    assert call_to_action_links(soup_of(client, tree["index_uk"].url)) == [tree["form"].url + "?requested=uk"]
    notice = soup_of(client, tree["form"].url + "?requested=uk").select_one(".notice--language")
    assert notice is not None and notice["lang"] == "uk"


def test_no_call_to_action_without_a_live_form(client, tree):
    tree["form_uk"].unpublish()
    tree["form"].unpublish()
    assert soup_of(client, tree["index_uk"].url).select(".cta--interest") == []


def test_the_form_is_looked_up_once_and_found_again_after_publishing(tree, rf):
    tree["form_uk"].unpublish()
    context = {"request": rf.get("/uk/")}
    Site.find_for_request(context["request"])  # as Wagtail's page serving does before any template
    with translation.override("uk"):
        with CaptureQueriesContext(connection) as first:
            assert interest_form_call_to_action(context)["link"]["url"] == tree["form"].url + "?requested=uk"
        with CaptureQueriesContext(connection) as second:
            interest_form_call_to_action(context)
        assert len(first) > 0
        assert len(second) == 0
        tree["form_uk"].save_revision().publish()
        assert interest_form_call_to_action(context)["link"]["url"] == tree["form_uk"].url


@pytest.mark.parametrize(("home", "form"), [("home", "form"), ("home_uk", "form_uk")])
def test_a_call_to_action_block_leads_to_the_form_in_the_readers_language(client, tree, home, form):
    call_to_action = {"title": "Finn en partner", "page": tree["form"].pk, "button_label": "Meld interesse"}
    about = StandardPageFactory(
        parent=tree[home],
        slug="om",
        locale=tree[home].locale,
        body=json.dumps([{"type": "call_to_action", "value": call_to_action}]),
    )
    response = client.get(about.url)
    assertContains(response, f'<a class="button" href="{tree[form].url}">Meld interesse</a>', html=True)
