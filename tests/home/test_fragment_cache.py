"""Cached fragments of pages (`{% cache_fragment %}`, home/templatetags/fragment_cache.py): drawn once per language, the same
HTML as drawn afresh, redrawn after any publish, never kept for a preview or a filtered list."""

import re

import pytest

from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from home import content_cache
from home.templatetags.fragment_cache import list_page
from partnerships.models import StoryPage
from tests.performance import without_fragment_cache

pytestmark = pytest.mark.django_db

KEPT_PAGES = {
    "partner": "/nb/samarbeid/lyngdal/",
    "story": "/en/partnerships/example-how-a-municipal-partnership-comes-about/",
    "article": "/nb/nyheter/slik-finner-kommunen-din-en-ukrainsk-partner/",
    "partners": "/nb/samarbeid/",
    "stories": "/nb/samarbeid/historier/",
    "news": "/uk/novyny/",
    "events": "/nb/konferanse/",
    "event": "/nb/konferanse/s2pu-kommunekonferansen-2023/",
    "programme": "/uk/konferentsiia/munitsypalna-konferentsiia-s2pu-2023/prohrama/",
}


def without_tokens(html: bytes) -> str:
    """The page without what differs on every request: the CSRF token and the comment form's signed
    timestamp."""
    text = html.decode()
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text)
    return re.sub(r'(name="(timestamp|security_hash)" value=")[^"]+"', r"\1", text)


def queries_of(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response, [query["sql"] for query in captured.captured_queries]


@pytest.mark.parametrize("name", KEPT_PAGES)
def test_a_kept_page_is_the_same_page_and_costs_fewer_queries(client, demo_site, name):
    url = KEPT_PAGES[name]
    with without_fragment_cache():
        client.get(url)  # the navigation and footer are cached either way
        drawn, drawing = queries_of(client, url)
    client.get(url)
    kept, reading = queries_of(client, url)
    assert drawn.status_code == kept.status_code == 200
    assert without_tokens(kept.content) == without_tokens(drawn.content)
    assert len(reading) < len(drawing), (len(reading), len(drawing))


def test_a_publish_shows_at_once_on_the_pages_that_keep_it(client, demo_site):
    """The story's kept partnership card names the partners: renaming one is seen on the story."""
    story_url = KEPT_PAGES["story"]
    client.get(story_url)
    before = client.get(story_url).content.decode()
    story = next(page for page in demo_site["en"].values() if page.url == story_url)
    partnership = story.partnership
    partner = partnership.ukrainian_partner.get_translation(story.locale).specific
    assert partner.title in before
    partner.title = "Renamed municipality"
    partner.save_revision().publish()
    assert "Renamed municipality" in client.get(story_url).content.decode()


def test_a_kept_list_follows_a_new_story(client, demo_site):
    url = KEPT_PAGES["stories"]
    client.get(url)
    story = next(page for page in demo_site["nb"].values() if isinstance(page, StoryPage))
    assert story.title in client.get(url).content.decode()
    story.unpublish()
    assert story.title not in client.get(url).content.decode()


def render_kept(
    request, value, language="nb", source='{% cache_fragment "test-part" 1 %}{{ value }}{% endcache_fragment %}'
):
    with translation.override(language):
        return Template("{% load fragment_cache %}" + source).render(Context({"request": request, "value": value}))


def test_kept_once_per_language_until_content_changes():
    request = RequestFactory().get("/")
    assert render_kept(request, "first") == "first"
    assert render_kept(request, "second") == "first"
    assert render_kept(request, "на українській", language="uk") == "на українській"
    content_cache.invalidate()
    assert render_kept(request, "third") == "third"


def test_a_preview_is_never_kept():
    request = RequestFactory().get("/")
    render_kept(request, "published")
    request.is_preview = True
    assert render_kept(request, "being edited") == "being edited"


@pytest.mark.parametrize(
    "query, kept_as",
    [
        ("", ""),
        ("page=2", "page=2"),
        ("upcoming=3&page=2", "page=2&upcoming=3"),
        ("region=Agder", None),
        ("page=2&utm_source=mail", None),
        ("page=2&page=3", None),
        ("page=0", None),
        ("page=abc", None),
        ("page=1234567", None),
    ],
)
def test_only_plain_pages_of_a_list_are_kept(query, kept_as):
    assert list_page(RequestFactory().get("/nb/nyheter/?" + query)) == kept_as


def test_a_filtered_list_is_drawn_for_its_request():
    source = '{% cache_fragment "test-list" 1 per_list_page page_obj %}{{ value }}{% endcache_fragment %}'
    plain = RequestFactory().get("/nb/samarbeid/")
    filtered = RequestFactory().get("/nb/samarbeid/?region=Agder")
    second_page = RequestFactory().get("/nb/samarbeid/?page=2")
    assert render_kept(plain, "all", source=source) == "all"
    assert render_kept(filtered, "Agder", source=source) == "Agder"
    assert render_kept(filtered, "Agder again", source=source) == "Agder again"
    assert render_kept(second_page, "page 2", source=source) == "page 2"
    assert render_kept(plain, "changed", source=source) == "all"


def test_a_lost_version_never_starts_again_from_an_old_number():
    """The file cache deletes entries at random when full: had the version gone back to an earlier
    number, what was kept under that number would be served again."""
    from django.core.cache import cache

    first = content_cache.version()
    content_cache.invalidate()
    cache.delete(content_cache.VERSION_KEY)
    assert content_cache.version() > first + 1
