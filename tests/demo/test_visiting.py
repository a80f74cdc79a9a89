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
