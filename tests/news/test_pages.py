"""News pages: where they go in the tree, the list with its pages and archives, related articles,
links between an article and its event, scheduling, and a query count flat in the number of articles."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup

from django.core.management import call_command
from django.utils import timezone

from events.models import EventPage
from home.factories import PersonFactory, publish_translation
from news.factories import NewsPageAuthorFactory, NewsPageFactory
from news.models import NewsPage
from news.models.pages import NEWS_PER_PAGE
from tests.performance import capture, repeated_shapes, without_fragment_cache

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def listed_titles(response) -> list[str]:
    return [a.get_text(strip=True) for a in soup(response).select(".news-card__title a")]


def test_index_lists_newest_first_and_paginates(client, article_factory, indexes):
    for day in range(NEWS_PER_PAGE + 2):
        article_factory(title=f"Sak {day:02}", date=datetime.date(2023, 1, 1) + datetime.timedelta(days=day))
    first = client.get(indexes["nb"].url)
    titles = listed_titles(first)
    assert titles[0] == f"Sak {NEWS_PER_PAGE + 1:02}" and len(titles) == NEWS_PER_PAGE
    second = client.get(indexes["nb"].url, {"page": 2})
    assert listed_titles(second) == ["Sak 01", "Sak 00"]
    assert soup(first).select_one("nav.pagination a[rel=next]")


def test_index_lists_only_its_own_language(client, article_factory, indexes):
    article_factory("nb", title="Norsk sak")
    article_factory("en", title="English story")
    assert listed_titles(client.get(indexes["en"].url)) == ["English story"]


def test_year_archive_shows_that_year_and_says_so(client, article_factory, indexes):
    article_factory(title="Fra 2023", date=datetime.date(2023, 8, 29))
    article_factory(title="Fra 2024", date=datetime.date(2024, 3, 1))
    index = indexes["en"]
    NewsPageFactory(parent=index, locale=index.locale, title="From 2023", date=datetime.date(2023, 8, 29))
    NewsPageFactory(parent=index, locale=index.locale, title="From 2024", date=datetime.date(2024, 3, 1))
    response = client.get(index.url + "archive/2023/")
    assert listed_titles(response) == ["From 2023"]
    assert "2023" in soup(response).select_one("#results-heading").get_text()
    years = [a.get_text() for a in soup(client.get(index.url)).select(".news-archive__list a")]
    assert years[:2] == ["2024", "2023"]


def test_archive_addresses_are_in_the_index_language(client, article_factory, indexes):
    article_factory(title="Fra 2023", date=datetime.date(2023, 8, 29))
    assert client.get(indexes["nb"].url + "arkiv/2023/").status_code == 200
    assert client.get(indexes["nb"].url + "archive/2023/").status_code == 301
    assert client.get(indexes["nb"].url + "arkiv/1999/").status_code == 404
    assert client.get(indexes["nb"].url + "arkiv/99999999999999999999/").status_code == 404
    assert client.get(indexes["nb"].url, {"page": "x' OR 1"}).status_code == 200


def test_theme_archive_lists_articles_of_the_theme_with_its_name_in_the_reader_language(
    client, article_factory, indexes, themes
):
    on_health = article_factory("en", title="On health")
    on_health.themes.set([themes["health"]])
    on_health.save_revision().publish()
    article_factory("en", title="On nothing")
    response = client.get(indexes["en"].url + "theme/health/")
    assert listed_titles(response) == ["On health"]
    assert "Health" in soup(response).select_one("#results-heading").get_text()
    assert client.get(indexes["en"].url + "theme/nonsense/").status_code == 404


def test_tag_archive_lists_tagged_articles(client, article_factory, indexes):
    tagged = article_factory("en", title="Tagged")
    tagged.tags.add("mykolaiv")
    tagged.save_revision().publish()
    article_factory("en", title="Untagged")
    response = client.get(indexes["en"].url + "tag/mykolaiv/")
    assert listed_titles(response) == ["Tagged"]
    assert client.get(indexes["en"].url + "tag/unknown/").status_code == 404


def test_article_links_its_themes_and_tags_to_the_archives(client, article_factory, indexes, themes):
    article = article_factory("en", title="Linked")
    article.themes.set([themes["culture"]])
    article.tags.add("lyngdal")
    article.save_revision().publish()
    hrefs = [a["href"] for a in soup(client.get(article.url)).select(".news-article__topics a")]
    assert hrefs == [indexes["en"].url + "theme/culture/", indexes["en"].url + "tag/lyngdal/"]


def test_related_articles_share_themes_first_then_newest_without_the_article_itself(article_factory, themes):
    article = article_factory(title="Denne", date=datetime.date(2023, 5, 1))
    article.themes.set([themes["health"], themes["education"]])
    article.save_revision().publish()
    both = article_factory(title="Begge", date=datetime.date(2020, 1, 1))
    both.themes.set([themes["health"], themes["education"]])
    both.save_revision().publish()
    one = article_factory(title="En", date=datetime.date(2021, 1, 1))
    one.themes.set([themes["health"]])
    one.save_revision().publish()
    article_factory(title="Nyeste", date=datetime.date(2024, 1, 1))
    article_factory(title="Eldre", date=datetime.date(2019, 1, 1))
    related = [page.title for page in NewsPage.objects.get(pk=article.pk).related_articles()]
    assert related == ["Begge", "En", "Nyeste"]


def test_related_articles_without_themes_are_the_newest(article_factory):
    article = article_factory(title="Denne", date=datetime.date(2023, 5, 1))
    for year in (2019, 2020, 2021, 2022):
        article_factory(title=str(year), date=datetime.date(year, 1, 1))
    assert [page.title for page in article.related_articles()] == ["2022", "2021", "2020"]


def test_byline_names_the_authors_in_order_and_the_date(client, article_factory):
    article = article_factory("en", title="Bylined", date=datetime.date(2023, 8, 29))
    for name in ("Kari Nordmann", "Ola Nordmann"):
        NewsPageAuthorFactory(page=article, person=PersonFactory(name=name, locale=article.locale))
    article.save_revision().publish()
    byline = soup(client.get(article.url)).select_one(".news-article__byline")
    assert byline.time["datetime"] == "2023-08-29"
    assert [span.get_text() for span in byline.select("span")] == ["Kari Nordmann", "Ola Nordmann"]


def list_queries(client, django_assert_max_num_queries, url, budget=40):
    with django_assert_max_num_queries(budget):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("count", [3, 30])
def test_index_query_count_is_flat_in_the_number_of_articles(
    client, article_factory, indexes, themes, count, django_assert_max_num_queries
):
    for n in range(count):
        article = article_factory("en", title=f"Item {n}", date=datetime.date(2020 + n % 4, 1, 1 + n % 28))
        article.themes.set([themes["health"], themes["culture"]])
        article.tags.add("lyngdal")
        article.save_revision().publish()
    index = indexes["en"]
    client.get(index.url)  # site root and content caches filled
    for url in (index.url, index.url + "theme/health/", index.url + "archive/2021/", index.url + "tag/lyngdal/"):
        list_queries(client, django_assert_max_num_queries, url)
    list_queries(client, django_assert_max_num_queries, index.url + "rss.xml", 16)
    list_queries(client, django_assert_max_num_queries, index.url + "atom.xml", 16)


def article_queries(statements) -> list[str]:
    return [sql for sql in statements if '"news_newspage' in sql]


@pytest.mark.parametrize("count", [3, 30])
def test_each_list_asks_for_its_articles_once(client, article_factory, indexes, themes, count):
    """The routes render through get_context, which built the whole default list again on top of the
    route's own; the archive links are one cached query; a short list needs no COUNT."""
    for n in range(count):
        article = article_factory("en", title=f"Item {n}", date=datetime.date(2020 + n % 4, 1, 1 + n % 28))
        article.themes.set([themes["health"]])
        article.tags.add("lyngdal")
        article.save_revision().publish()
    index = indexes["en"]
    client.get(index.url)  # the site's settings are made on the first request, which empties the caches
    for url in (index.url, index.url + "theme/health/", index.url + "archive/2021/", index.url + "tag/lyngdal/"):
        with without_fragment_cache():
            response, statements = capture(client, url)
        assert response.status_code == 200
        assert not repeated_shapes(statements), url
        # The page of articles and their themes, the COUNT when there is more than a page, and the
        # name of a tag.
        listed = len(response.context["articles"])
        more = response.context["page_obj"].paginator.count > listed
        assert len(article_queries(statements)) == 2 + more + ("/tag/" in url), (
            url,
            "\n".join(article_queries(statements)),
        )
        # Kept until content changes: the next reader's list costs no query for articles (the tag
        # route still looks its tag's name up).
        response, statements = capture(client, url)
        assert response.status_code == 200
        assert len(article_queries(statements)) == ("/tag/" in url), url


