"""What "a page costs few queries" means, in one place for the tests and for bench/pages.py:
at most QUERY_BUDGET queries on a request with warm caches, no statement shape run twice in one
request, and the same count whatever the number of items the page lists."""

import re
from collections import Counter
from contextlib import contextmanager, nullcontext
from unittest import mock

from django.db import connection
from django.test.utils import CaptureQueriesContext

QUERY_BUDGET = 15

EVENT = "/nb/konferanse/s2pu-kommunekonferansen-2023/"
PROGRAMME = "/uk/konferentsiia/munitsypalna-konferentsiia-s2pu-2023/prohrama/"
OVERVIEW = "/nb/samarbeid/oversikt/"
# One page of each kind the public sees in the demo content, in the three languages where the kind is
# translated: what bench/pages.py measures and tests/demo/test_page_queries.py holds to the budget.
DEMO_URLS = [
    "/nb/",
    "/uk/",
    "/en/",
    "/nb/om-samarbeidet/",
    "/uk/pro-spivpratsiu/",
    "/en/privacy/",
    "/nb/konferanse/",
    EVENT,
    PROGRAMME,
    "/en/conference/municipality-conference-2027/registration/",
    EVENT + "calendar.ics",
    EVENT + "changes.atom",
    "/nb/samarbeid/",
    "/nb/samarbeid/lyngdal/",
    "/uk/spivpratsia/mykolaiv/",
    "/nb/samarbeid/historier/",
    "/en/partnerships/example-how-a-municipal-partnership-comes-about/",
    OVERVIEW,
    "/en/partnerships/register-interest-in-a-partnership/",
    "/nb/nyheter/",
    "/uk/novyny/",
    "/nb/nyheter/slik-finner-kommunen-din-en-ukrainsk-partner/",
    "/nb/nyheter/arkiv/2026/",
    "/nb/nyheter/tema/integration/",
    "/en/search/?query=KS",
    "/uk/search/?query=партнер",
    "/nb/nyheter/rss.xml",
    "/en/news/atom.xml",
    "/nb/feeds/stories/atom.xml",
    "/sitemap.xml",
]

_STRING = re.compile(r"'(?:[^']|'')*'")
_NUMBER = re.compile(r"(?<![\w\"])-?\d+(?:\.\d+)?(?![\w\"])")
_IN_LIST = re.compile(r"\bIN \((?:\?, )*\?\)")
_VALUES_LIST = re.compile(r"VALUES (?:\((?:\?, )*\?\)(?:, )?)+")


def query_shape(sql: str) -> str:
    """The statement with its values replaced, so that `WHERE id = 3` and `WHERE id = 7` (or IN
    lists of any length) are the same shape: the same question asked twice."""
    shape = _STRING.sub("?", sql)
    shape = _NUMBER.sub("?", shape)
    shape = _IN_LIST.sub("IN (…)", shape)
    return _VALUES_LIST.sub("VALUES …", shape)


def repeated_shapes(statements) -> dict[str, int]:
    """Each shape that ran more than once, with how often."""
    counts = Counter(query_shape(sql) for sql in statements)
    return {shape: count for shape, count in counts.items() if count > 1}


def capture(client, url):
    """The response and the SQL of one request after a warm-up request, as a running server has
    its caches (site root paths, settings, navigation and footer)."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response, [query["sql"] for query in captured.captured_queries]


def assert_cheap(client, url, budget=QUERY_BUDGET) -> int:
    """Fail unless `url` answers 200 within the query budget and repeats no query; return the count."""
    response, statements = capture(client, url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    listing = "\n".join(f"{number}. {sql}" for number, sql in enumerate(statements, 1))
    assert len(statements) <= budget, f"{url} ran {len(statements)} queries, budget {budget}:\n{listing}"
    repeats = repeated_shapes(statements)
    assert not repeats, f"{url} repeats queries: {repeats}\n{listing}"
    return len(statements)


@contextmanager
def without_fragment_cache(forms: bool = False):
    """Cached fragments of pages (home/templatetags/fragment_cache.py), and with `forms` the empty forms
    (home.forms.CachedRendering), drawn on every request, as on the first request after a publish: for
    tests and bench/pages.py of what drawing a page costs."""
    from home.forms import CachedRendering
    from home.templatetags.fragment_cache import FragmentCacheNode

    with (
        mock.patch.object(FragmentCacheNode, "render", lambda node, context: node.nodelist.render(context)),
        mock.patch.object(CachedRendering, "_description", lambda form: None) if forms else nullcontext(),
    ):
        yield
