"""No question to the read-only API (/api/v2/) gets a 500: what the database or the search backend
cannot take is refused with a 400 and a message saying why, as the site's own search refuses nothing
silently either. The listing parameters are asked with hostile values, named and generated."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from home.factories import StandardPageFactory, homes_in_every_language
from tests.strategies import QUERY_VALUE

pytestmark = pytest.mark.django_db

ENDPOINTS = ("pages", "images", "documents")
HUGE = "99999999999999999999"
PARAMETERS = (
    "search",
    "search_operator",
    "offset",
    "limit",
    "order",
    "fields",
    "type",
    "locale",
    "child_of",
    "descendant_of",
    "ancestor_of",
    "translation_of",
    "site",
    "id",
    "slug",
    "title",
)
HOSTILE = st.one_of(
    QUERY_VALUE,
    st.sampled_from([HUGE, f"-{HUGE}", "1e30", "9" * 400, '"', '"Kyiv', 'Київ"', "*", "(", "NEAR(", "-", "_", ",,"]),
    st.integers().map(str),
)


@pytest.fixture(scope="module")
def site(module_transaction):
    homes = homes_in_every_language()
    StandardPageFactory(parent=homes["nb"], title="Kyiv og Kristiansand", slug="kyiv")


@pytest.mark.parametrize(
    ("endpoint", "query", "message"),
    [
        ("pages", {"search": '"'}, "search"),
        ("pages", {"search": '"Kyiv'}, "search"),
        ("images", {"search": '"'}, "search"),
        ("documents", {"search": 'rapport"'}, "search"),
        ("pages", {"offset": HUGE}, "offset"),
        ("pages", {"offset": HUGE, "search": "Kyiv"}, "offset"),
        ("images", {"offset": HUGE}, "offset"),
        ("documents", {"offset": HUGE}, "offset"),
    ],
)
def test_what_the_backend_cannot_take_is_refused_with_a_message(client, site, endpoint, query, message):
    response = client.get(f"/api/v2/{endpoint}/", query)
    assert response.status_code == 400
    assert message in response.json()["message"]


def test_a_plain_search_still_answers(client, site):
    response = client.get("/api/v2/pages/", {"search": "Kyiv", "locale": "nb"})
    assert response.status_code == 200
    assert [item["title"] for item in response.json()["items"]] == ["Kyiv og Kristiansand"]


@pytest.mark.parametrize("parameter", PARAMETERS)
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    endpoint=st.sampled_from(ENDPOINTS),
    value=HOSTILE,
    others=st.dictionaries(st.sampled_from(PARAMETERS), HOSTILE, max_size=2),
)
def test_no_question_gets_a_500(client, site, parameter, endpoint, value, others):
    response = client.get(f"/api/v2/{endpoint}/", {**others, parameter: value}, follow=True)
    assert response.status_code in {200, 400, 404}
    if response.status_code == 400:
        assert response.json()["message"]


@pytest.mark.parametrize("site_name", ["elsewhere.example", "x" * 3000])
def test_an_unknown_site_is_a_404_of_the_api_not_a_redirect_into_the_page_tree(client, site, site_name):
    response = client.get("/api/v2/pages/", {"site": site_name, "slug": "y" * 3000})
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


def test_an_unprefixed_address_no_view_answers_still_goes_to_its_language(client, site):
    response = client.get("/kyiv/")
    assert response.status_code == 302
    assert response["Location"] == "/nb/kyiv/"
