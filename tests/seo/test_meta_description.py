"""Every page type, its routes, search and the error page have a meta description in their language:
the search description, else the introduction or summary, else the first text of the body, else a
sentence about the site."""

import pytest
from bs4 import BeautifulSoup

from django.utils import translation
from django.utils.translation import gettext

from wagtail.models import Page

from home.factories import HomePageFactory, LocaleFactory, StandardPageFactory
from home.models import HomePage, StandardPage
from home.text import summarise
from seo.templatetags.seo_tags import meta_description
from tests.home.test_pages import project_page_models
from tests.page_tree import build_page_tree

pytestmark = pytest.mark.django_db

SITE_SENTENCE = (
    "s2pU brings Norwegian and Ukrainian municipalities together: the municipality conference, "
    "partnerships and their stories."
)


@pytest.fixture
def tree():
    return build_page_tree()


def descriptions(client, url, status=200) -> tuple[str, str]:
    response = client.get(url)
    assert response.status_code == status, url
    soup = BeautifulSoup(response.content, "html.parser")
    names = soup.select('meta[name="description"]')
    assert len(names) == 1, url
    return names[0]["content"], soup.select_one('meta[property="og:description"]')["content"]


def urls_of_every_page_type(tree) -> dict[str, str]:
    from events.models import EventPage
    from partnerships.models import PartnershipsIndexPage

    urls = {type(page).__name__: page.url for page in tree["pages"].values()}
    event = tree["pages"][EventPage]
    index = tree["pages"][PartnershipsIndexPage]
    urls["programme"] = event.url + event.reverse_subpage("programme_view")
    urls["stories"] = index.url + index.reverse_subpage("stories_view")
    urls["overview"] = index.url + index.reverse_subpage("overview_view")
    urls["search"] = "/nb/search/?query=kommune"
    return urls


def test_every_page_type_route_and_search_has_a_description(client, tree):
    urls = urls_of_every_page_type(tree)
    assert len(urls) == len(project_page_models()) + 4, sorted(urls)
    for name, url in urls.items():
        description, _og = descriptions(client, url)
        assert description.strip(), name


def test_every_description_fits_a_search_result(client, tree):
    urls = urls_of_every_page_type(tree)
    assert len(urls) == len(project_page_models()) + 4, sorted(urls)
    for name, url in urls.items():
        description, _og = descriptions(client, url)
        assert len(description) <= 160, (name, description)


def test_the_open_graph_description_is_the_meta_description(client, tree):
    urls = urls_of_every_page_type(tree)
    assert len(urls) == len(project_page_models()) + 4, sorted(urls)
    for name, url in urls.items():
        description, og_description = descriptions(client, url)
        assert og_description == description, name


def test_the_error_page_has_a_description(client, tree):
    description, _og = descriptions(client, "/nb/finnes-ikke/", status=404)
    assert description == SITE_SENTENCE or description.strip()


def test_without_an_intro_the_description_is_the_first_paragraph_of_the_body(tree):
    assert tree["pages"][StandardPage].meta_description == "Kommunene møtes hvert år i Oslo for å finne nye partnere."


def test_the_intro_comes_before_the_body(tree):
    standard = tree["pages"][StandardPage]
    standard.intro = "Kort om samarbeidet."
    assert standard.meta_description == "Kort om samarbeidet."


def test_the_search_description_comes_before_the_intro(tree):
    standard = tree["pages"][StandardPage]
    standard.intro = "Kort om samarbeidet."
    standard.search_description = "Skrevet for søkemotorer."
    assert standard.meta_description == "Skrevet for søkemotorer."


def test_a_partner_is_described_by_its_summary(tree):
    from partnerships.models import PartnerPage

    assert tree["pages"][PartnerPage].meta_description == "En kommune på Sørlandet."


def test_paragraphs_do_not_run_together_and_markup_is_gone(tree):
    home = tree["pages"][HomePage]
    page = StandardPageFactory(
        parent=home,
        intro="",
        body=[
            ("heading", {"text": "Overskrift", "level": "h2"}),
            ("paragraph", "<p>Første avsnitt med <b>fet</b> &amp; kursiv.</p><p>Andre avsnitt.</p>"),
        ],
    )
    assert page.meta_description == "Første avsnitt med fet & kursiv. Andre avsnitt."


def test_long_text_is_cut_at_a_word_and_marked():
    summary = summarise(" ".join(["samarbeid"] * 40))
    assert len(summary) <= 160
    assert summary.endswith("samarbeid…")


def test_short_text_is_kept_whole():
    assert summarise("Kort tekst.") == "Kort tekst."


def test_a_page_without_text_is_described_in_its_own_language(tree):
    uk = LocaleFactory(language_code="uk")
    home = tree["pages"][HomePage]
    home_uk = HomePageFactory(
        parent=Page.get_first_root_node(), slug="", locale=uk, translation_key=home.translation_key, intro=""
    )
    empty = StandardPageFactory(parent=home_uk, title="Порожня сторінка", intro="", locale=uk)
    with translation.override("uk"):
        sentence = gettext(SITE_SENTENCE)
    assert sentence != SITE_SENTENCE  # the catalogue has it
    with translation.override("en"):
        assert meta_description(empty) == summarise(f"Порожня сторінка. {sentence}")


def test_pages_outside_the_tree_describe_the_site_in_the_readers_language():
    with translation.override("uk"):
        assert meta_description(None) == gettext(SITE_SENTENCE)
        assert meta_description("") == gettext(SITE_SENTENCE)
