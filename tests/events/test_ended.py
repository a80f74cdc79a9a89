"""An event that has ended invites no one (issue 19, point 18): its page says so and links the
programme, materials and news instead of "Register" and "Add to calendar"; its registration form says
so in the visitor's language with the way back; its JSON-LD offers nothing. An upcoming event keeps
both invitations. By URL over the demo's 2023 conference and its next one, in nb, uk and en."""

import datetime
import json
import re

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from django.utils import timezone

from events.models import Registration

pytestmark = pytest.mark.django_db

LANGUAGES = ("nb", "uk", "en")
ENDED = {"nb": "Dette arrangementet er over", "uk": "Цей захід завершився", "en": "This event has ended"}
BACK = {"nb": "Tilbake til arrangementet", "uk": "Назад до заходу", "en": "Back to the event"}


def json_ld_event(response) -> dict:
    """The schema.org Event among the page's JSON-LD blocks."""
    for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S):
        data = json.loads(block)
        for item in data if isinstance(data, list) else data.get("@graph", [data]):
            if item.get("@type") == "Event":
                return item
    raise AssertionError("no schema.org Event on the page")


@pytest.mark.parametrize("code", LANGUAGES)
def test_an_ended_event_says_so_and_offers_neither_registration_nor_calendar(client, demo_site, code):
    event, registration = demo_site[code]["conference-2023"], demo_site[code]["registration-2023"]
    response = client.get(event.url)
    assertContains(response, ENDED[code])
    assertNotContains(response, f'href="{registration.url}"')
    assertNotContains(response, 'type="text/calendar"')
    assertContains(response, f'href="{event.programme_url()}"')
    assertContains(response, 'href="#event-news-heading"')  # the demo's invitation to the conference
    assert "offers" not in json_ld_event(response)


@pytest.mark.parametrize("code", LANGUAGES)
def test_an_upcoming_event_invites_to_register_and_to_the_calendar(client, demo_site, code):
    event, registration = demo_site[code]["conference-next"], demo_site[code]["registration-next"]
    response = client.get(event.url)
    assertNotContains(response, ENDED[code])
    assertContains(response, f'href="{registration.url}"')
    assertContains(response, f'href="{event.calendar_url()}"')
    offer = json_ld_event(response)["offers"]
    assert offer["url"].endswith(registration.url) and offer["availability"] == "https://schema.org/InStock"


@pytest.mark.parametrize("code", LANGUAGES)
def test_an_ended_events_form_says_so_and_leads_back(client, demo_site, code):
    event, registration = demo_site[code]["conference-2023"], demo_site[code]["registration-2023"]
    response = client.get(registration.url)
    assert response.status_code == 200
    assertContains(response, ENDED[code])
    assertContains(response, f'<a class="button" href="{event.url}">{BACK[code]}</a>', html=True)
    assert "form" not in response.context
    main = response.content.decode().split("<main", 1)[1]
    assert registration.intro not in main  # the invitation to register is not repeated


def test_a_registration_posted_to_an_ended_event_is_not_taken(client, demo_site):
    registration = demo_site["uk"]["registration-2023"]
    day = demo_site["nb"]["conference-2023"].days.first()
    response = client.post(
        registration.url,
        {"name": "Olena", "email": "olena@example.org", "days": [str(day.translation_key)], "consent": "on"},
    )
    assert response.status_code == 200
    assertContains(response, ENDED["uk"])
    assert not Registration.objects.filter(email="olena@example.org").exists()


def test_registration_after_the_event_is_refused_whatever_closing_time_was_set(client, demo_site):
    """A closing time typed after the event (a slip) never reopens the form of an event that is over."""
    source = demo_site["nb"]["registration-2023"]
    source.closes_at = timezone.now() + datetime.timedelta(days=30)
    source.save_revision().publish()
    assert not demo_site["en"]["registration-2023"].is_open()
    assertContains(client.get(demo_site["en"]["registration-2023"].url), ENDED["en"])


def test_a_form_without_a_closing_time_closes_when_the_first_day_begins(demo_site):
    page = demo_site["uk"]["registration-next"]
    source = page.source_page
    source.closes_at = None
    source.save_revision().publish()
    first_day = demo_site["nb"]["conference-next"].start_date
    midnight = datetime.datetime.combine(first_day, datetime.time(), tzinfo=timezone.get_default_timezone())
    assert page.is_open(now=midnight - datetime.timedelta(minutes=1))
    assert not page.is_open(now=midnight)


def test_an_ended_event_links_the_documents_in_its_body(client, demo_site):
    from wagtail_factories import DocumentFactory

    event = demo_site["en"]["conference-2023"]
    document = DocumentFactory(title="Presentations (PDF)")
    event.body = [("document", {"document": document, "title": "All presentations"})]
    event.save_revision().publish()
    response = client.get(event.url)
    ended_box = response.content.decode().split('id="event-ended-heading"')[1].split("</section>")[0]
    assert f'href="{document.url}"' in ended_box and "All presentations" in ended_box


@pytest.mark.parametrize(("key", "calendar_links"), [("conference-2023", False), ("conference-next", True)])
def test_the_programme_of_an_ended_event_offers_no_calendar_entries(client, demo_site, key, calendar_links):
    response = client.get(demo_site["uk"][key].programme_url())
    assert ('type="text/calendar"' in response.content.decode()) is calendar_links
