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
def ukrainian_story(demo_site):
    index = PartnershipsIndexPageFactory(parent=demo_site["nb"]["home"], title="Datoer", slug="")
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
    html = client.get(index.sub_url("stories_view")).content.decode()
    assert '<time datetime="2023-08-29">29 серпня 2023</time>' in html
    assert not NOMINATIVE_AFTER_DAY.search(html)


@pytest.mark.parametrize(
    ("language", "thanks", "label"),
    [
        ("uk", "Дякуємо за інтерес до співпраці між Норвегією та Україною.", "Організація"),
        ("nb", "Takk for at dere er interessert i et samarbeid mellom Norge og Ukraina.", "Organisasjon"),
        ("en", "Thank you for your interest in a partnership between Norway and Ukraine.", "Organisation"),
    ],
)
def test_interest_confirmation_labels_the_organisation(demo_site, language, thanks, label):
    page = InterestFormPage.objects.get(locale__language_code="nb")
    case = InterestCaseFactory(
        page=page, organisation=ORGANISATION, contact_person="Олена Коваленко", language=language
    )
    mail = render_confirmation(case.pk)
    text, html = mail["body_text"], mail["body_html"]
    assert thanks in text
    assert f"{label}: {ORGANISATION}\n" in text
    assertInHTML(f"<li>{label}: {ORGANISATION}</li>", html)
    assert "Олена" not in text  # the greeting has no name: Ukrainian would need the vocative
    for part in (mail["subject"], text, html):
        assert not re.search(PREPOSITION_BEFORE + re.escape(ORGANISATION), part, re.I), part


def test_interest_done_page_labels_the_organisation(client, demo_site):
    page = InterestFormPage.objects.get(locale__language_code="uk")
    case = InterestCaseFactory(page=page, organisation=ORGANISATION, language="uk")
    url = page.url + page.reverse_subpage("done") + "?" + urlencode({"s": signing.dumps(case.pk, salt=page.done_salt)})
    html = client.get(url).content.decode()
    assertInHTML(f"<p>Організація: {ORGANISATION}</p>", html)
    assert not re.search(PREPOSITION_BEFORE + re.escape(ORGANISATION), html, re.I)
