"""Every public page of the demo within the query budget, with no query asked twice in one request,
and the long lists (programme, partners, overview) as cheap with many items as with few. The rules
and the URL list are tests/performance.py's, which bench/pages.py measures too."""

import datetime
import traceback
from pathlib import Path

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from demo.loader import publish
from events.factories import ProgrammeSessionFactory
from events.models import EventPage
from partnerships.factories import PartnerPageFactory, PartnershipFactory, UkrainianPartnerPageFactory
from partnerships.models import PartnershipsIndexPage
from tests.performance import DEMO_URLS, OVERVIEW, PROGRAMME, assert_cheap, capture, repeated_shapes


@pytest.mark.parametrize("url", DEMO_URLS)
def test_page_within_query_budget_without_repeats(client, demo_site, url):
    assert_cheap(client, url)


def test_the_shape_of_a_query_ignores_its_values():
    first = """SELECT "a" FROM "t" WHERE ("t"."id" = 3 AND "t"."key" IN ('x', 'y')) LIMIT 21"""
    second = """SELECT "a" FROM "t" WHERE ("t"."id" = 17 AND "t"."key" IN ('z')) LIMIT 21"""
    other = """SELECT "a" FROM "t" WHERE ("t"."slug" = 'x') LIMIT 21"""
    assert repeated_shapes([first, second, other]) == {
        """SELECT "a" FROM "t" WHERE ("t"."id" = ? AND "t"."key" IN (…)) LIMIT ?""": 2
    }


STORY = "/en/partnerships/example-how-a-municipal-partnership-comes-about/"
INTEREST_FORM = "/en/partnerships/register-interest-in-a-partnership/"
# The queries the partnership pages' own code runs (its views, get_context, template tags, the form page
# and the localised routes under the index), apart from the routing and the navigation and footer every page shares.
PARTNERSHIP_PAGES_OWN_QUERIES = {
    "/nb/samarbeid/": 3,  # count, page of partners, their themes
    "/nb/samarbeid/lyngdal/": 5,  # partnerships, partners in the language, themes, stories, own themes
    "/uk/spivpratsia/mykolaiv/": 5,
    "/nb/samarbeid/historier/": 4,  # count, page of stories, their themes, their partnerships' partners
    STORY: 6,  # themes, partnership, partners, its themes and stories, related stories
    OVERVIEW: 0,  # the map, lists and figures come from the content cache
    INTEREST_FORM: 1,  # the editor's questions
}
ROOT = Path(__file__).resolve().parents[2]
OWN_CODE = tuple(str(ROOT / part) for part in ("partnerships/", "home/form_pages.py", "home/routes.py"))


def own_statements(client, url) -> list[str]:
    """The SQL of a warm request to `url` that the code in OWN_CODE ran."""
    client.get(url)
    ours = []

    def note_caller(execute, sql, params, many, context):
        ours.append(any(frame.filename.startswith(OWN_CODE) for frame in traceback.extract_stack()))
        return execute(sql, params, many, context)

    with CaptureQueriesContext(connection) as captured, connection.execute_wrapper(note_caller):
        assert client.get(url).status_code == 200
    return [query["sql"] for query, own in zip(captured.captured_queries, ours, strict=True) if own]


@pytest.mark.parametrize("url", list(PARTNERSHIP_PAGES_OWN_QUERIES))
def test_partnership_pages_own_queries_are_few_and_never_repeated(client, demo_site, url):
    statements = own_statements(client, url)
    listing = "\n".join(statements)
    assert len(statements) <= PARTNERSHIP_PAGES_OWN_QUERIES[url], listing
    assert not repeated_shapes(statements), listing


def query_count(client, url) -> int:
    response, statements = capture(client, url)
    assert response.status_code == 200
    return len(statements)


def add_sessions(count):
    event = EventPage.objects.get(url_path__endswith="/munitsypalna-konferentsiia-s2pu-2023/")
    days = list(event.days.all())
    for number in range(count):
        start = datetime.time(8 + number % 10, 0)
        ProgrammeSessionFactory(
            page=event,
            date=days[number % len(days)].date,
            start_time=start,
            end_time=start.replace(minute=45),
            locale=event.locale,
        )


def add_partners(pairs):
    index = PartnershipsIndexPage.objects.get(locale__language_code="nb")
    for _pair in range(pairs):
        norwegian = publish(index.add_child(instance=PartnerPageFactory.build(locale=index.locale)))
        ukrainian = publish(index.add_child(instance=UkrainianPartnerPageFactory.build(locale=index.locale)))
        PartnershipFactory(norwegian_partner=norwegian, ukrainian_partner=ukrainian)


def test_programme_costs_the_same_queries_with_many_sessions(client, demo_site):
    add_sessions(2)
    few = query_count(client, PROGRAMME)
    add_sessions(30)
    assert query_count(client, PROGRAMME) == few


@pytest.mark.parametrize("url", ["/nb/samarbeid/", OVERVIEW])
def test_partner_lists_cost_the_same_queries_with_many_partners(client, demo_site, url):
    add_partners(1)
    few = query_count(client, url)
    add_partners(12)
    assert query_count(client, url) == few
