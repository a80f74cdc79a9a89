"""Calendar files (.ics) and schema.org JSON-LD for events."""

import datetime
import json
import re
from zoneinfo import ZoneInfo

import icalendar
import pytest

from events.factories import EventDayFactory, EventIndexPageFactory, EventPageFactory
from events.models import ProgrammeSession

pytestmark = pytest.mark.django_db
OSLO = ZoneInfo("Europe/Oslo")


def get_calendar(client, url) -> icalendar.Calendar:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def events_of(calendar):
    return [component for component in calendar.walk("VEVENT")]


def test_event_calendar_has_one_timed_event_per_day_in_oslo_time(client, demo_site):
    event = demo_site["uk"]["conference-2023"]
    calendar = get_calendar(client, event.url + "calendar.ics")
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Oslo"]
    day1, day2 = events_of(calendar)
    assert day1.decoded("dtstart") == datetime.datetime(2023, 8, 29, 9, 0, tzinfo=OSLO)
    assert day1["DTSTART"].params["TZID"] == "Europe/Oslo"
    assert day1.decoded("dtend") == datetime.datetime(2023, 8, 29, 12, 30, tzinfo=OSLO)
    assert "Норвезькі громади допомагають українським громадам" in str(day1["SUMMARY"])
    assert str(day2["LOCATION"]) == "Осло, Норвегія"
    assert tuple(map(float, day2.decoded("geo"))) == pytest.approx((59.9139, 10.7522))


def test_uids_are_shared_by_the_language_versions_so_updates_replace_entries(client, demo_site):
    uids = {
        code: [
            str(e["UID"])
            for e in events_of(get_calendar(client, demo_site[code]["conference-2023"].url + "calendar.ics"))
        ]
        for code in ("nb", "uk", "en")
    }
    assert uids["nb"] == uids["uk"] == uids["en"]
    day = demo_site["nb"]["conference-2023"].days.first()
    assert uids["nb"][0] == f"day-{day.translation_key}@s2pu"


def test_day_without_sessions_is_an_all_day_event(client, demo_site):
    index = EventIndexPageFactory(parent=demo_site["nb"]["home"], title="Arr", slug="")
    event = EventPageFactory(parent=index, slug="", title="Seminar")
    EventDayFactory(page=event, date=datetime.date(2024, 3, 5), title="Seminardag")
    (vevent,) = events_of(get_calendar(client, event.url + "calendar.ics"))
    assert vevent.decoded("dtstart") == datetime.date(2024, 3, 5)
    assert vevent.decoded("dtend") == datetime.date(2024, 3, 6)
    assert str(vevent["SUMMARY"]) == "Seminar: Seminardag"


def test_one_session_as_a_calendar_file(client, demo_site):
    event = demo_site["en"]["conference-2023"]
    session = event.sessions.get(title="Ukrainian culture")
    (vevent,) = events_of(get_calendar(client, f"{event.url}sessions/{session.pk}.ics"))
    assert str(vevent["SUMMARY"]) == "Ukrainian culture"
    assert vevent.decoded("dtstart") == datetime.datetime(2023, 8, 30, 11, 0, tzinfo=OSLO)
    assert str(vevent["UID"]) == f"session-{session.translation_key}@s2pu"
    other = ProgrammeSession.objects.exclude(page=event).first()
    assert client.get(f"{event.url}sessions/{other.pk}.ics").status_code == 404  # another event's session


def test_subscribable_feed_of_all_events_per_language(client, demo_site):
    home = demo_site["en"]["home"]
    index = EventIndexPageFactory(parent=home, title="Meetings", slug="", locale=home.locale)
    soon = datetime.date.today() + datetime.timedelta(days=60)
    for title, start in (("Next conference", soon), ("Past meeting", datetime.date(2023, 8, 29))):
        event = EventPageFactory(
            parent=index, slug="", title=title, start_date=start, end_date=start, locale=home.locale
        )
        EventDayFactory(page=event, date=start, title="Day one")
    calendar = get_calendar(client, index.url + "calendar.ics")
    summaries = sorted(str(e["SUMMARY"]) for e in events_of(calendar))
    assert summaries == ["Next conference: Day one", "Past meeting: Day one"]
    assert str(calendar["X-WR-CALNAME"]) == "Meetings"


def json_ld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD on the page"
    return json.loads(match.group(1))


def test_event_page_describes_itself_as_a_schema_org_event(client, demo_site):
    event = demo_site["uk"]["conference-2023"]
    data = json_ld(client.get(event.url).content.decode())
    assert data["@type"] == "Event"
    assert data["name"] == "Муніципальна конференція s2pU 2023"
    assert data["inLanguage"] == "uk"
    assert data["startDate"] == "2023-08-29T09:00:00+02:00"
    assert data["endDate"] == "2023-08-30T12:00:00+02:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert [org["name"] for org in data["organizer"]][0] == "Посольство України в Норвегії"
    assert data["location"]["@type"] == "Place"
    assert data["location"]["address"]["addressCountry"] == "NO"
    assert data["location"]["geo"] == {"@type": "GeoCoordinates", "latitude": 59.9139, "longitude": 10.7522}
    assert data["url"] == "http://testserver" + event.url
    assert data["description"]


def test_json_ld_cannot_be_broken_out_of(client, demo_site):
    index = EventIndexPageFactory(parent=demo_site["nb"]["home"], title="Arr", slug="")
    event = EventPageFactory(parent=index, slug="slem", title="</script><script>alert(1)</script>")
    EventDayFactory(page=event)
    html = client.get(event.url).content.decode()
    assert "<script>alert(1)" not in html
    assert json_ld(html)["name"] == "</script><script>alert(1)</script>"
