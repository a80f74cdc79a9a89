"""Every page type describes itself to search engines and social media: JSON-LD of the right schema.org
type with the properties Google requires, in the page's language with absolute addresses; OpenGraph
and Twitter cards. A new page type fails here until it is listed with its type (and in tests/page_tree)."""

import datetime
import json
import re

import pytest
from bs4 import BeautifulSoup

from wagtail.models import get_page_models

from home.factories import publish_translation
from tests.page_tree import build_page_tree

pytestmark = pytest.mark.django_db

# The schema.org types each page type's head holds, by model label.
EXPECTED_TYPES = {
    "home.HomePage": {"Organization", "WebSite"},
    "home.StandardPage": {"WebPage", "BreadcrumbList"},
    "events.EventIndexPage": {"CollectionPage", "BreadcrumbList"},
    "events.EventPage": {"Event", "BreadcrumbList"},
    "events.RegistrationPage": {"WebPage", "BreadcrumbList"},
    "partnerships.PartnershipsIndexPage": {"CollectionPage", "BreadcrumbList"},
    "partnerships.PartnerPage": {"ProfilePage", "GovernmentOrganization", "BreadcrumbList"},
    "partnerships.StoryPage": {"Article", "BreadcrumbList"},
    "partnerships.InterestFormPage": {"WebPage", "BreadcrumbList"},
    "news.NewsIndexPage": {"CollectionPage", "BreadcrumbList"},
    "news.NewsPage": {"NewsArticle", "BreadcrumbList"},
}
CREATIVE_WORKS = {"WebSite", "WebPage", "CollectionPage", "ProfilePage", "Article", "NewsArticle"}
ORGANISATIONS = {"Organization", "GovernmentOrganization"}
# Google's required (and for articles, recommended) properties.
REQUIRED = {
    "Organization": {"name", "url"},
    "GovernmentOrganization": {"name", "url"},
    "WebSite": {"name", "url", "inLanguage"},
    "WebPage": {"name", "url", "inLanguage"},
    "CollectionPage": {"name", "url", "inLanguage"},
    "ProfilePage": {"name", "url", "inLanguage", "mainEntity"},
    "Article": {"headline", "image", "datePublished", "author", "inLanguage", "url"},
    "NewsArticle": {"headline", "image", "datePublished", "author", "inLanguage", "url"},
    "Event": {"name", "startDate", "location", "inLanguage", "url"},
    "BreadcrumbList": {"itemListElement"},
}
ADDRESS_KEYS = {"url", "item", "logo", "image", "sameAs", "@id", "mainEntityOfPage"}


def page_models() -> list:
    return [model for model in get_page_models() if model._meta.app_label != "wagtailcore" and model.is_creatable]


@pytest.fixture(scope="module")
def _tree_ids(module_transaction):
    tree = build_page_tree()
    return {model: page.pk for model, page in tree["pages"].items()}


@pytest.fixture
def pages(_tree_ids, db):
    return {model: model.objects.get(pk=pk) for model, pk in _tree_ids.items()}


def blocks(html: str) -> list[dict]:
    soup = BeautifulSoup(html, "html.parser")
    scripts = soup.select('script[type="application/ld+json"]')
    assert all(script.parent.name == "head" for script in scripts)
    return [json.loads(script.string) for script in scripts]


def addresses(value, key=None):
    """Every string held under an address key, however deep."""
    if isinstance(value, dict):
        for name, item in value.items():
            yield from addresses(item, name)
    elif isinstance(value, list):
        for item in value:
            yield from addresses(item, key)
    elif isinstance(value, str) and key in ADDRESS_KEYS:
        yield value


def check_block(data: dict, page) -> None:
    kind = data.get("@type")
    assert data.get("@context") == "https://schema.org", kind
    assert kind in REQUIRED, f"no rules for {kind}"
    missing = REQUIRED[kind] - set(data)
    assert not missing, f"{kind} lacks {missing}"
    if kind in CREATIVE_WORKS or kind == "Event":
        assert data["inLanguage"] == page.locale.language_code, kind
        assert data["url"] == page.full_url
    for address in addresses(data):
        assert re.match(r"https?://", address), (kind, address)
    if kind in {"Article", "NewsArticle"}:
        assert len(data["headline"]) <= 110
        datetime.date.fromisoformat(data["datePublished"][:10])
        assert all(author.get("name") for author in data["author"])
    if kind == "Event":
        assert data["location"].get("name") or data["location"].get("address")
    if kind == "BreadcrumbList":
        items = data["itemListElement"]
        assert [item["position"] for item in items] == list(range(1, len(items) + 1))
        assert all(item["@type"] == "ListItem" and item["name"] for item in items)
        assert items[-1]["item"] == page.full_url
        assert items[0]["item"] == page.get_ancestors().get(depth=2).full_url