def test_the_archive_links_follow_what_is_published(client, article_factory, indexes, themes):
    article_factory("en", title="First", date=datetime.date(2021, 5, 1))
    index = indexes["en"]

    def archive_links():
        return [a.get_text() for a in soup(client.get(index.url)).select(".news-archive__list a")]

    assert archive_links() == ["2021"]
    later = article_factory("en", title="Later", date=datetime.date(2024, 5, 1))
    later.themes.set([themes["culture"]])
    later.save_revision().publish()
    assert archive_links() == ["2024", "2021", "Culture"]
    assert client.get(index.url + "archive/2024/").status_code == 200
    later.unpublish()
    assert archive_links() == ["2021"]
    assert client.get(index.url + "archive/2024/").status_code == 404


@pytest.mark.parametrize("count", [3, 30])
def test_article_query_count_is_flat_in_the_number_of_articles(
    client, article_factory, themes, count, django_assert_max_num_queries
):
    articles = []
    for n in range(count):
        article = article_factory("en", title=f"Item {n}")
        article.themes.set([themes["health"]])
        article.save_revision().publish()
        articles.append(article)
    client.get(articles[0].url)
    list_queries(client, django_assert_max_num_queries, articles[0].url, 35)


def test_event_page_lists_its_news_in_the_event_language(client, article_factory, conference):
    article_factory("nb", title="Velkommen til konferansen", event=conference["nb"])
    article_factory("en", title="Welcome to the conference", event=conference["nb"])
    article_factory("en", title="Unrelated")
    nb = soup(client.get(conference["nb"].url))
    en = soup(client.get(conference["en"].url))
    assert [a.get_text() for a in nb.select(".event-news a")] == ["Velkommen til konferansen"]
    assert [a.get_text() for a in en.select(".event-news a")] == ["Welcome to the conference"]


