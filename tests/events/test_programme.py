"""The programme: per day, in time order, readable and printable; and its change log."""

import datetime
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from pytest_django.asserts import assertContains, assertInHTML

from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.changes import describe_changes
from events.factories import EventDayFactory, EventPageFactory, ProgrammeSessionFactory
from events.models import EventPage, ProgrammeChange, ProgrammeSession
from home.factories import PersonFactory
from tests.events.conftest import translate
from tests.performance import capture, without_fragment_cache

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def programme_html(client, event) -> str:
    response = client.get(event.programme_url())
    assert response.status_code == 200
    return response.content.decode()


def session_titles_by_day(html: str) -> list[list[str]]:
    days = html.split('class="programme-day"')[1:]
    return [re.findall(r'<h3 class="session__title">(.*?)</h3>', day) for day in days]


def test_programme_lists_each_day_with_its_sessions_in_time_order(client, spring_conference):
    html = programme_html(client, spring_conference["uk"])
    assert session_titles_by_day(html) == [["Відкриття", "Панель", "Statlig støtte"], ["Ukrainsk kultur"]]


def test_programme_gives_each_session_its_start_and_end_as_times(client, spring_conference):
    html = programme_html(client, spring_conference["uk"])
    assertInHTML(
        '<p class="session__time"><time datetime="2023-08-29T09:00">09:00</time>–'
        '<time datetime="2023-08-29T09:30">09:30</time></p>',
        html,
    )


def test_ukrainian_programme_writes_the_day_with_the_genitive_month(client, spring_conference):
    html = programme_html(client, spring_conference["uk"])
    assertInHTML(
        '<h2 class="programme-day__heading" id="day-2023-08-29-heading">'
        '<time datetime="2023-08-29">Вівторок, 29 серпня 2023</time></h2>',
        html,
    )


def test_programme_says_which_sessions_offer_interpretation(client, spring_conference):
    html = programme_html(client, spring_conference["uk"])
    assertInHTML("<div><dt>Мова</dt><dd>норвезька, з перекладом</dd></div>", html, count=1)


def test_programme_gives_the_room_of_a_session(client, spring_conference):
    html = programme_html(client, spring_conference["uk"])
    assertInHTML("<div><dt>Зала</dt><dd>Plenumssalen</dd></div>", html)


def example_programme(event_index):
    event = EventPageFactory(parent=event_index["en"], slug="", locale=event_index["en"].locale)
    EventDayFactory(page=event)
    for hour in (9, 10):
        ProgrammeSessionFactory(
            page=event, start_time=datetime.time(hour), end_time=datetime.time(hour, 45), is_example_content=True
        )
    return event


def test_example_programme_carries_the_example_notice(client, event_index):
    html = programme_html(client, example_programme(event_index))
    assertInHTML(
        '<p class="notice notice--example programme__example" role="note">Example programme: the sessions and '
        "times below show how the programme will look. They are not the real programme.</p>",
        html,
    )


def test_every_example_session_is_marked_as_an_example(client, event_index):
    html = programme_html(client, example_programme(event_index))
    assert html.count('class="session session--example"') == 2
    assertInHTML('<span class="session__tag">Example</span>', html, count=2)


def test_real_programme_carries_no_example_notice(client, event_index):
    event = EventPageFactory(parent=event_index["nb"], slug="")
    EventDayFactory(page=event)
    ProgrammeSessionFactory(page=event, title="Ekte økt")
    html = programme_html(client, event)
    assertInHTML('<h3 class="session__title">Ekte økt</h3>', html)
    assert "notice--example" not in html


def test_speakers_are_shown_in_the_visitors_language(client, event_index):
    from home.factories import LocaleFactory

    event = EventPageFactory(parent=event_index["nb"], slug="")
    EventDayFactory(page=event)
    speaker = PersonFactory(name="Ola Nordmann", title="")
    PersonFactory(
        name="Ола Нордманн", title="", locale=LocaleFactory(language_code="uk"), translation_key=speaker.translation_key
    )
    ProgrammeSessionFactory(page=event, speakers=[speaker])
    uk_event = translate(event, "uk")
    assertInHTML('<span lang="uk">Ола Нордманн</span>', programme_html(client, uk_event))


