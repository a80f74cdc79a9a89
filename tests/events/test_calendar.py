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

from events.calendar import oslo_timezone
from events.capacity import register
from events.factories import (
    EventDayFactory,
    EventIndexPageFactory,
    EventPageFactory,
    ProgrammeSessionFactory,
    RegistrationPageFactory,
)
from events.mail import attendance_calendar
from events.models import Registration
from tests.events.conftest import translate

pytestmark = pytest.mark.django_db
OSLO = ZoneInfo("Europe/Oslo")


def get_calendar(client, url) -> icalendar.Calendar:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def events_of(calendar):
    return [component for component in calendar.walk("VEVENT")]


def test_event_calendar_has_one_timed_event_per_day_from_first_session_to_last(client, spring_conference):
    calendar = get_calendar(client, spring_conference["uk"].url + "calendar.ics")
    day1, day2 = events_of(calendar)
    assert (day1.decoded("dtstart"), day1.decoded("dtend")) == (
        datetime.datetime(2023, 8, 29, 9, 0, tzinfo=OSLO),
        datetime.datetime(2023, 8, 29, 12, 30, tzinfo=OSLO),
    )
    assert (day2.decoded("dtstart"), day2.decoded("dtend")) == (
        datetime.datetime(2023, 8, 30, 11, 0, tzinfo=OSLO),
        datetime.datetime(2023, 8, 30, 12, 0, tzinfo=OSLO),
    )


def test_event_calendar_times_refer_to_its_oslo_time_zone(client, spring_conference):
    calendar = get_calendar(client, spring_conference["uk"].url + "calendar.ics")
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Oslo"]
    assert [vevent["DTSTART"].params["TZID"] for vevent in events_of(calendar)] == ["Europe/Oslo"] * 2


def test_event_calendar_names_each_day_in_the_calendars_language(client, spring_conference):
    calendar = get_calendar(client, spring_conference["uk"].url + "calendar.ics")
    assert [str(vevent["SUMMARY"]) for vevent in events_of(calendar)] == [
        "Весняна конференція: Громади допомагають громадам",
        "Весняна конференція: Культура та історія",
    ]


def test_event_calendar_gives_the_venue_and_its_coordinates(client, spring_conference):
    _day1, day2 = events_of(get_calendar(client, spring_conference["uk"].url + "calendar.ics"))
    assert str(day2["LOCATION"]) == "Oslo rådhus, Rådhusplassen 1, Oslo"
    assert tuple(map(float, day2.decoded("geo"))) == pytest.approx((59.9139, 10.7522))


def test_uids_are_shared_by_the_language_versions_so_updates_replace_entries(client, spring_conference):
    uids = {
        code: [str(e["UID"]) for e in events_of(get_calendar(client, event.url + "calendar.ics"))]
        for code, event in spring_conference.items()
    }
    assert uids["nb"] == uids["uk"] == uids["en"]
    day = spring_conference["nb"].days.first()
    assert uids["nb"][0] == f"day-{day.translation_key}@s2pu"


def test_day_without_sessions_is_an_all_day_event(client, event_index):
    event = EventPageFactory(parent=event_index["nb"], slug="", title="Seminar")
    EventDayFactory(page=event, date=datetime.date(2024, 3, 5), title="Seminardag")
    (vevent,) = events_of(get_calendar(client, event.url + "calendar.ics"))
    assert vevent.decoded("dtstart") == datetime.date(2024, 3, 5)
    assert vevent.decoded("dtend") == datetime.date(2024, 3, 6)
    assert str(vevent["SUMMARY"]) == "Seminar: Seminardag"


def test_one_session_as_a_calendar_file(client, spring_conference):
    event = spring_conference["en"]
    session = event.sessions.get(title="Ukrainian culture")
    (vevent,) = events_of(get_calendar(client, f"{event.url}sessions/{session.pk}.ics"))
    assert str(vevent["SUMMARY"]) == "Ukrainian culture"
    assert vevent.decoded("dtstart") == datetime.datetime(2023, 8, 30, 11, 0, tzinfo=OSLO)
    assert str(vevent["UID"]) == f"session-{session.translation_key}@s2pu"