def test_event_page_uses_the_reverse_relation(article_factory, conference):
    article = article_factory("nb", event=conference["nb"])
    assert list(EventPage.objects.get(pk=conference["nb"].pk).news_articles.all()) == [article]


def test_article_links_its_event_in_its_language_and_the_open_registration(client, article_factory, conference):
    article = article_factory("en", title="Welcome", event=conference["nb"])
    links = {a["href"] for a in soup(client.get(article.url)).select(".news-article__event a")}
    assert links == {conference["en"].url, conference["registration"].url}


@pytest.mark.parametrize("language", ["nb", "en"])
def test_the_event_and_its_registration_cost_two_queries(client, article_factory, conference, language):
    """The event in the reader's language and its source in one query, the registrations under both in
    another, where asking each version and each child by itself took up to six."""
    article = article_factory(language, title="Welcome", event=conference["nb"])
    client.get(article.url)  # the site's settings are made on the first request, which empties the caches
    response, statements = capture(client, article.url)
    assert response.context["registration_page"] is not None
    event_queries = [sql for sql in statements if '"events_' in sql or '"wagtailcore_locale"."id" =' in sql]
    assert len(event_queries) == 2, "\n".join(event_queries)


def test_article_does_not_offer_a_closed_registration(client, article_factory, conference):
    registration = conference["registration"]
    registration.closes_at = timezone.now() - datetime.timedelta(days=1)
    registration.save_revision().publish()
    article = article_factory("nb", event=conference["nb"])
    links = {a["href"] for a in soup(client.get(article.url)).select(".news-article__event a")}
    assert links == {conference["nb"].url}


def test_translation_keeps_the_source_event_and_date(article_factory, conference):
    article = article_factory("nb", event=conference["nb"], date=datetime.date(2023, 8, 29))
    translated = publish_translation(article, "en", title="Translated")
    assert translated.event_id == conference["nb"].pk and translated.date == datetime.date(2023, 8, 29)
    assert translated.event_in_language() == conference["en"]


