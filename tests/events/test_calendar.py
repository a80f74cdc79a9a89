"""Calendar files (.ics) and schema.org JSON-LD for events."""

import datetime
import json
import re
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject
from ical.calendar_stream import IcsCalendarStream
from ical.timezone import IcsTimezoneInfo

from events.calendar import attendance_calendar, oslo_timezone
from events.capacity import register
from events.factories import EventDayFactory, EventIndexPageFactory, EventPageFactory, ProgrammeSessionFactory
from events.models import ProgrammeSession, Registration

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


# --- Time zones, read back by parsers that do not share icalendar's code ------------------------
#
# vobject turns the file's VTIMEZONE into a tzinfo through dateutil's tzical; `ical` has its own
# VTIMEZONE model (IcsTimezoneInfo). Neither looks up Europe/Oslo in the tz database when the file's
# VTIMEZONE is used, so both show what a client that trusts the file, as Outlook does, would see.

UTC = datetime.UTC
SUMMER = (datetime.date(2023, 8, 29), datetime.datetime(2023, 8, 29, 7, 0, tzinfo=UTC))  # 09:00 CEST
WINTER = (datetime.date(2025, 1, 15), datetime.datetime(2025, 1, 15, 8, 0, tzinfo=UTC))  # 09:00 CET


def starts_by_vobject(ics: str) -> dict[str, datetime.datetime]:
    # vobject keeps the first VTIMEZONE it meets per TZID for the rest of the process; forget it, so
    # that this file's own VTIMEZONE is the one read.
    getattr(vobject.icalendar, "__tzidMap").pop("Europe/Oslo", None)
    calendar = vobject.readOne(ics)
    return {str(vevent.uid.value): vevent.dtstart.value for vevent in calendar.vevent_list}


def starts_by_ical(ics: str) -> dict[str, datetime.datetime]:
    """Wall times read against the file's own VTIMEZONE, not ical's tz database lookup."""
    calendar = IcsCalendarStream.calendar_from_ics(ics)
    zones = {zone.tz_id: IcsTimezoneInfo.from_timezone(zone) for zone in calendar.timezones}
    starts = {}
    for vevent in calendar.events:
        start = vevent.dtstart
        if isinstance(start, datetime.datetime) and start.tzinfo is not None:
            start = start.replace(tzinfo=zones[str(start.tzinfo)])
        starts[vevent.uid] = start
    return starts


@pytest.fixture
def summer_and_winter(demo_site):
    """Two events with one session each at 09:00–10:00 Oslo time, one in summer time, one in winter."""
    index = EventIndexPageFactory(parent=demo_site["nb"]["home"], title="Tider", slug="")
    sessions = []
    for day, _utc in (SUMMER, WINTER):
        event = EventPageFactory(parent=index, slug="", start_date=day, end_date=day)
        EventDayFactory(page=event, date=day, title="Dag")
        sessions.append(ProgrammeSessionFactory(page=event, date=day, start_time=datetime.time(9, 0)))
    return index, sessions


@pytest.mark.parametrize("read", [starts_by_vobject, starts_by_ical], ids=["vobject", "ical"])
def test_every_time_reads_at_its_oslo_wall_time(client, summer_and_winter, read):
    index, sessions = summer_and_winter
    feed = client.get(index.url + "calendar.ics").content.decode()
    starts = read(feed)
    by_day = {session.date: starts[f"day-{session.page.days.get().translation_key}@s2pu"] for session in sessions}
    assert by_day[SUMMER[0]].astimezone(UTC) == SUMMER[1]
    assert by_day[WINTER[0]].astimezone(UTC) == WINTER[1]
    for session, (_day, utc) in zip(sessions, (SUMMER, WINTER), strict=True):
        ics = client.get(f"{session.page.url}sessions/{session.pk}.ics").content.decode()
        assert "DTSTART;TZID=Europe/Oslo:" in ics
        (start,) = read(ics).values()
        assert start.astimezone(UTC) == utc


