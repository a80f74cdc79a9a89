"""Stories, partnership cards and the milestone timeline write dates in the reader's language, and
the interest confirmation labels the organisation instead of declining it."""

import datetime
import json
import re
from urllib.parse import urlencode

import pytest
from pytest_django.asserts import assertInHTML

from django.core import signing

from partnerships.factories import (
    InterestCaseFactory,
    InterestFormPageFactory,
    PartnerPageFactory,
    PartnershipFactory,
    PartnershipsIndexPageFactory,
    StoryPageFactory,
    UkrainianPartnerPageFactory,
)
from partnerships.mail import render_confirmation
from partnerships.models import InterestFormPage
from tests.events.conftest import translate

pytestmark = pytest.mark.django_db

ORGANISATION = "Житомирська міська громада"
NOMINATIVE_AFTER_DAY = re.compile(
    r"\d\.?\s+(?:Січень|Лютий|Березень|Квітень|Травень|Червень|Липень|Серпень|Вересень|Жовтень|Листопад|Грудень)", re.I
)
PREPOSITION_BEFORE = r"\b(?:на|від|для|до|у|в|з|із|за|про|при|по)\s+[«“\"]?"


@pytest.fixture
def ukrainian_story(homes):
    index = PartnershipsIndexPageFactory(parent=homes["nb"], title="Datoer", slug="")
    norwegian = PartnerPageFactory(parent=index, title="Sokndal")
    ukrainian = UkrainianPartnerPageFactory(parent=index, title="Zhytomyr")
    partnership = PartnershipFactory(
        norwegian_partner=norwegian, ukrainian_partner=ukrainian, date_signed=datetime.date(2023, 5, 1)
    )
    timeline = [
        {
            "type": "timeline",
            "value": {
                "title": "",
                "milestones": [{"stage": "agreement", "date": "2023-08-29", "title": "Avtale", "text": ""}],
            },
        }
    ]
    story = StoryPageFactory(
        parent=index,
        title="Skolene",
        date=datetime.date(2023, 8, 29),
        partnership=partnership,
        body=json.dumps(timeline),
    )
    translated = {page: translate(page, "uk") for page in (index, norwegian, ukrainian)}
    return translate(story, "uk"), translated[index]


def test_story_page_card_and_timeline_use_the_genitive_month(client, ukrainian_story):
    story, _index = ukrainian_story
    html = client.get(story.url).content.decode()
    assertInHTML('<p class="story__meta"><time datetime="2023-08-29">29 серпня 2023</time></p>', html)
    assertInHTML("<div><dt>Підписано</dt><dd>1 травня 2023</dd></div>", html)
    assertInHTML('<time datetime="2023-08-29">29 серпня 2023</time>', html, count=2)  # meta line and timeline
    assert not NOMINATIVE_AFTER_DAY.search(html)


def test_story_list_uses_the_genitive_month(client, ukrainian_story):
    _story, index = ukrainian_story
    html = client.get(index.subpage_url("stories_view")).content.decode()
    assertInHTML('<time datetime="2023-08-29">29 серпня 2023</time>', html)
    assert not NOMINATIVE_AFTER_DAY.search(html)


@pytest.fixture
def interest_pages(homes):
    """The interest form in nb and its uk translation, under a partnerships index: {language: page}."""
    index = PartnershipsIndexPageFactory(parent=homes["nb"], title="Samarbeid", slug="")
    page = InterestFormPageFactory(parent=index, slug="")
    translate(index, "uk")
    return {"nb": page, "uk": translate(page, "uk")}


LABELS = {"uk": "Організація", "nb": "Organisasjon", "en": "Organisation"}


@pytest.fixture(params=["uk", "nb", "en"])
def confirmation(request, interest_pages):
    """(language, the confirmation mail) for a case from an organisation with a Ukrainian name."""
    case = InterestCaseFactory(
        page=interest_pages["nb"], organisation=ORGANISATION, contact_person="Олена Коваленко", language=request.param
    )
    return request.param, render_confirmation(case.pk)


def test_interest_confirmation_thanks_in_the_cases_language(confirmation):
    language, mail = confirmation
    thanks = {
        "uk": "Дякуємо за інтерес до співпраці між Норвегією та Україною.",
        "nb": "Takk for at dere er interessert i et samarbeid mellom Norge og Ukraina.",
        "en": "Thank you for your interest in a partnership between Norway and Ukraine.",
    }
    assert thanks[language] in mail["body_text"]


def test_interest_confirmation_labels_the_organisation_in_text_and_html(confirmation):
    language, mail = confirmation
    assert f"{LABELS[language]}: {ORGANISATION}\n" in mail["body_text"]
    assertInHTML(f"<li>{LABELS[language]}: {ORGANISATION}</li>", mail["body_html"])


def test_interest_confirmation_greets_without_a_name(confirmation):
    """Ukrainian would need the name in the vocative."""
    _language, mail = confirmation
    assert "Олена" not in mail["body_text"]


def test_interest_confirmation_never_puts_the_organisation_after_a_preposition(confirmation):
    _language, mail = confirmation
    wrong = re.compile(PREPOSITION_BEFORE + re.escape(ORGANISATION), re.I)
    assert [part for part in ("subject", "body_text", "body_html") if wrong.search(mail[part])] == [], mail


def done_page_html(client, page: InterestFormPage) -> str:
    case = InterestCaseFactory(page=page, organisation=ORGANISATION, language="uk")
    url = page.url + page.reverse_subpage("done") + "?" + urlencode({"s": signing.dumps(case.pk, salt=page.done_salt)})
    return client.get(url).content.decode()


def test_interest_done_page_labels_the_organisation(client, interest_pages):
    assertInHTML(f"<p>Організація: {ORGANISATION}</p>", done_page_html(client, interest_pages["uk"]))


def test_interest_done_page_never_puts_the_organisation_after_a_preposition(client, interest_pages):
    html = done_page_html(client, interest_pages["uk"])
    assert not re.search(PREPOSITION_BEFORE + re.escape(ORGANISATION), html, re.I)
