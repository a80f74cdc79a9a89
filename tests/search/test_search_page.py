"""The search page: stemming on PostgreSQL, editors' picks, highlighted excerpts, pagination and a
query count that does not grow with the results."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from django.db import connection

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page

from home.factories import StandardPageFactory, publish_translation
from tests.performance import capture

pytestmark = pytest.mark.django_db
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="stemming is PostgreSQL's; SQLite's FTS5 does not stem"
)


def hits(response):
    return [hit["page"].pk for hit in response.context["hits"]]


@pytest.fixture
def municipality(homes):
    """ "Lyngdal kommune" in nb and "Lyngdal Municipality" in en."""
    page = StandardPageFactory(parent=homes["nb"], title="Lyngdal kommune", intro="Kommunen ligger i Agder.")
    return {"nb": page, "en": publish_translation(page, "en", title="Lyngdal Municipality", intro="In Agder.")}


@postgresql_only
def test_norwegian_is_stemmed_on_postgresql(client, municipality):
    response = client.get("/nb/search/", {"query": "kommunene"})
    assert municipality["nb"].pk in hits(response)


@postgresql_only
def test_english_is_stemmed_on_postgresql(client, municipality):
    response = client.get("/en/search/", {"query": "municipalities"})
    assert hits(response) == [municipality["en"].pk]


@postgresql_only
def test_a_search_without_a_language_finds_stemmed_pages_of_every_language(municipality):
    """The admin searches all languages at once: each page is found in its own language's stemming."""
    found = {page.pk for page in Page.objects.search("kommunene")} | {
        page.pk for page in Page.objects.search("municipalities")
    }
    assert {municipality["nb"].pk, municipality["en"].pk} <= found


@pytest.fixture
def promoted(homes, municipality):
    """A page that does not contain the word "agder", promoted for that query in nb."""
    page = StandardPageFactory(parent=homes["nb"], title="Om samarbeidet", intro="Hvem vi er.")
    SearchPromotion.objects.create(query=Query.get("Agder"), page=page, description="Les dette først.", sort_order=0)
    return page


def test_a_promoted_page_comes_first_marked_as_recommended(client, promoted, municipality):
    response = client.get("/nb/search/", {"query": "agder"})
    html = response.content.decode()
    assert [pick["page"].pk for pick in response.context["promoted"]] == [promoted.pk]
    assert hits(response) == [municipality["nb"].pk]
    assert html.index('id="promoted-heading"') < html.index(promoted.url) < html.index(municipality["nb"].url)
    assertContains(response, "Les dette først.")


def test_a_promotion_shows_on_the_search_of_its_pages_language_only(client, promoted, municipality):
    response = client.get("/en/search/", {"query": "Agder"})
    assert response.context["promoted"] == []
    assertNotContains(response, 'id="promoted-heading"')


def test_a_promoted_page_is_not_listed_again_among_the_results(client, promoted):
    response = client.get("/nb/search/", {"query": "samarbeidet"})
    assert [pick["page"].pk for pick in response.context["promoted"]] == []
    SearchPromotion.objects.create(query=Query.get("samarbeidet"), page=promoted, sort_order=0)
    response = client.get("/nb/search/", {"query": "samarbeidet"})
    assert [pick["page"].pk for pick in response.context["promoted"]] == [promoted.pk]
    assert promoted.pk not in hits(response)


def test_the_excerpt_marks_the_readers_words_in_the_pages_own_script(client, homes):
    page = StandardPageFactory(parent=homes["nb"], title="Side")
    publish_translation(page, "uk", title="Партнери", intro="Кривий Ріг і Люнгдал співпрацюють.")
    response = client.get("/uk/search/", {"query": "Krivoy Rog"})
    assertContains(
        response,
        '<p class="search-result__excerpt"><mark>Кривий Ріг</mark> і Люнгдал співпрацюють.</p>',
        html=True,
    )


def test_the_excerpt_is_escaped_around_its_marks(client, homes):
    StandardPageFactory(parent=homes["nb"], title="Kode", intro="<script>alert(1)</script> Zyxquorn & co")
    response = client.get("/nb/search/", {"query": "Zyxquorn"})
    assertContains(response, "alert(1) <mark>Zyxquorn</mark> &amp; co")
    assertNotContains(response, "<script>alert")


def test_the_excerpt_starts_near_the_match_in_a_long_text(client, homes):
    intro = " ".join(["vann"] * 60) + " Zyxquorn slutt"
    StandardPageFactory(parent=homes["nb"], title="Lang", intro=intro)
    response = client.get("/nb/search/", {"query": "Zyxquorn"})
    excerpt = str(response.context["hits"][0]["excerpt"])
    assert excerpt.startswith("…") and "<mark>Zyxquorn</mark> slutt" in excerpt


@pytest.fixture
def many(homes):
    def build(count):
        for number in range(count):
            StandardPageFactory(parent=homes["nb"], title=f"Zyxquorn {number}", intro="Zyxquorn i teksten.")

    return build


def test_results_come_ten_to_a_page(client, many):
    many(12)
    first = client.get("/nb/search/", {"query": "Zyxquorn"})
    second = client.get("/nb/search/", {"query": "Zyxquorn", "page": "2"})
    assert (len(hits(first)), len(hits(second))) == (10, 2)
    assert set(hits(first)).isdisjoint(hits(second))
    assertContains(first, 'rel="next"')


@pytest.mark.parametrize("count", [1, 10])
def test_the_query_count_does_not_grow_with_the_results(client, many, count, django_assert_max_num_queries):
    many(count)
    # The base template (menus, languages, footer) costs most of these; a result costs none of its own.
    with django_assert_max_num_queries(25):
        response = client.get("/nb/search/", {"query": "Zyxquorn"})
    assert len(hits(response)) == count


def test_an_editor_promotes_a_page_in_the_admin_and_readers_see_it_first(admin_client, client, homes):
    page = StandardPageFactory(parent=homes["nb"], title="Meld interesse", intro="Skjemaet.")
    assert admin_client.get("/admin/searchpicks/").status_code == 200
    assert admin_client.get("/admin/searchpicks/add/").status_code == 200
    response = admin_client.post(
        "/admin/searchpicks/add/",
        {
            "query_string": "Partnerskap",
            "editors_picks-TOTAL_FORMS": 1,
            "editors_picks-INITIAL_FORMS": 0,
            "editors_picks-MAX_NUM_FORMS": 1000,
            "editors_picks-0-DELETE": "",
            "editors_picks-0-ORDER": 0,
            "editors_picks-0-page": page.pk,
            "editors_picks-0-description": "Slik blir dere med.",
        },
    )
    assert response.status_code == 302
    response = client.get("/nb/search/", {"query": "partnerskap"})
    assert [pick["page"].pk for pick in response.context["promoted"]] == [page.pk]


def test_a_promoted_page_that_is_no_longer_live_is_not_shown(client, promoted):
    promoted.unpublish()
    response = client.get("/nb/search/", {"query": "agder"})
    assert response.context["promoted"] == []


def test_a_search_without_promotions_asks_for_none(client, municipality):
    client.get("/nb/")  # the site's settings are made on the first request, which empties the caches
    response, statements = capture(client, "/nb/search/?query=Lyngdal")
    assert hits(response) == [municipality["nb"].pk]
    assert not [sql for sql in statements if "searchpromotion" in sql]