def test_scheduled_article_is_neither_listed_nor_served_until_published(client, indexes):
    index = indexes["nb"]
    article = NewsPageFactory.build(title="Planlagt", slug="planlagt", locale=index.locale, live=False)
    index.add_child(instance=article)
    article.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    revision = article.save_revision()
    revision.publish()
    url = index.url + "planlagt/"
    assert "Planlagt" not in listed_titles(client.get(index.url))
    assert client.get(url).status_code == 404
    # The time comes.
    revision.refresh_from_db()
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save()
    call_command("publish_scheduled")
    assert client.get(url).status_code == 200
    assert "Planlagt" in listed_titles(client.get(index.url))


def test_article_json_ld_is_a_news_article(client, article_factory, conference, settings):
    settings.PUBLIC_BASE_URL = "https://s2pu.example"
    article = article_factory("en", title="Welcome", event=conference["nb"], lead="Two days in Oslo.")
    NewsPageAuthorFactory(page=article, person=PersonFactory(name="Kari Nordmann", locale=article.locale))
    article.save_revision().publish()
    scripts = soup(client.get(article.url)).select('script[type="application/ld+json"]')
    data = next(d for d in (json.loads(s.string) for s in scripts) if d.get("@type") == "NewsArticle")
    assert data["headline"] == "Welcome"
    assert data["inLanguage"] == "en"
    assert data["author"] == [{"@type": "Person", "name": "Kari Nordmann", "jobTitle": data["author"][0]["jobTitle"]}]
    assert data["publisher"]["@type"] == "Organization"
    assert data["mainEntityOfPage"] == "https://s2pu.example" + article.url
    assert data["about"]["@type"] == "Event" and data["about"]["url"] == "https://s2pu.example" + conference["en"].url
    assert data["datePublished"] == article.date.isoformat()
    assert (
        datetime.date.fromisoformat(data["datePublished"])
        <= datetime.datetime.fromisoformat(data["dateModified"]).date()
    )
    assert "/share/" in data["image"][0]  # no picture of its own: its drawn title card


def test_article_json_ld_has_the_hero_image(client, article_factory):
    from wagtail_factories import ImageFactory

    article = article_factory("en", hero_image=ImageFactory())
    scripts = soup(client.get(article.url)).select('script[type="application/ld+json"]')
    data = json.loads(scripts[0].string)
    assert data["image"][0].startswith("http") and "fill-1200x630" in data["image"][0]


def test_article_hero_image_has_a_srcset(client, article_factory):
    from wagtail_factories import ImageFactory

    article = article_factory("en", hero_image=ImageFactory(), hero_caption="The town hall")
    figure = soup(client.get(article.url)).select_one(".news-article__hero")
    assert figure.img.get("srcset") and figure.figcaption.get_text() == "The town hall"


def test_meta_description_is_the_lead(article_factory):
    assert article_factory(lead="Kort om saken.").meta_description == "Kort om saken."


def test_a_tag_is_named_in_the_readers_language_once_translated_and_in_norwegian_until_then(
    client, article_factory, indexes
):
    """A tag gets its Norwegian name as a snippet when it is made; a uk article shows that name until
    a translator's uk name is published, and its link lists the uk articles with the tag."""
    from taggit.models import Tag

    from news.models import TagName

    source = article_factory("nb", title="Vennskap")
    source.tags.add("vennskapskommuner")
    source.save_revision().publish()
    tag = Tag.objects.get(name="vennskapskommuner")
    (name,) = TagName.objects.filter(tag=tag)
    assert (name.locale.language_code, name.name) == ("nb", "vennskapskommuner")
    ukrainian = article_factory("uk", title="Дружба")
    ukrainian.tags.add(tag)
    ukrainian.save_revision().publish()

    def shown_tags():
        html = soup(client.get(ukrainian.url))
        return {a.get_text(strip=True): a["href"] for a in html.select('ul[aria-labelledby="news-tags-heading"] a')}

    assert shown_tags() == {"vennskapskommuner": indexes["uk"].url + "mitka/vennskapskommuner/"}
    translated = name.copy_for_translation(indexes["uk"].locale)
    translated.name = "громади-побратими"
    translated.save()
    translated.save_revision().publish()
    assert shown_tags() == {"громади-побратими": indexes["uk"].url + "mitka/vennskapskommuner/"}
    listed = client.get(indexes["uk"].url + "mitka/vennskapskommuner/")
    assert "громади-побратими" in soup(listed).select_one("#results-heading").get_text()
    assert listed_titles(listed) == ["Дружба"]

    tag.name = "vennskap"
    tag.save()
    assert TagName.objects.get(pk=name.pk).name == "vennskap", "the source name follows the tag"
