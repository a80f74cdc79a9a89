"""The demo as its visitors meet it, by URL and POST: what the thank-you pages say, the tags of an
article, the way in for a municipality, the contact phone, the order of the partner list and the
figures beside the stories."""

import re

import pytest
from bs4 import BeautifulSoup

from demo.loader import LANGUAGES

pytestmark = pytest.mark.django_db

# Words that each say one thing on a thank-you page, per language.
THANKS = {"nb": r"\btakk", "uk": r"дяку", "en": r"\bthank"}
EMAIL = {"nb": r"e-post", "uk": r"електронн|\bлист", "en": r"\bemail"}
CONTACT = {"nb": r"tar kontakt", "uk": r"зв'яж", "en": r"\bcontact you"}


def main_text(response) -> str:
    return BeautifulSoup(response.content, "html.parser").main.get_text(" ", strip=True)


def times(pattern: str, text: str) -> int:
    return len(re.findall(pattern, text, re.IGNORECASE))


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_registration_thank_you_page_says_each_thing_once(client, demo_site, code):
    page = demo_site[code]["registration-next"]
    answers = {
        "name": "Olena Kovalenko",
        "email": f"olena.{code}@example.org",
        "organisasjon": "Kryvyi Rih",
        "days": [str(day.translation_key) for day in page.event_days()],
        "consent": "on",
    }
    response = client.post(page.url, answers, follow=True)
    assert response.redirect_chain and "/done/" in response.redirect_chain[-1][0]
    text = main_text(response)
    assert times(THANKS[code], text) == 1, text
    assert times(EMAIL[code], text) == 1, text


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_interest_thank_you_page_says_each_thing_once(client, demo_site, code):
    page = demo_site[code]["interest-form"]
    answers = {
        "kind": "municipality",
        "organisation": "Kryvyi Rih",
        "country": "UA",
        "contact_person": "Olena Kovalenko",
        "email": "olena@example.org",
        "contact_language": code,
        "consent": "on",
    }
    response = client.post(page.url, answers, follow=True)
    assert response.redirect_chain and "/done/" in response.redirect_chain[-1][0]
    text = main_text(response)
    assert times(THANKS[code], text) == 1, text
    assert times(EMAIL[code], text) == 1, text
    assert times(CONTACT[code], text) == 1, text


UKRAINIAN_ALPHABET = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя"


def looked_up(title: str) -> list[int]:
    """Where a reader looks a name up: letters by their alphabet (Latin, then Ukrainian), case aside."""
    order = "0123456789abcdefghijklmnopqrstuvwxyzæøå" + UKRAINIAN_ALPHABET
    return [order.index(char) for char in title.casefold() if char in order]


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_partner_list_is_in_alphabetical_order_whatever_the_case(client, demo_site, code):
    html = BeautifulSoup(client.get(demo_site[code]["partnerships"].url).content, "html.parser")
    titles = [title.get_text(strip=True) for title in html.select(".partner-card__title")]
    assert len(titles) == 10 and any(title.startswith("s2pU") for title in titles)
    assert titles == sorted(titles, key=looked_up)


def told_by_the_stories(code: str) -> dict:
    """{partnership pk: {stage: date}} from the timelines of the stories in `code`."""
    from partnerships.models import StoryPage

    told = {}
    for story in StoryPage.objects.live().filter(locale__language_code=code):
        milestones = [m for block in story.body if block.block_type == "timeline" for m in block.value["milestones"]]
        told[story.partnership_id] = {milestone["stage"]: milestone["date"] for milestone in milestones}
    return told


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_figures_count_what_the_stories_tell(client, demo_site, code):
    from collections import Counter

    from partnerships.models import Partnership, PartnershipStatus

    told = told_by_the_stories(code)
    assert len(told) == 2
    signed_by_story = {pk for pk, stages in told.items() if "agreement" in stages}
    for pk, stages in told.items():
        partnership = Partnership.objects.get(pk=pk)
        if "agreement" in stages:
            assert partnership.date_signed == stages["agreement"], partnership
        if "delivery" in stages:
            assert partnership.status == PartnershipStatus.ACTIVE, partnership
    index = demo_site[code]["partnerships"]
    for address in (demo_site[code]["home"].url, index.url + index.reverse_subpage("overview_view")):
        html = BeautifulSoup(client.get(address).content, "html.parser")
        figures = {dd["data-figure"]: int(dd.get_text(strip=True)) for dd in html.select("[data-figure]")}
        listed = list(Partnership.objects.public())
        # "partnerships signed": the partnerships whose stories tell of a signed agreement.
        assert figures["partnerships-signed"] == len(signed_by_story) == len(listed)
        # "municipalities and hromadas in partnerships": each Norwegian or Ukrainian municipality,
        # county, hromada or oblast taking part, once.
        municipal = {
            partner.pk
            for partnership in listed
            for partner in (partnership.norwegian_partner, partnership.ukrainian_partner)
            if partner.kind.startswith(("no_", "ua_"))
        }
        assert figures["municipalities"] == len(municipal) == 4, address
    years = {
        row.th.get_text(strip=True): int(row.select_one(".bar-chart__value").get_text(strip=True))
        for row in html.select('figure[aria-labelledby="chart-year"] tbody tr')
    }
    assert years == {
        str(year): count for year, count in Counter(told[pk]["agreement"].year for pk in signed_by_story).items()
    }


TAG = {"nb": "kommunekonferansen", "uk": "муніципальна конференція", "en": "municipality conference"}


@pytest.mark.parametrize("code", LANGUAGES)
def test_an_article_shows_its_tags_in_its_language_and_they_list_that_languages_articles(client, demo_site, code):
    """The uk and en articles read "Мітки: kommunekonferansen"."""
    from news.models import NewsPage

    article = demo_site[code]["invitation-2023-day1"]
    html = BeautifulSoup(client.get(article.url).content, "html.parser")
    tags = {a.get_text(strip=True): a["href"] for a in html.select('ul[aria-labelledby="news-tags-heading"] a')}
    assert set(tags) == {TAG[code], "KS"}
    if code != "nb":
        assert TAG["nb"] not in html.main.get_text(" ")
    listed = client.get(tags[TAG[code]])
    assert listed.status_code == 200
    page = BeautifulSoup(listed.content, "html.parser")
    assert TAG[code] in page.select_one("#results-heading").get_text()
    links = {a["href"] for a in page.select(".news-card__title a")}
    tagged = NewsPage.objects.live().filter(locale__language_code=code, tags__slug="kommunekonferansen")
    assert links == {article.url for article in tagged} and len(links) == 2
    assert all(link.startswith(f"/{code}/") for link in links)


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_news_feed_names_the_tags_in_its_language(client, demo_site, code):
    import feedparser

    feed = feedparser.parse(client.get(demo_site[code]["news"].url + "rss.xml").content)
    (entry,) = [entry for entry in feed.entries if entry.link.endswith(demo_site[code]["invitation-2023-day1"].url)]
    assert {tag.term for tag in entry.tags} == {TAG[code], "KS"}


@pytest.mark.parametrize("key", ["home", "invitation-2023-day1"])
@pytest.mark.parametrize("code", ["uk", "en"])
def test_readers_abroad_get_the_phone_number_with_the_country_code(client, demo_site, code, key):
    """The footer on every page, and the translated invitation, give +47 and link tel:+47…."""
    html = client.get(demo_site[code][key].url).content.decode()
    text = BeautifulSoup(html, "html.parser").get_text(" ")
    assert text.count("91 10 60 45") == text.count("+47 91 10 60 45") >= 1
    assert 'href="tel:+4791106045"' in html
