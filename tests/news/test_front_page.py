"""The front page's news section (news/front_page.py): the latest articles in the home page's
language, newest first, an editor's pinned article first."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup

from home.front_page import registered_sections

pytestmark = pytest.mark.django_db


def titles_on(client, url) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.get_text(strip=True) for a in soup.select(".front-news .story-card__title a")]


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page.specific


def test_news_comes_after_the_conference_and_before_the_stories():
    keys = [section.key for section in registered_sections()]
    assert keys.index("next-conference") < keys.index("latest-news") < keys.index("latest-stories")


def test_the_front_page_shows_the_three_latest_articles_of_its_language(client, article_factory):
    for day in range(1, 5):
        article_factory("uk", title=f"Новина {day}", date=datetime.date(2026, 1, day))
    article_factory("nb", title="Bare på norsk", date=datetime.date(2030, 1, 1))
    assert titles_on(client, "/uk/") == ["Новина 4", "Новина 3", "Новина 2"]


def test_the_front_page_has_no_news_section_without_news(client, indexes):
    response = client.get("/en/")
    assert b"front-news" not in response.content


def test_a_pinned_article_comes_first(client, homes, article_factory):
    articles = [article_factory("en", title=f"Article {day}", date=datetime.date(2026, 1, day)) for day in range(1, 5)]
    home = homes["en"]
    home.body = json.dumps(
        [{"type": "front_page_section", "value": {"section": "latest-news", "pinned": articles[0].pk}}]
    )
    publish(home)
    assert titles_on(client, "/en/") == ["Article 1", "Article 4", "Article 3"]