def test_every_page_type_is_covered(pages):
    labels = {model._meta.label for model in page_models()}
    assert labels - set(EXPECTED_TYPES) == set(), "say which schema.org types the new page type has"
    missing = [model._meta.label for model in page_models() if model not in pages]
    assert not missing, f"add {missing} to tests/page_tree.py"


PAGE_TYPES = pytest.mark.parametrize("model", page_models(), ids=lambda model: model._meta.label)


@PAGE_TYPES
def test_every_page_type_has_valid_json_ld_of_its_type(client, pages, model):
    page = pages[model].specific
    response = client.get(page.url)
    assert response.status_code == 200
    found = blocks(response.content.decode())
    assert {data["@type"] for data in found} == EXPECTED_TYPES[model._meta.label]
    for data in found:
        check_block(data, page)


def test_json_ld_is_in_the_language_of_a_translation(client, pages):
    from partnerships.models import StoryPage

    story = pages[StoryPage]
    home = story.get_ancestors().get(depth=2).specific
    index = story.get_parent().specific
    publish_translation(home, "uk", title="Головна")
    publish_translation(index, "uk", title="Співпраця")
    ukrainian = publish_translation(story, "uk", title="Історія про співпрацю")
    for data in blocks(client.get(ukrainian.url).content.decode()):
        check_block(data, ukrainian)
    article = blocks(client.get(ukrainian.url).content.decode())[0]
    assert (article["inLanguage"], article["headline"]) == ("uk", "Історія про співпрацю")


def test_the_home_page_names_the_social_profiles_as_same_as(client, pages):
    from home.models import Footer, HomePage

    footer = Footer.objects.get()
    footer.social_links = [("link", {"label": "Facebook", "url": "https://www.facebook.com/s2pu"})]
    footer.save()
    organisation = blocks(client.get(pages[HomePage].url).content.decode())[0]
    assert organisation["sameAs"] == ["https://www.facebook.com/s2pu"]


def test_text_cannot_close_the_data_block(client, pages):
    from home.models import StandardPage

    page = pages[StandardPage]
    page.title = "</script><script>alert(1)</script>"
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert "</script><script>alert(1)" not in html
    assert blocks(html)[0]["name"] == page.title


def head_tags(client, page) -> dict[str, list[str]]:
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    tags: dict[str, list[str]] = {}
    for tag in soup.select("head meta[property], head meta[name]"):
        tags.setdefault(tag.get("property") or tag.get("name"), []).append(tag["content"])
    return tags


OPEN_GRAPH = [
    "og:title",
    "og:description",
    "og:type",
    "og:url",
    "og:image",
    "og:image:width",
    "og:image:height",
    "og:image:alt",
    "og:locale",
    "twitter:card",
    "twitter:title",
    "twitter:description",
    "twitter:image",
    "twitter:image:alt",
]


@PAGE_TYPES
def test_every_page_type_has_open_graph_and_twitter_cards(client, pages, model):
    page = pages[model].specific
    tags = head_tags(client, page)
    for name in OPEN_GRAPH:
        assert tags.get(name) and all(value.strip() for value in tags[name]), name
    assert tags["og:url"] == [page.full_url]
    assert tags["og:locale"] == ["nb_NO"]
    assert tags["twitter:card"] == ["summary_large_image"]
    assert tags["og:type"] == [
        "article" if model._meta.label in {"partnerships.StoryPage", "news.NewsPage"} else "website"
    ]


def test_og_locale_alternates_name_the_translations(client, pages):
    from home.models import HomePage, StandardPage

    home = pages[HomePage]
    publish_translation(home, "en", title="Home")
    english = publish_translation(pages[StandardPage], "en", title="About")
    tags = head_tags(client, english)
    assert tags["og:locale"] == ["en_GB"]
    assert tags["og:locale:alternate"] == ["nb_NO"]