def test_the_time_zone_is_written_as_yearly_rules(client, summer_and_winter):
    index, _sessions = summer_and_winter
    ics = client.get(index.url + "calendar.ics").content.decode()
    (zone,) = icalendar.Calendar.from_ical(ics).walk("VTIMEZONE")
    assert "RDATE" not in ics
    rules = {
        component.name: (
            component.decoded("tzoffsetfrom"),
            component.decoded("tzoffsetto"),
            component.decoded("dtstart"),
            dict(component["RRULE"]),
        )
        for component in zone.subcomponents
    }
    assert rules == {
        "DAYLIGHT": (
            datetime.timedelta(hours=1),
            datetime.timedelta(hours=2),
            datetime.datetime(1996, 3, 31, 2),
            {"FREQ": ["YEARLY"], "BYMONTH": [3], "BYDAY": ["-1SU"]},
        ),
        "STANDARD": (
            datetime.timedelta(hours=2),
            datetime.timedelta(hours=1),
            datetime.datetime(1996, 10, 27, 3),
            {"FREQ": ["YEARLY"], "BYMONTH": [10], "BYDAY": ["-1SU"]},
        ),
    }


@pytest.mark.parametrize("read", [starts_by_vobject, starts_by_ical], ids=["vobject", "ical"])
def test_the_parsers_really_read_the_files_own_time_zone(client, summer_and_winter, read):
    """Were a parser to ignore the VTIMEZONE and use its own tz database, the tests above would
    prove nothing: with the summer offset in the file changed to +03:00, 09:00 must read 06:00Z."""
    index, _sessions = summer_and_winter
    ics = client.get(index.url + "calendar.ics").content.decode()
    doctored = ics.replace("TZOFFSETTO:+0200", "TZOFFSETTO:+0300").replace("TZOFFSETFROM:+0200", "TZOFFSETFROM:+0300")
    summer_start = min(
        read(doctored).values(), key=lambda start: abs(start.replace(tzinfo=None) - datetime.datetime(2023, 8, 29, 9))
    )
    assert summer_start.astimezone(UTC) == datetime.datetime(2023, 8, 29, 6, 0, tzinfo=UTC)


def test_the_written_rule_agrees_with_the_tz_database_from_1996_to_2037():
    wrapper = icalendar.Calendar()
    wrapper.add("prodid", "-//test//")
    wrapper.add("version", "2.0")
    wrapper.add_component(oslo_timezone())
    (zone,) = IcsCalendarStream.calendar_from_ics(wrapper.to_ical().decode()).timezones
    written = IcsTimezoneInfo.from_timezone(zone)
    first_rule = datetime.datetime(1996, 3, 31, 2)  # the rule starts with summer time 1996; no event is older
    moments = [datetime.datetime(1996, 4, 1, 12) + datetime.timedelta(days=n) for n in range(42 * 365)]
    for year in range(1996, 2038):
        for month in (3, 10):  # the hour before and after each change, on its day
            sundays = [datetime.datetime(year, month, d) for d in range(25, 32)]
            change = max(day for day in sundays if day.weekday() == 6)
            moments += [change.replace(hour=1), change.replace(hour=4)]
    for moment in moments:
        if first_rule < moment < datetime.datetime(2038, 1, 1):
            assert written.utcoffset(moment) == moment.replace(tzinfo=OSLO).utcoffset(), moment


def test_registration_attachment_has_whole_days_and_its_own_uids(conference):
    page = conference["uk"]["page"]
    registration, _created = register(
        page,
        name="Olena",
        email="olena@example.org",
        language="uk",
        answers={},
        day_keys=[day.translation_key for day in conference["days"]],
    )
    registration = Registration.objects.get(pk=registration.pk)
    ics = attendance_calendar(registration, registration.day_summary()).to_ical().decode()
    assert "VTIMEZONE" not in ics  # whole days need no time zone
    calendar = vobject.readOne(ics)
    entries = {str(vevent.uid.value): vevent.dtstart.value for vevent in calendar.vevent_list}
    assert entries == {
        f"day-{day.translation_key}-registration-{registration.pk}@s2pu": day.date for day in conference["days"]
    }
    assert all(type(start) is datetime.date for start in entries.values())
