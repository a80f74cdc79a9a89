"""The demo's news: the commissioned article first, in Norwegian as written, translated into uk and en
through wagtail-localize, dated and linked to the 2023 conference; the other items marked as examples."""

import datetime

import feedparser
import pytest
from bs4 import BeautifulSoup

from django.utils.translation import gettext

from wagtail_localize.models import Translation, TranslationSource

from demo.loader import LANGUAGES
from news.models import NewsPage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("code", LANGUAGES)
def test_commissioned_article_is_listed_in_the_news_of_every_language(client, demo_site, code):
    index = demo_site[code]["news"]
    article = demo_site[code]["invitation-2023-day1"]
    assert article.date == datetime.date(2023, 8, 29) and not article.is_example_content
    assert article.get_parent().pk == index.pk
    html = BeautifulSoup(client.get(index.url).content, "html.parser")
    links = [a["href"] for a in html.select(".news-card__title a")]
    assert article.url in links


def test_commissioned_article_keeps_the_text_and_drops_the_old_site_artefacts(client, demo_site):
    article = demo_site["nb"]["invitation-2023-day1"]
    text = BeautifulSoup(client.get(article.url).content, "html.parser").main.get_text(" ")
    assert "Comments powered by CComment" not in text and "230829" not in text
    for phrase in (
        "Kommunalt samarbeid er et hjerteslag i en positiv utvikling for Ukraina",
        "blant 300 ukrainske kommuner",
        "Nansen-programmet",
        "Jonas Andersen Sayed",
    ):
        assert phrase in text, phrase


def test_translations_are_wagtail_localize_translations_of_the_norwegian_article(demo_site):
    source_page = demo_site["nb"]["invitation-2023-day1"]
    source = TranslationSource.objects.get(object_id=source_page.translation_key)
    assert source.locale.language_code == "nb"
    for code in ("uk", "en"):
        translation = Translation.objects.get(source=source, target_locale__language_code=code)
        assert translation.get_status_display() == gettext("Up to date")
        page = demo_site[code]["invitation-2023-day1"]
        assert page.translation_key == source_page.translation_key and page.title != source_page.title
        assert page.event_id == source_page.event_id


@pytest.mark.parametrize("code", LANGUAGES)
def test_article_is_linked_to_the_2023_conference_which_lists_it(client, demo_site, code):
    article = demo_site[code]["invitation-2023-day1"]
    event = demo_site[code]["conference-2023"]
    assert article.event_in_language().pk == event.pk
    assert set(article.themes.values_list("slug", flat=True)) == {"local-democracy"}
    html = BeautifulSoup(client.get(event.url).content, "html.parser")
    assert article.url in [a["href"] for a in html.select(".event-news a")]


def test_other_news_items_are_marked_as_example_content(demo_site):
    items = NewsPage.objects.filter(locale__language_code="nb").exclude(pk=demo_site["nb"]["invitation-2023-day1"].pk)
    assert 2 <= items.count() <= 4  # three live, one scheduled
    assert all(item.is_example_content for item in items)


FEEDS = [("news", "rss.xml"), ("news", "atom.xml"), ("stories", "rss.xml"), ("stories", "atom.xml")]


@pytest.mark.parametrize(("kind", "name"), FEEDS)
@pytest.mark.parametrize("code", LANGUAGES)
def test_feed_items_are_dated_on_the_articles_dates_not_when_the_demo_was_loaded(client, demo_site, code, kind, name):
    from django.utils import timezone

    from home.sites import absolute_url
    from partnerships.models import StoryPage

    if kind == "news":
        address, pages = demo_site[code]["news"].url + name, NewsPage.objects.live().filter(locale__language_code=code)
    else:
        address, pages = f"/{code}/feeds/stories/{name}", StoryPage.objects.live().filter(locale__language_code=code)
    dates = {absolute_url(page.url): page.date for page in pages}
    assert datetime.date(2023, 8, 29) in dates.values()
    feed = feedparser.parse(client.get(address).content)
    entries = {entry.link: entry for entry in feed.entries}
    assert set(entries) == set(dates), "every live article or story is in its feed"
    for link, entry in entries.items():
        # Atom dates each item twice (published, updated); RSS once.
        moments = [entry.published_parsed, entry.updated_parsed] if name == "atom.xml" else [entry.published_parsed]
        for parsed in moments:
            moment = datetime.datetime(*parsed[:6], tzinfo=datetime.UTC)
            assert timezone.localdate(moment) == dates[link], (link, moment)
