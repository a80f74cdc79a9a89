"""RSS 2.0 and Atom feeds of news and stories, per language, read back as a feed reader reads them."""

import datetime
import xml.etree.ElementTree as ET

import feedparser
import pytest
from bs4 import BeautifulSoup

from django.utils import timezone

from home.factories import PersonFactory
from news.factories import NewsPageAuthorFactory
from partnerships.factories import PartnershipsIndexPageFactory, StoryPageFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
BASE = "https://s2pu.example"


@pytest.fixture(autouse=True)
def public_address(settings):
    settings.PUBLIC_BASE_URL = BASE


@pytest.fixture
def english_news(article_factory):
    old = article_factory("en", title="Older", date=datetime.date(2023, 1, 1), lead="The older one.")
    new = article_factory("en", title="Newer", date=datetime.date(2023, 8, 29), lead="The newer one.")
    NewsPageAuthorFactory(page=new, person=PersonFactory(name="Kari Nordmann", locale=new.locale))
    new.tags.add("lyngdal")
    new.save_revision().publish()
    article_factory("nb", title="Norsk sak")
    return [new, old]


def parsed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.bozo_exception
    return response, feed


def test_news_rss_lists_the_language_newest_first_with_absolute_links(client, indexes, english_news):
    response, feed = parsed(client, indexes["en"].url + "rss.xml")
    assert response["Content-Type"].startswith("application/rss+xml")
    assert feed.version == "rss20"
    assert feed.feed.language == "en"
    assert [entry.title for entry in feed.entries] == ["Newer", "Older"]
    assert [entry.link for entry in feed.entries] == [BASE + page.url for page in english_news]
    assert feed.feed.link == BASE + indexes["en"].url
    assert feed.entries[0].summary == "The newer one."


def test_news_atom_has_what_atom_requires(client, indexes, english_news):
    response, feed = parsed(client, indexes["en"].url + "atom.xml")
    assert feed.version == "atom10"
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    for name in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{name}").text
    assert root.find(f"{ATOM}link[@rel='self']").get("href") == BASE + indexes["en"].url + "atom.xml"
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 2
    for entry in entries:
        for name in ("id", "title", "updated"):
            assert entry.find(f"{ATOM}{name}").text
        assert entry.find(f"{ATOM}author/{ATOM}name").text
        assert entry.find(f"{ATOM}link").get("href").startswith(BASE + "/en/")
    assert feed.entries[0].author == "Kari Nordmann"
    assert [tag.term for tag in feed.entries[0].tags] == ["lyngdal"]


def test_news_feed_words_are_in_the_feed_language(client, indexes, article_factory):
    article_factory("uk", title="Новина")
    _response, feed = parsed(client, indexes["uk"].url + "rss.xml")
    assert feed.feed.language == "uk"
    assert [entry.title for entry in feed.entries] == ["Новина"]


def test_scheduled_or_draft_news_is_not_in_the_feed(client, indexes, article_factory):
    draft = article_factory("en", title="Draft")
    draft.unpublish()
    _response, feed = parsed(client, indexes["en"].url + "rss.xml")
    assert feed.entries == []


def test_story_feeds_list_the_stories_of_the_language(client, homes):
    index = PartnershipsIndexPageFactory(parent=homes["en"], locale=homes["en"].locale, slug="partnerships")
    StoryPageFactory(parent=index, locale=index.locale, title="A story", summary="What came of it.")
    nb_index = PartnershipsIndexPageFactory(parent=homes["nb"], slug="samarbeid")
    StoryPageFactory(parent=nb_index, title="En historie")
    _response, rss = parsed(client, "/en/feeds/stories/rss.xml")
    assert [entry.title for entry in rss.entries] == ["A story"]
    assert rss.feed.language == "en" and rss.entries[0].link.startswith(BASE + "/en/")
    response, atom = parsed(client, "/nb/feeds/stories/atom.xml")
    assert atom.version == "atom10" and [entry.title for entry in atom.entries] == ["En historie"]
    assert ET.fromstring(response.content).find(f"{ATOM}entry/{ATOM}author/{ATOM}name").text


def test_news_and_story_pages_link_their_feeds_in_the_head(client, indexes, article_factory, homes):
    article = article_factory("en", title="Linked")
    head = BeautifulSoup(client.get(article.url).content, "html.parser").head
    feeds = {link["href"]: link["type"] for link in head.select('link[rel="alternate"][type]')}
    assert feeds[indexes["en"].url + "rss.xml"] == "application/rss+xml"
    assert feeds[indexes["en"].url + "atom.xml"] == "application/atom+xml"
    index = PartnershipsIndexPageFactory(parent=homes["en"], locale=homes["en"].locale, slug="partnerships")
    story = StoryPageFactory(parent=index, locale=index.locale)
    head = BeautifulSoup(client.get(story.url).content, "html.parser").head
    hrefs = {link["href"] for link in head.select('link[rel="alternate"][type]')}
    assert {"/en/feeds/stories/rss.xml", "/en/feeds/stories/atom.xml", indexes["en"].url + "rss.xml"} <= hrefs


def test_a_feed_dates_an_article_on_the_date_it_carries_not_when_it_was_put_on_the_site(
    client, indexes, article_factory
):
    """An article written in 2023 and put on the site today (from an archive, or by the demo) is a
    2023 item in a feed reader; one published on its own date keeps the time it went out."""
    archived = article_factory("nb", title="Fra arkivet", date=datetime.date(2023, 8, 29))
    today = article_factory("nb", title="I dag", date=timezone.localdate())
    for article in (archived, today):
        article.save_revision().publish()
        article.refresh_from_db()
    assert archived.first_published_at.date() > archived.date
    _response, rss = parsed(client, indexes["nb"].url + "rss.xml")
    published = {
        entry.title: datetime.datetime(*entry.published_parsed[:6], tzinfo=datetime.UTC) for entry in rss.entries
    }
    assert timezone.localdate(published["Fra arkivet"]) == datetime.date(2023, 8, 29)
    assert published["I dag"] == today.first_published_at.replace(microsecond=0)
    _response, atom = parsed(client, indexes["nb"].url + "atom.xml")
    (entry,) = [entry for entry in atom.entries if entry.title == "Fra arkivet"]
    assert entry.published.startswith("2023-08-29T00:00:00+02:00")
    assert entry.updated_parsed >= entry.published_parsed, "updated when it was put on the site"
