"""The programme: per day, in time order, readable and printable; and its change log."""

import datetime
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.changes import describe_changes
from events.factories import EventDayFactory, EventIndexPageFactory, EventPageFactory, ProgrammeSessionFactory
from events.models import EventPage, ProgrammeChange, ProgrammeSession
from home.factories import PersonFactory

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def demo_event(code):
    return EventPage.objects.get(locale__language_code=code, start_date__year=2023)


def test_programme_lists_each_day_with_its_sessions_in_time_order(client, demo_site):
    event = demo_event("uk")
    response = client.get(event.programme_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="programme-day"') == 2
    day1, day2 = html.split('class="programme-day"')[1:]
    assert day1.index("Відкриття") < day1.index("Від першого контакту") < day1.index("Державна підтримка")
    assert "Голодомор 1932–1933" in day2 and "Відкриття" not in day2
    assert '<time datetime="2023-08-29T09:00">09:00</time>–<time datetime="2023-08-29T09:30">09:30</time>' in day1
    assert "Вівторок, 29 серпня 2023" in day1  # genitive month, as Ukrainian writes a date
    assert "з перекладом" in day1  # interpretation offered
    assert "Пленарна зала" in day1


def test_example_programme_is_marked_as_example(client, demo_site):
    html = client.get(demo_event("en").programme_url()).content.decode()
    assert "notice--example" in html and "They are not the real programme" in html
    assert html.count("session--example") == ProgrammeSession.objects.filter(page=demo_event("en")).count()


def test_real_programme_carries_no_example_notice(client, demo_site):
    index = EventIndexPageFactory(parent=demo_site["nb"]["home"], title="Arr", slug="")
    event = EventPageFactory(parent=index, slug="")
    EventDayFactory(page=event)
    ProgrammeSessionFactory(page=event, title="Ekte økt")
    html = client.get(event.programme_url()).content.decode()
    assert "Ekte økt" in html and "notice--example" not in html


def test_speakers_are_shown_in_the_visitors_language(client, demo_site):
    index = EventIndexPageFactory(parent=demo_site["nb"]["home"], title="Arr", slug="")
    event = EventPageFactory(parent=index, slug="")
    EventDayFactory(page=event)
    speaker = PersonFactory(name="Ola Nordmann")
    ProgrammeSessionFactory(page=event, speakers=[speaker])
    assert "Ola Nordmann" in client.get(event.programme_url()).content.decode()


def test_programme_query_count_does_not_grow_with_sessions(client, demo_site):
    index = EventIndexPageFactory(parent=demo_site["nb"]["home"], title="Arr", slug="")
    event = EventPageFactory(parent=index, slug="")
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


def publish_event_with_sessions(home):
    index = EventIndexPageFactory(parent=home, title="Arr", slug="")
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


def test_first_publication_and_unchanged_republication_record_nothing(home_root):
    event = publish_event_with_sessions(home_root)
    assert not ProgrammeChange.objects.exists()
    edit_and_publish(event, lambda sessions: None)
    assert not ProgrammeChange.objects.exists()


@pytest.fixture
def home_root(demo_site):
    return demo_site["nb"]["home"]


def test_changed_times_and_rooms_are_recorded_in_the_pages_language(home_root, client):
    event = publish_event_with_sessions(home_root)

    def change(sessions):
        opening, panel = sorted(sessions, key=lambda s: s.start_time)
        opening.start_time, opening.end_time = datetime.time(9, 30), datetime.time(10)
        panel.room = "Sal B"

    edit_and_publish(event, change)
    descriptions = list(ProgrammeChange.objects.filter(event=event).values_list("description", flat=True))
    assert "«Åpning» er nå 29. august 09:30–10:00" in descriptions, descriptions
    assert "«Panel», nytt rom: Sal B" in descriptions, descriptions

    html = client.get(event.programme_url()).content.decode()
    assert "Endret " in html and "«Åpning» er nå 29. august 09:30–10:00" in html
    assert "09:30" in client.get(event.url).content.decode()  # the latest changes on the event page too


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


def test_changes_are_an_atom_feed(home_root, client):
    event = publish_event_with_sessions(home_root)

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


def test_ukrainian_page_logs_its_changes_in_ukrainian(client, demo_site):
    event = demo_event("uk")

    def change(sessions):
        opening = min(sessions, key=lambda s: (s.date, s.start_time))
        opening.end_time = datetime.time(9, 45)

    edit_and_publish(event, change)
    assert list(ProgrammeChange.objects.filter(event=event).values_list("description", flat=True)) == [
        "«Відкриття» тепер 29 серпня 09:00–09:45"
    ]
    assert not ProgrammeChange.objects.exclude(event=event).exists()


def test_editors_note_replaces_the_generated_description_once(home_root):
    event = publish_event_with_sessions(home_root)

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


def test_publishing_a_changed_programme_in_the_admin_records_the_change(admin_client, home_root, client):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    event = publish_event_with_sessions(home_root)
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
            "start_date": "2023-08-29",
            "end_date": "2023-08-30",
            "status": "scheduled",
            "attendance_mode": "offline",
            "body": streamfield([]),
            "change_note": "",
            "days": inline_formset(
                [
                    {"id": d.pk, "date": d.date.isoformat(), "title": d.title, "capacity": d.capacity}
                    for d in (day1, day2)
                ],
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
    html = client.get(event.programme_url()).content.decode()
    assert "09:15" in html and "«Åpning» er nå 29. august 09:15–09:45" in html
