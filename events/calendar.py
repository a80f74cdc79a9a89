"""iCalendar files for events and sessions, built with the icalendar library.

UIDs come from translation keys, which every language version of a day or session shares. A calendar
app that subscribed in one language and later imports the file in another therefore updates the
entry instead of adding a second copy, and a changed time replaces the old one.
"""

import datetime

import icalendar

from django.http import HttpResponse
from django.utils import timezone
from django.utils.html import strip_tags

UID_DOMAIN = "s2pu"
PRODID = "-//s2pU//Kommunekonferansen//NB"


def _tz():
    return timezone.get_default_timezone()  # Europe/Oslo


def _location(event) -> str:
    return ", ".join(part for part in (event.venue_name, event.venue_address) if part)


def _stamp(event) -> datetime.datetime:
    return event.last_published_at or event.latest_revision_created_at or timezone.now()


def _base_event(event, request, uid: str, summary: str, description: str) -> icalendar.Event:
    vevent = icalendar.Event()
    vevent.add("uid", f"{uid}@{UID_DOMAIN}")
    vevent.add("dtstamp", _stamp(event))
    vevent.add("last-modified", _stamp(event))
    vevent.add("summary", summary)
    if description:
        vevent.add("description", strip_tags(description))
    if _location(event):
        vevent.add("location", _location(event))
    if event.latitude is not None and event.longitude is not None:
        vevent.add("geo", (float(event.latitude), float(event.longitude)))
    vevent.add("url", request.build_absolute_uri(event.get_url(request=request)))
    vevent.add("status", "CANCELLED" if event.status == "cancelled" else "CONFIRMED")
    return vevent


def day_events(event, request) -> list[icalendar.Event]:
    """One VEVENT per day: timed from the first session to the last if the day has a programme,
    otherwise an all-day entry."""
    sessions = list(event.sessions.all())
    result = []
    for day in event.days.all():
        todays = [session for session in sessions if session.date == day.date]
        summary = f"{event.title}: {day.title}" if day.title else event.title
        vevent = _base_event(event, request, f"day-{day.translation_key}", summary, day.description or event.intro)
        if todays:
            vevent.add("dtstart", min(session.starts_at() for session in todays))
            vevent.add("dtend", max(session.ends_at() for session in todays))
        else:
            vevent.add("dtstart", day.date)
            vevent.add("dtend", day.date + datetime.timedelta(days=1))
        result.append(vevent)
    return result


def session_event(event, session, request) -> icalendar.Event:
    description = session.description
    if session.room:
        description = f"{session.room}\n\n{description}".strip()
    vevent = _base_event(event, request, f"session-{session.translation_key}", session.title, description)
    vevent.add("dtstart", session.starts_at())
    vevent.add("dtend", session.ends_at())
    return vevent


def _calendar(name: str) -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", str(_tz()))
    return calendar


def _finish(calendar: icalendar.Calendar) -> icalendar.Calendar:
    # A VTIMEZONE for Europe/Oslo, so that clients without a time-zone database place times right.
    calendar.add_missing_timezones()
    return calendar


def events_calendar(events, request, name: str) -> icalendar.Calendar:
    calendar = _calendar(name)
    for event in events:
        for vevent in day_events(event, request):
            calendar.add_component(vevent)
    return _finish(calendar)


def session_calendar(event, session, request) -> icalendar.Calendar:
    calendar = _calendar(event.title)
    calendar.add_component(session_event(event, session, request))
    return _finish(calendar)


def calendar_response(calendar: icalendar.Calendar, filename: str) -> HttpResponse:
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    # inline: a browser hands it to the calendar app; a subscription reads it either way.
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
