"""Every iCalendar file the site writes: the event feeds, one file per session, and the attachment
of a registration mail. Built with the icalendar library.

UIDs are stable and shared by the three language versions (translation keys are), so a calendar
app that imports a file again, in any language, updates its entry instead of adding a copy:

    day-<EventDay.translation_key>@s2pu                                  a conference day (feeds)
    session-<ProgrammeSession.translation_key>@s2pu                      a programme session
    day-<EventDay.translation_key>-registration-<Registration.pk>@s2pu   a day a registrant has a place on

Times are written in Europe/Oslo (DTSTART;TZID=Europe/Oslo:20230829T090000) with one VTIMEZONE
that states the rule, last Sunday of March and of October, as yearly RRULEs. icalendar's own
VTIMEZONE lists every change as RDATEs; Outlook is reported to ignore RDATE there, and vobject
(through dateutil) does too, so a summer morning at 09:00 became 10:00 for them. All-day entries
are plain DATE values with no time zone.
"""

import datetime
from zoneinfo import ZoneInfo

import icalendar

from django.http import HttpResponse
from django.utils import timezone
from django.utils.html import strip_tags

from home.sites import absolute_url

OSLO = ZoneInfo("Europe/Oslo")
UID_DOMAIN = "s2pu"
PRODID = "-//s2pU//Kommunekonferansen//NB"


def oslo_timezone() -> icalendar.Timezone:
    """Europe/Oslo as calendar services export it: the EU rule since 1996, as two yearly RRULEs.
    tests/events/test_calendar.py checks it against the tz database, so a change of rule shows."""
    zone = icalendar.Timezone()
    zone.add("tzid", "Europe/Oslo")
    zone.add("x-lic-location", "Europe/Oslo")
    summer = icalendar.TimezoneDaylight()
    summer.add("tzname", "CEST")
    summer.add("tzoffsetfrom", datetime.timedelta(hours=1))
    summer.add("tzoffsetto", datetime.timedelta(hours=2))
    summer.add("dtstart", datetime.datetime(1996, 3, 31, 2, 0))  # the last Sunday of March 1996
    summer.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1su"})
    winter = icalendar.TimezoneStandard()
    winter.add("tzname", "CET")
    winter.add("tzoffsetfrom", datetime.timedelta(hours=2))
    winter.add("tzoffsetto", datetime.timedelta(hours=1))
    winter.add("dtstart", datetime.datetime(1996, 10, 27, 3, 0))  # the last Sunday of October 1996
    winter.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1su"})
    zone.add_component(summer)
    zone.add_component(winter)
    return zone


def _in_oslo(moment: datetime.datetime) -> datetime.datetime:
    return moment.astimezone(OSLO)


def _location(event) -> str:
    return ", ".join(part for part in (event.venue_name, event.venue_address) if part)


def _stamp(event) -> datetime.datetime:
    return event.last_published_at or event.latest_revision_created_at or timezone.now()


def _base_event(event, url: str, uid: str, summary: str, description: str) -> icalendar.Event:
    vevent = icalendar.Event()
    vevent.add("uid", f"{uid}@{UID_DOMAIN}")
    vevent.add("dtstamp", _stamp(event).astimezone(datetime.UTC))
    vevent.add("last-modified", _stamp(event).astimezone(datetime.UTC))
    vevent.add("summary", summary)
    if description:
        vevent.add("description", strip_tags(description))
    if _location(event):
        vevent.add("location", _location(event))
    if event.latitude is not None and event.longitude is not None:
        vevent.add("geo", (float(event.latitude), float(event.longitude)))
    if url:
        vevent.add("url", url)
    vevent.add("status", "CANCELLED" if event.status == "cancelled" else "CONFIRMED")
    return vevent


def _all_day(vevent: icalendar.Event, date: datetime.date) -> None:
    vevent.add("dtstart", date)
    vevent.add("dtend", date + datetime.timedelta(days=1))


def _timed(vevent: icalendar.Event, start: datetime.datetime, end: datetime.datetime) -> None:
    vevent.add("dtstart", _in_oslo(start))
    vevent.add("dtend", _in_oslo(end))


def _page_url(page, request) -> str:
    return absolute_url(page.get_url(request=request) or "")


def day_events(event, request) -> list[icalendar.Event]:
    """One VEVENT per day: timed from the first session to the last if the day has a programme,
    otherwise an all-day entry."""
    sessions = list(event.sessions.all())
    url = _page_url(event, request)
    result = []
    for day in event.days.all():
        todays = [session for session in sessions if session.date == day.date]
        summary = f"{event.title}: {day.title}" if day.title else event.title
        vevent = _base_event(event, url, f"day-{day.translation_key}", summary, day.description or event.intro)
        if todays:
            _timed(vevent, min(s.starts_at() for s in todays), max(s.ends_at() for s in todays))
        else:
            _all_day(vevent, day.date)
        result.append(vevent)
    return result


def session_event(event, session, request) -> icalendar.Event:
    description = session.description
    if session.room:
        description = f"{session.room}\n\n{description}".strip()
    url = _page_url(event, request)
    vevent = _base_event(event, url, f"session-{session.translation_key}", session.title, description)
    _timed(vevent, session.starts_at(), session.ends_at())
    return vevent


def registered_day_event(day, registration_pk: int) -> icalendar.Event:
    """An all-day entry for one day a registrant has a place on, in the day's language."""
    event = day.page
    summary = f"{event.title}: {day.title}" if day.title else event.title
    uid = f"day-{day.translation_key}-registration-{registration_pk}"
    vevent = _base_event(event, _page_url(event, None), uid, summary, day.description)
    _all_day(vevent, day.date)
    return vevent


def _calendar(name: str, method: str = "") -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Oslo")
    return calendar


def _with_events(calendar: icalendar.Calendar, vevents) -> icalendar.Calendar:
    vevents = list(vevents)
    if any(isinstance(vevent.decoded("dtstart"), datetime.datetime) for vevent in vevents):
        calendar.add_component(oslo_timezone())  # RFC 5545: before the events that refer to it
    for vevent in vevents:
        calendar.add_component(vevent)
    return calendar


def events_calendar(events, request, name: str) -> icalendar.Calendar:
    return _with_events(_calendar(name), (vevent for event in events for vevent in day_events(event, request)))


def session_calendar(event, session, request) -> icalendar.Calendar:
    return _with_events(_calendar(event.title), [session_event(event, session, request)])


def registration_calendar(name: str, days, registration_pk: int) -> icalendar.Calendar:
    """The mail attachment: the days (EventDay, in the registrant's language) they have a place on."""
    return _with_events(_calendar(name, method="PUBLISH"), [registered_day_event(day, registration_pk) for day in days])


def calendar_response(calendar: icalendar.Calendar, filename: str) -> HttpResponse:
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    # inline: a browser hands it to the calendar app; a subscription reads it either way.
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