def test_programme_query_count_does_not_grow_with_sessions(client, event_index, site_settings):
    event = EventPageFactory(parent=event_index["nb"], slug="")
    EventDayFactory(page=event)

    def count():
        client.get(event.programme_url())
        with CaptureQueriesContext(connection) as captured:
            assert client.get(event.programme_url()).status_code == 200
        return len(captured)

    ProgrammeSessionFactory(page=event, speakers=[PersonFactory()])
    few = count()
    for hour in range(10, 18):
        ProgrammeSessionFactory(
            page=event,
            start_time=datetime.time(hour),
            end_time=datetime.time(hour, 45),
            speakers=[PersonFactory(), PersonFactory()],
        )
    assert count() == few


def test_print_stylesheet_starts_each_day_on_a_new_page():
    css = (ROOT / "static" / "css" / "print.css").read_text()
    assert ".programme-day + .programme-day { break-before: page; }" in css


# -- change log --


def publish_event_with_sessions(index):
    event = EventPageFactory(parent=index, slug="")
    EventDayFactory(page=event, date=datetime.date(2023, 8, 29))
    EventDayFactory(page=event, date=datetime.date(2023, 8, 30))
    ProgrammeSessionFactory(page=event, title="Åpning", start_time=datetime.time(9), end_time=datetime.time(9, 30))
    ProgrammeSessionFactory(
        page=event, title="Panel", start_time=datetime.time(10), end_time=datetime.time(11), room="Sal A"
    )
    event.save_revision().publish()
    return EventPage.objects.get(pk=event.pk)


def edit_and_publish(event, change):
    event = EventPage.objects.get(pk=event.pk)
    sessions = list(event.sessions.all())
    change(sessions)
    event.sessions = [s for s in sessions if not getattr(s, "_delete", False)]
    event.save_revision().publish()
    return event


@pytest.fixture
def nb_index(event_index):
    return event_index["nb"]


def test_first_publication_and_unchanged_republication_record_nothing(nb_index):
    event = publish_event_with_sessions(nb_index)
    assert not ProgrammeChange.objects.exists()
    edit_and_publish(event, lambda sessions: None)
    assert not ProgrammeChange.objects.exists()


def move_the_opening_and_the_panel(event):
    def change(sessions):
        opening, panel = sorted(sessions, key=lambda s: s.start_time)
        opening.start_time, opening.end_time = datetime.time(9, 30), datetime.time(10)
        panel.room = "Sal B"

    return edit_and_publish(event, change)


def test_changed_times_and_rooms_are_recorded_in_the_pages_language(nb_index):
    event = move_the_opening_and_the_panel(publish_event_with_sessions(nb_index))
    assert sorted(ProgrammeChange.objects.filter(event=event).values_list("description", flat=True)) == [
        "«Panel», nytt rom: Sal B",
        "«Åpning» er nå 29. august 09:30–10:00",
    ]


def test_programme_page_lists_the_changes(nb_index, client):
    event = move_the_opening_and_the_panel(publish_event_with_sessions(nb_index))
    response = client.get(event.programme_url())
    assertContains(response, "Endret ")
    assertContains(response, "«Åpning» er nå 29. august 09:30–10:00")


def test_event_page_lists_the_latest_changes(nb_index, client):
    event = move_the_opening_and_the_panel(publish_event_with_sessions(nb_index))
    assertContains(client.get(event.url), "«Åpning» er nå 29. august 09:30–10:00")


def test_added_renamed_and_cancelled_sessions_are_described():
    def session(key, title, start=9, room=""):
        return ProgrammeSession(
            translation_key=key,
            title=title,
            date=datetime.date(2023, 8, 29),
            start_time=datetime.time(start),
            end_time=datetime.time(start + 1),
            room=room,
        )

    from django.utils import translation

    with translation.override("en"):
        lines = describe_changes(
            [
                session("00000000-0000-0000-0000-000000000001", "Opening"),
                session("00000000-0000-0000-0000-000000000002", "Lunch", 12),
            ],
            [
                session("00000000-0000-0000-0000-000000000001", "Welcome"),
                session("00000000-0000-0000-0000-000000000003", "Panel", 13),
            ],
        )
    assert lines == [
        "“Opening” is now called “Welcome”",
        "New: “Panel”, 29 August 13:00–14:00",
        "Cancelled: “Lunch”, 29 August 12:00–13:00",
    ]