def test_another_events_session_has_no_calendar_file_under_this_event(client, spring_conference, event_index):
    other_event = EventPageFactory(parent=event_index["nb"], slug="")
    EventDayFactory(page=other_event)
    other_session = ProgrammeSessionFactory(page=other_event)
    assert client.get(f"{spring_conference['nb'].url}sessions/{other_session.pk}.ics").status_code == 404


def test_subscribable_feed_of_all_events_per_language(client, homes):
    home = homes["en"]
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


def event_json_ld(client, event) -> dict:
    return json_ld(client.get(event.url).content.decode())


def test_event_page_describes_itself_as_a_schema_org_event_in_its_language(client, spring_conference):
    event = spring_conference["uk"]
    data = event_json_ld(client, event)
    assert (data["@type"], data["name"], data["inLanguage"]) == ("Event", "Весняна конференція", "uk")
    assert data["url"] == "http://testserver" + event.url
    assert data["description"] == "Kommuner hjelper kommuner"  # the theme, as the page has no intro


def test_event_json_ld_runs_from_the_first_session_to_the_last(client, spring_conference):
    data = event_json_ld(client, spring_conference["uk"])
    assert (data["startDate"], data["endDate"]) == ("2023-08-29T09:00:00+02:00", "2023-08-30T12:00:00+02:00")


def test_event_json_ld_says_the_event_is_scheduled_and_in_person(client, spring_conference):
    data = event_json_ld(client, spring_conference["uk"])
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"


def test_event_json_ld_names_the_organisers_in_the_pages_language(client, spring_conference):
    data = event_json_ld(client, spring_conference["uk"])
    assert [organiser["name"] for organiser in data["organizer"]] == ["Посольство України в Норвегії"]


def test_event_json_ld_places_the_event_at_its_venue(client, spring_conference):
    location = event_json_ld(client, spring_conference["uk"])["location"]
    assert location["@type"] == "Place"
    assert location["name"] == "Oslo rådhus"
    assert location["address"]["addressCountry"] == "NO"
    assert location["geo"] == {"@type": "GeoCoordinates", "latitude": 59.9139, "longitude": 10.7522}


def test_json_ld_cannot_be_broken_out_of(client, event_index):
    event = EventPageFactory(parent=event_index["nb"], slug="slem", title="</script><script>alert(1)</script>")
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
def summer_and_winter(event_index):
    """Two events with one session each at 09:00–10:00 Oslo time, one in summer time, one in winter."""
    index = event_index["nb"]
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
    moments = [moment for moment in moments if first_rule < moment < datetime.datetime(2038, 1, 1)]
    assert len(moments) > 40 * 365, "too few moments to compare"
    wrong = [moment for moment in moments if written.utcoffset(moment) != moment.replace(tzinfo=OSLO).utcoffset()]
    assert wrong == []


def test_registration_attachment_has_whole_days_and_its_own_uids(spring_conference):
    source_page = RegistrationPageFactory(parent=spring_conference["nb"])
    page = translate(source_page, "uk")
    days = list(spring_conference["nb"].days.all())
    registration, _created = register(
        page,
        name="Olena",
        email="olena@example.org",
        language="uk",
        answers={},
        day_keys=[day.translation_key for day in days],
    )
    registration = Registration.objects.get(pk=registration.pk)
    ics = attendance_calendar(registration, registration.day_summary()).to_ical().decode()
    assert "VTIMEZONE" not in ics  # whole days need no time zone
    calendar = vobject.readOne(ics)
    entries = {str(vevent.uid.value): vevent.dtstart.value for vevent in calendar.vevent_list}
    assert entries == {f"day-{day.translation_key}-registration-{registration.pk}@s2pu": day.date for day in days}
    assert all(type(start) is datetime.date for start in entries.values())
