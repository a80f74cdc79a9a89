import datetime

import pytest
from pytest_django.asserts import assertContains, assertInHTML, assertNotContains

from wagtail.models import Page

from events.factories import EventDayFactory, EventPageFactory
from events.models import EventPage


@pytest.mark.django_db
def test_index_lists_upcoming_events_before_past_ones(client, event_index):
    index = event_index["nb"]
    past = EventPageFactory(parent=index, title="Kommunekonferansen 2023")
    soon = datetime.date.today() + datetime.timedelta(days=30)
    upcoming = EventPageFactory(parent=index, title="Neste konferanse", start_date=soon, end_date=soon)
    for event in (past, upcoming):
        EventDayFactory(page=event)
    html = client.get(index.url).content.decode()
    assert html.index("Neste konferanse") < html.index("Kommunekonferansen 2023")


@pytest.mark.django_db
def test_index_and_a_past_event_render(client, spring_conference, event_index):
    assert client.get(event_index["nb"].url).status_code == 200
    assert client.get(spring_conference["nb"].url).status_code == 200


@pytest.mark.django_db
def test_index_query_count_does_not_grow_with_events(client, event_index, site_settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    index = event_index["nb"]

    def count():
        client.get(index.url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(index.url).status_code == 200
        return len(captured)

    EventPageFactory(parent=index)
    few, events = count(), Page.objects.type(EventPage).child_of(index).count()
    for _ in range(8):
        EventPageFactory(parent=index)
    assert count() == few
    assert Page.objects.type(EventPage).child_of(index).count() == events + 8


def event_page(client, event):
    response = client.get(event.url)
    assert response.status_code == 200
    return response


@pytest.mark.django_db
def test_event_page_names_the_organisers_in_the_visitors_language(client, spring_conference):
    response = event_page(client, spring_conference["uk"])
    assertContains(
        response,
        '<li class="organiser" lang="uk"><a href="https://example.org/">Посольство України в Норвегії</a></li>',
        html=True,
    )
    assertNotContains(response, "Ukrainas ambassade")


@pytest.mark.django_db
def test_event_page_names_the_steering_group_in_the_visitors_language_with_the_translated_role(
    client, spring_conference
):
    response = event_page(client, spring_conference["uk"])
    assertInHTML('<span class="steering-group__name" lang="uk">Ян Крістенсен</span>', response.content.decode())
    assertInHTML('<span class="steering-group__role">Голова</span>', response.content.decode())


@pytest.mark.django_db
def test_event_page_lists_its_days_in_the_visitors_language(client, spring_conference):
    response = event_page(client, spring_conference["uk"])
    assertContains(response, '<p class="event-day__title">Громади допомагають громадам</p>', html=True)
    assertContains(
        response,
        '<h3 class="event-day__date"><time datetime="2023-08-29">Вівторок, 29 серпня 2023</time></h3>',
        html=True,
    )


@pytest.mark.django_db
def test_event_page_links_the_contact_phone_for_dialling(client, spring_conference):
    response = event_page(client, spring_conference["uk"])
    assertContains(response, '<a href="tel:91106045">91 10 60 45</a>', html=True)


@pytest.mark.django_db
def test_organisation_falls_back_to_the_source_language_until_its_translation_is_published(client):
    from django.utils import translation

    from events.factories import OrganisationFactory
    from home.factories import LocaleFactory

    source = OrganisationFactory(name="Ukrainas ambassade i Norge")
    draft = OrganisationFactory(
        name="Посольство України", locale=LocaleFactory(language_code="uk"), translation_key=source.translation_key
    )
    draft.live = False
    draft.save()
    with translation.override("uk"):
        assert source.localized_or_source == source
        draft.live = True
        draft.save()
        assert source.localized_or_source == draft
    with translation.override("en"):
        assert draft.localized_or_source == source


@pytest.fixture
def only_in_norwegian(spring_conference, event_index):
    """An event not translated (yet), beside the translated spring conference."""
    event = EventPageFactory(parent=event_index["nb"], title="Bare på norsk", slug="")
    event.save_revision().publish()
    return event


@pytest.mark.django_db
def test_index_lists_untranslated_source_events_marked_as_norwegian(client, event_index, only_in_norwegian):
    response = client.get(event_index["uk"].url)
    assertContains(response, f'<a href="{only_in_norwegian.url}" lang="nb" hreflang="nb">Bare på norsk</a>', html=True)
    assertContains(response, '<span class="event-list__language">(норвезькою)</span>', html=True)


@pytest.mark.django_db
def test_index_lists_a_translated_event_only_in_the_visitors_language(
    client, event_index, spring_conference, only_in_norwegian
):
    response = client.get(event_index["uk"].url)
    assertContains(response, f'<a href="{spring_conference["uk"].url}">Весняна конференція</a>', html=True)
    assertNotContains(response, "Vårkonferansen")


@pytest.mark.django_db
def test_upcoming_and_past_events_are_paginated(client, event_index):
    from events.models.pages import EVENTS_PER_PAGE

    index = event_index["nb"]
    for year in range(EVENTS_PER_PAGE + 2):
        EventPageFactory(
            parent=index,
            title=f"Konferanse {2000 + year}",
            slug="",
            start_date=datetime.date(2000 + year, 5, 1),
            end_date=datetime.date(2000 + year, 5, 1),
        )
    first = client.get(index.url).content.decode()
    second = client.get(index.url + "?page=2").content.decode()
    assert "Konferanse 2011" in first and "Konferanse 2000" not in first
    assert "Konferanse 2000" in second


@pytest.mark.django_db
def test_past_events_link_to_their_next_page(client, event_index):
    from events.models.pages import EVENTS_PER_PAGE

    for year in range(EVENTS_PER_PAGE + 1):
        day = datetime.date(2000 + year, 5, 1)
        EventPageFactory(parent=event_index["nb"], slug="", start_date=day, end_date=day)
    assertContains(client.get(event_index["nb"].url), '<a href="?page=2" rel="next">Neste side</a>', html=True)


@pytest.fixture
def post_new_event(admin_client, event_index):
    """Post the admin's new event form: one session on `session_date`, the event on 10 September 2024."""
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    def post(session_date, day_dates=("2024-09-10",)):
        data = nested_form_data(
            {
                "title": "Høstkonferansen",
                "slug": "hostkonferansen",
                "status": "scheduled",
                "attendance_mode": "offline",
                "body": streamfield([]),
                "days": inline_formset([{"date": date, "title": "Dag", "description": ""} for date in day_dates]),
                "organisers": inline_formset([]),
                "steering_group": inline_formset([]),
                "sessions": inline_formset(
                    [
                        {
                            "date": session_date,
                            "start_time": "09:00",
                            "end_time": "10:00",
                            "title": "Åpning",
                            "description": "",
                            "room": "",
                            "language": "nb",
                        }
                    ]
                ),
            }
        )
        return admin_client.post(f"/admin/pages/add/events/eventpage/{event_index['nb'].pk}/", data)

    return post


@pytest.mark.django_db
def test_editor_cannot_put_a_session_on_a_day_the_event_does_not_have(post_new_event):
    response = post_new_event("2024-09-11")
    assert response.status_code == 200
    assert "Choose one of the event" in response.content.decode() or "Velg en av" in response.content.decode()
    assert not EventPage.objects.filter(slug="hostkonferansen").exists()


@pytest.mark.django_db
def test_editor_cannot_give_an_event_a_day_twice(post_new_event):
    response = post_new_event("2024-09-10", ("2024-09-10", "2024-09-10"))
    assert response.status_code == 200
    assert not EventPage.objects.filter(slug="hostkonferansen").exists()


@pytest.mark.django_db
def test_the_event_form_asks_for_each_date_once_the_first_and_last_day_come_from_the_days(
    admin_client, event_index, post_new_event
):
    form = admin_client.get(f"/admin/pages/add/events/eventpage/{event_index['nb'].pk}/").content.decode()
    assert 'name="days-0-date"' in form or 'name="days-__prefix__-date"' in form
    assert 'name="start_date"' not in form and 'name="end_date"' not in form
    response = post_new_event("2024-09-10", ("2024-09-12", "2024-09-10"))
    assert response.status_code == 302, response.content.decode()[:2000]
    event = EventPage.objects.get(slug="hostkonferansen")
    assert (event.start_date, event.end_date) == (datetime.date(2024, 9, 10), datetime.date(2024, 9, 12))
    assert event.get_latest_revision_as_object().end_date == datetime.date(2024, 9, 12)


@pytest.mark.django_db
def test_editor_can_save_an_event_with_its_session_on_one_of_its_days(post_new_event):
    response = post_new_event("2024-09-10")
    assert response.status_code == 302, response.content.decode()[:2000]
    assert EventPage.objects.get(slug="hostkonferansen").sessions.count() == 1


def test_session_must_end_after_it_starts():
    from django.core.exceptions import ValidationError

    from events.models import ProgrammeSession

    session = ProgrammeSession(date=datetime.date(2023, 8, 29), start_time=datetime.time(10), end_time=datetime.time(9))
    with pytest.raises(ValidationError):
        session.clean()


@pytest.mark.django_db
def test_event_preview_shows_the_days_and_steering_group_as_the_live_page_does(spring_conference):
    event = spring_conference["uk"]
    response = event.make_preview_request(preview_mode=event.default_preview_mode)
    html = response.render().content.decode() if hasattr(response, "render") else response.content.decode()
    assertInHTML('<p class="event-day__title">Громади допомагають громадам</p>', html)
    assertInHTML('<span class="steering-group__name" lang="uk">Ян Крістенсен</span>', html)