def test_changes_are_an_atom_feed(nb_index, client):
    event = publish_event_with_sessions(nb_index)

    def change(sessions):
        sessions[0].title = "Velkommen"

    edit_and_publish(event, change)
    response = client.get(event.url + "changes.atom")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    ns = {"atom": "http://www.w3.org/2005/Atom"}
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "nb"
    titles = [entry.find("atom:title", ns).text for entry in feed.findall("atom:entry", ns)]
    assert titles == ["«Åpning» heter nå «Velkommen»"]
    assert feed.find("atom:link[@rel='self']", ns).get("href").endswith("/changes.atom")


def test_ukrainian_page_logs_its_changes_in_ukrainian(spring_conference):
    event = spring_conference["uk"]

    def change(sessions):
        opening = min(sessions, key=lambda s: (s.date, s.start_time))
        opening.end_time = datetime.time(9, 45)

    edit_and_publish(event, change)
    assert list(ProgrammeChange.objects.filter(event=event).values_list("description", flat=True)) == [
        "«Відкриття» тепер 29 серпня 09:00–09:45"
    ]


def test_a_change_to_one_language_version_is_logged_only_for_that_version(spring_conference):
    event = spring_conference["uk"]

    def change(sessions):
        sessions[0].room = "Зала 2"

    edit_and_publish(event, change)
    assert set(ProgrammeChange.objects.values_list("event", flat=True)) == {event.pk}


def test_editors_note_replaces_the_generated_description_once(nb_index):
    event = publish_event_with_sessions(nb_index)

    def change(sessions):
        sessions[0].room = "Sal C"

    event = EventPage.objects.get(pk=event.pk)
    event.change_note = "Åpningen flyttes til Sal C fordi Sal A pusses opp."
    event.save()
    edit_and_publish(event, change)
    assert list(ProgrammeChange.objects.values_list("description", flat=True)) == [
        "Åpningen flyttes til Sal C fordi Sal A pusses opp."
    ]

    def change_again(sessions):
        sessions[0].room = "Sal D"

    edit_and_publish(event, change_again)  # the same note is not listed twice; the new change is described
    assert ProgrammeChange.objects.count() == 2
    assert ProgrammeChange.objects.first().description == "«Åpning», nytt rom: Sal D"


def test_publishing_a_changed_programme_in_the_admin_records_the_change(admin_client, nb_index, client):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    event = publish_event_with_sessions(nb_index)
    day1, day2 = event.days.all()
    opening, panel = sorted(event.sessions.all(), key=lambda s: s.start_time)

    def session_row(session, **changes):
        row = {
            "id": session.pk,
            "date": session.date.isoformat(),
            "start_time": session.start_time.strftime("%H:%M"),
            "end_time": session.end_time.strftime("%H:%M"),
            "title": session.title,
            "description": session.description,
            "room": session.room,
            "language": session.language,
        }
        return {**row, **changes}

    data = nested_form_data(
        {
            "title": event.title,
            "slug": event.slug,
            "theme": event.theme,
            "status": "scheduled",
            "attendance_mode": "offline",
            "body": streamfield([]),
            "change_note": "",
            "days": inline_formset(
                [{"id": d.pk, "date": d.date.isoformat(), "title": d.title} for d in (day1, day2)],
                initial=2,
            ),
            "organisers": inline_formset([]),
            "steering_group": inline_formset([]),
            "sessions": inline_formset(
                [session_row(opening, start_time="09:15", end_time="09:45"), session_row(panel)], initial=2
            ),
            "action-publish": "action-publish",
        }
    )
    response = admin_client.post(f"/admin/pages/{event.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert list(ProgrammeChange.objects.filter(event=event).values_list("description", flat=True)) == [
        "«Åpning» er nå 29. august 09:15–09:45"
    ]
    assertContains(client.get(event.programme_url()), "«Åpning» er nå 29. august 09:15–09:45")


