"""What the event pages ask the database for themselves, apart from routing and the site's navigation and footer:
the cross-language lookups kept in the content cache (and dropped as soon as content changes), people
in the reader's language in one query, the registration form's event and days read once."""

import datetime
import re
from unittest import mock

import pytest
from pytest_django.asserts import assertContains, assertInHTML, assertNotContains

from wagtail.models import Page

from events.factories import EventDayFactory, EventPageFactory, ProgrammeSessionFactory
from events.models import EventPage, Organisation
from home.factories import LocaleFactory, PersonFactory
from home.i18n import in_reader_language
from home.models import Person
from tests.performance import capture, without_fragment_cache

pytestmark = pytest.mark.django_db

# Tables the event page reads only through the kept details.
KEPT_TABLES = ("events_eventorganiser", "events_organisation", "events_steeringgroupmember", "home_person")


def tables_read(statements) -> set[str]:
    return {table for sql in statements for table in re.findall(r'(?:FROM|JOIN) "(\w+)"', sql)}


def test_a_warm_event_page_reads_organisers_people_and_programme_span_from_the_cache(
    client, spring_conference, site_settings
):
    response, statements = capture(client, spring_conference["uk"].url)
    assertContains(response, "Посольство України в Норвегії")
    assertContains(response, "Ян Крістенсен")
    assert not tables_read(statements) & {*KEPT_TABLES, "events_programmesession"}, statements


def test_a_published_translation_of_an_organisation_shows_on_the_next_request(client, spring_conference):
    event = spring_conference["uk"]
    client.get(event.url)
    organisation = Organisation.objects.get(name="Посольство України в Норвегії")
    organisation.name = "Посольство України в Королівстві Норвегія"
    organisation.save()
    assertContains(client.get(event.url), "Посольство України в Королівстві Норвегія")


def test_a_preview_shows_its_unsaved_steering_group_and_leaves_the_live_page_alone(client, spring_conference):
    event = spring_conference["nb"]
    client.get(event.url)
    members = list(event.steering_group.all())
    members[0].role = "Nestleder"
    event.steering_group = members
    preview = event.make_preview_request(preview_mode=event.default_preview_mode)
    html = preview.render().content.decode() if hasattr(preview, "render") else preview.content.decode()
    assertInHTML('<span class="steering-group__role">Nestleder</span>', html)
    live = client.get(event.url)
    assertContains(live, '<span class="steering-group__role">Leder</span>', html=True)
    assertNotContains(live, "Nestleder")


def warm_locale_cache():
    # Locales come from the content cache, filled by the first request of a running site.
    from wagtail.models import Locale

    from home import content_cache

    content_cache.locale(Locale.get_default().pk)


def test_people_in_the_source_language_need_no_query(django_assert_num_queries):
    from django.utils import translation

    people = [PersonFactory() for _ in range(4)]
    warm_locale_cache()
    with translation.override("nb"), django_assert_num_queries(0):
        assert in_reader_language(Person, people) == {person.translation_key: person for person in people}


def test_people_in_another_language_cost_one_query_whatever_their_number(django_assert_num_queries):
    from django.utils import translation

    people = [PersonFactory(name=f"Person {number}") for number in range(5)]
    uk = LocaleFactory(language_code="uk")
    translated = PersonFactory(name="Особа 0", locale=uk, translation_key=people[0].translation_key)
    draft = PersonFactory(name="Особа 1", locale=uk, translation_key=people[1].translation_key)
    draft.live = False
    draft.save()
    warm_locale_cache()
    with translation.override("uk"), django_assert_num_queries(1):
        by_key = in_reader_language(Person, people)
        # Their languages are shown (lang="…"), from the cached locales.
        languages = {person.locale.language_code for person in by_key.values()}
    assert by_key[people[0].translation_key] == translated
    assert by_key[people[1].translation_key] == people[1]
    assert languages == {"nb", "uk"}


def test_the_registration_form_reads_its_days_once_and_looks_neither_its_event_nor_the_privacy_page_up(
    client, conference, site_settings
):
    page = conference["en"]["page"]
    response, statements = capture(client, page.url)
    assertContains(response, conference["en"]["event"].title)
    assertContains(response, 'href="/en/')  # the privacy page in the reader's language
    days = [sql for sql in statements if '"events_eventday"' in sql]
    assert len(days) == 1, days
    # The event in the reader's language (the parent, with its locale) and its source-language version.
    assert len([sql for sql in statements if 'FROM "events_eventpage"' in sql]) <= 2, statements
    assert "home_standardpage" not in tables_read(statements)


def test_the_programme_works_out_the_event_address_once_however_many_sessions(client, event_index, site_settings):
    event = EventPageFactory(parent=event_index["nb"], slug="")
    EventDayFactory(page=event)

    def address_look_ups():
        client.get(event.programme_url())
        with mock.patch.object(Page, "get_url_parts", autospec=True, side_effect=Page.get_url_parts) as spy:
            assert client.get(event.programme_url()).status_code == 200
        return spy.call_count

    ProgrammeSessionFactory(page=event)
    few = address_look_ups()
    for hour in range(10, 18):
        ProgrammeSessionFactory(page=event, start_time=datetime.time(hour), end_time=datetime.time(hour, 45))
    assert address_look_ups() == few


def test_the_programme_reads_speakers_only_for_the_sessions_it_shows(client, event_index, site_settings, monkeypatch):
    monkeypatch.setattr("events.models.pages.PROGRAMME_SESSIONS_PER_PAGE", 2)
    event = EventPageFactory(parent=event_index["nb"], slug="")
    EventDayFactory(page=event)
    for hour in range(9, 14):
        ProgrammeSessionFactory(
            page=event, start_time=datetime.time(hour), end_time=datetime.time(hour, 45), speakers=[PersonFactory()]
        )
    with without_fragment_cache():
        _response, statements = capture(client, event.programme_url())
    speakers = [sql for sql in statements if "events_programmesession_speakers" in sql]
    assert len(speakers) == 1
    assert re.search(r"IN \(\d+, \d+\)", speakers[0]), speakers[0]
    assert EventPage.objects.get(pk=event.pk).sessions.count() == 5
