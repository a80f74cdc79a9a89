"""Readers comment on news articles as on stories (news/comments.py): held for moderation, shown once
approved, counted in the news list."""

import pytest
from bs4 import BeautifulSoup

from news.factories import PageCommentFactory
from news.models import PageComment
from tests.news.test_comments import TEXT, post_comment

pytestmark = pytest.mark.django_db


def test_a_comment_on_an_article_waits_for_moderation(client, article_factory):
    article = article_factory("uk", title="Новина")

    response = post_comment(client, article)

    assert response.status_code == 303
    comment = PageComment.objects.get()
    assert (comment.page_id, comment.language, comment.is_public) == (article.pk, "uk", False)
    assert TEXT not in client.get(response["Location"]).content.decode()


def test_an_approved_comment_is_shown_under_the_article(client, article_factory):
    article = article_factory("en", title="An article")
    PageCommentFactory(page=article, is_public=True, comment=TEXT)

    assert TEXT in client.get(article.url).content.decode()


def test_the_news_list_shows_each_articles_approved_comment_count(client, indexes, article_factory):
    article = article_factory("en", title="Counted")
    PageCommentFactory.create_batch(2, page=article, is_public=True)
    PageCommentFactory(page=article)  # waiting for moderation

    soup = BeautifulSoup(client.get(indexes["en"].url).content, "html.parser")

    assert soup.select_one(".news-card .story-card__comments").get_text(strip=True) == "2 comments"