def session_times(count):
    """`count` start times five minutes apart from 08:00, in order."""
    return [datetime.time(8 + n // 12, (n % 12) * 5) for n in range(count)]


@pytest.fixture
def long_programme(event_index):
    from events.models.pages import PROGRAMME_SESSIONS_PER_PAGE

    event = EventPageFactory(parent=event_index["en"], slug="", locale=event_index["en"].locale)
    EventDayFactory(page=event)
    for n, start in enumerate(session_times(PROGRAMME_SESSIONS_PER_PAGE + 5)):
        ProgrammeSessionFactory(page=event, title=f"Session {n:02d}", start_time=start, end_time=start)
    return event


def test_long_programme_shows_a_bounded_page_and_the_rest_on_the_next(client, long_programme):
    from events.models.pages import PROGRAMME_SESSIONS_PER_PAGE

    assert PROGRAMME_SESSIONS_PER_PAGE <= 50
    first = programme_html(client, long_programme)
    second = client.get(long_programme.programme_url(), {"page": 2}).content.decode()
    assert sum(session_titles_by_day(first), []) == [f"Session {n:02d}" for n in range(PROGRAMME_SESSIONS_PER_PAGE)]
    assert sum(session_titles_by_day(second), []) == [
        f"Session {n:02d}" for n in range(PROGRAMME_SESSIONS_PER_PAGE, PROGRAMME_SESSIONS_PER_PAGE + 5)
    ]
    assertInHTML('<a href="?page=2" rel="next">Next page</a>', first)
    assertInHTML('<a href="?page=1" rel="prev">Previous page</a>', second)
    assertInHTML("<span>Page 2 of 2</span>", second)


@pytest.mark.parametrize(("page", "shown"), [("abc", "Session 00"), ("0", "Session 50"), ("99", "Session 50")])
def test_a_page_that_is_not_there_shows_the_first_or_the_last(client, long_programme, page, shown):
    # As the other lists: junk is the first page, a number past either end the last (Paginator.get_page).
    response = client.get(long_programme.programme_url(), {"page": page})
    assert response.status_code == 200
    assert shown in session_titles_by_day(response.content.decode())[0]


def test_a_day_longer_than_a_page_continues_on_the_next_and_the_day_links_find_it(client, event_index, monkeypatch):
    from events.models import pages

    monkeypatch.setattr(pages, "PROGRAMME_SESSIONS_PER_PAGE", 2)
    event = EventPageFactory(parent=event_index["en"], slug="", locale=event_index["en"].locale)
    event.end_date = datetime.date(2023, 8, 31)
    event.save()
    first_day, second_day, third_day = (datetime.date(2023, 8, day) for day in (29, 30, 31))
    for day in (first_day, second_day, third_day):
        EventDayFactory(page=event, date=day)
    for title, day, start in [("A", first_day, 9), ("B", first_day, 10), ("C", first_day, 11), ("D", second_day, 9)]:
        ProgrammeSessionFactory(page=event, title=title, date=day, start_time=datetime.time(start))
    first = programme_html(client, event)
    second = client.get(event.programme_url(), {"page": 2}).content.decode()
    assert session_titles_by_day(first) == [["A", "B"]]
    # The third day has no sessions yet: it is shown where it falls, after the second.
    assert session_titles_by_day(second) == [["C"], ["D"], []]
    assertInHTML('<a href="#day-2023-08-29">Tuesday 29 August 2023</a>', first)
    assertInHTML('<a href="?page=2#day-2023-08-30">Wednesday 30 August 2023</a>', first)
    assertInHTML('<a href="?page=1#day-2023-08-29">Tuesday 29 August 2023</a>', second)


def test_programme_query_count_does_not_grow_with_pages_of_sessions(client, event_index, site_settings):
    event = EventPageFactory(parent=event_index["nb"], slug="")
    EventDayFactory(page=event)

    def count(url):
        response, statements = capture(client, url)
        assert response.status_code == 200
        return len(statements)

    ProgrammeSessionFactory(page=event, speakers=[PersonFactory()])
    with without_fragment_cache():
        few = count(event.programme_url())
        for start in session_times(60):
            ProgrammeSessionFactory(page=event, start_time=start, end_time=start, speakers=[PersonFactory()])
        assert count(event.programme_url()) == few
        assert count(event.programme_url() + "?page=2") == few
