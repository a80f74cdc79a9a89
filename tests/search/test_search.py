"""The search view: no query string causes a 500, and each result shows an excerpt."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pytest_django.asserts import assertContains

from home.blocks import HeadingBlock
from home.factories import StandardPageFactory, publish_translation
from partnerships.factories import PartnershipsIndexPageFactory, StoryPageFactory
from search.excerpt import excerpt, stored_searchable_content
from tests.performance import capture, repeated_shapes

pytestmark = pytest.mark.django_db

# Each of these gave a 500 on SQLite: FTS5 refuses a double quote inside a term, and a NUL ends the
# query string early.
BROKEN_BEFORE = ['"', '"""', 'a"b', '"Kommune', 'громада"', "\x00", "abc\x00def"]
SPECIAL = st.sampled_from(
    BROKEN_BEFORE
    + ["*", "NEAR(a b)", "a OR", "AND", "col:val", "(", "^", "-", "'", "\\", "%", "🇺🇦🙂", "Київ", "x" * 5000, " "]
)
QUERY = st.one_of(SPECIAL, st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=300))
PAGE = st.one_of(
    st.sampled_from(["", "0", "-1", "2", "999999999999999999999", "1e309", "nan", "1.5", "x", "\x00"]),
    st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=20),
)


@pytest.fixture
def indexed(homes):
    """A page in each language with words like the ones the queries use, so that every search runs
    against a filled index."""
    source = StandardPageFactory(parent=homes["nb"], title="Kommune og hromada", intro="Kommunene samarbeider.")
    publish_translation(source, "uk", title="Громада і комуна", intro="Громади співпрацюють.")
    publish_translation(source, "en", title="Municipality", intro="The municipalities cooperate.")


@pytest.mark.parametrize("query", BROKEN_BEFORE)
def test_quotes_and_nul_bytes_are_searched_as_words(client, indexed, query):
    response = client.get("/nb/search/", {"query": query})
    assert response.status_code == 200


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(query=QUERY, page=PAGE, language=st.sampled_from(["nb", "uk", "en"]))
def test_no_query_string_causes_a_server_error(client, indexed, query, page, language):
    response = client.get(f"/{language}/search/", {"query": query, "page": page})
    assert response.status_code < 500


@pytest.fixture
def pages(homes):
    home = homes["nb"]
    body = json.dumps(
        [{"type": "paragraph", "value": "<p>Zyxquorn <b>kommunene</b> samarbeider " + "om vann " * 30 + "</p>"}]
    )
    return {
        "described": StandardPageFactory(
            parent=home, title="Beskrevet", intro="Zyxquorn i ingressen", search_description="Egen beskrivelse for søk"
        ),
        "intro": StandardPageFactory(parent=home, title="Med ingress", intro="Zyxquorn <b>i</b> ingressen"),
        "body": StandardPageFactory(parent=home, title="Bare brødtekst", intro="", body=body),
        "story": StoryPageFactory(
            parent=PartnershipsIndexPageFactory(parent=home, title="Samarbeid om søk", slug=""),
            title="Historie",
            summary="Zyxquorn i sammendraget",
        ),
    }


def test_the_excerpt_is_the_search_description_first(pages):
    assert excerpt(pages["described"]) == "Egen beskrivelse for søk"


def test_the_excerpt_is_the_introduction_without_tags_when_there_is_no_description(pages):
    assert excerpt(pages["intro"]) == "Zyxquorn i ingressen"


def test_the_excerpt_of_a_story_is_its_summary(pages):
    assert excerpt(pages["story"]) == "Zyxquorn i sammendraget"


def test_the_excerpt_is_the_body_without_tags_when_there_is_nothing_else(pages):
    assert excerpt(pages["body"]).startswith("Zyxquorn kommunene samarbeider om vann")


def test_an_excerpt_from_the_body_is_cut_at_thirty_words(pages):
    body = excerpt(pages["body"])
    assert body.endswith("…") and len(body.split()) == 30


@pytest.mark.parametrize("page", ["intro", "story"])
def test_each_result_shows_its_excerpt_with_the_query_marked(client, pages, page):
    response = client.get("/nb/search/", {"query": "Zyxquorn"})
    marked = excerpt(pages[page]).replace("Zyxquorn", "<mark>Zyxquorn</mark>")
    assertContains(response, f'<p class="search-result__excerpt">{marked}</p>', html=True)


@pytest.fixture
def linking(homes):
    """Pages whose bodies hold every kind of block, a call to action to another page among them."""
    target = StandardPageFactory(parent=homes["nb"], title="Meld interesse")
    body = [
        {"type": "heading", "value": {"text": "Zyxquorn overskrift", "level": "h2"}},
        {"type": "paragraph", "value": "<p>Zyxquorn <b>avsnitt</b></p>"},
        {"type": "image", "value": {"image": None, "alt_text": "Bilde", "caption": "Bildetekst", "credit": ""}},
        {"type": "quote", "value": {"quote": "Sitatet", "attribution": "Noen", "role": ""}},
        {
            "type": "call_to_action",
            "value": {"title": "Bli med", "text": "Zyxquorn lenke", "page": target.pk, "url": "", "button_label": "Gå"},
        },
        {"type": "document", "value": {"document": None, "title": "Programmet"}},
        {
            "type": "table",
            "value": {"first_row_is_table_header": True, "first_col_is_header": False, "data": [["Dag"], ["En"]]},
        },
    ]
    return [
        StandardPageFactory(parent=homes["nb"], title=f"Side {number}", intro="", body=json.dumps(body))
        for number in range(3)
    ]


def test_body_text_is_wagtails_searchable_content_without_fetching_chosen_pages(linking, django_assert_num_queries):
    from wagtail.models import Page

    page = Page.objects.get(pk=linking[0].pk).specific
    with django_assert_num_queries(0):
        stored = stored_searchable_content(page.body.stream_block, list(page.body.raw_data))
    # A heading's level is an editor's setting, left out of excerpts on purpose.
    choice_labels = {str(label) for _value, label in HeadingBlock().child_blocks["level"].field.choices}
    wagtails = page.body.stream_block.get_searchable_content(page.body)
    assert stored == [text for text in wagtails if str(text) not in choice_labels]
    assert not choice_labels & set(stored)
    assert "Bli med" in stored and "Zyxquorn lenke" in stored


def test_results_with_page_links_in_their_bodies_cost_no_query_each(client, linking):
    response, statements = capture(client, "/nb/search/?query=Zyxquorn")
    assert len(response.context["hits"]) == 3
    assert not repeated_shapes(statements), statements
