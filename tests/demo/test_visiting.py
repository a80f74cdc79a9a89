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
