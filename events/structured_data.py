"""schema.org Event data for an event page (https://schema.org/Event), as search engines read it."""

import datetime

from django.utils import timezone

from home.sites import absolute_url

STATUS = {
    "scheduled": "https://schema.org/EventScheduled",
    "postponed": "https://schema.org/EventPostponed",
    "cancelled": "https://schema.org/EventCancelled",
}
ATTENDANCE = {
    "offline": "https://schema.org/OfflineEventAttendanceMode",
    "online": "https://schema.org/OnlineEventAttendanceMode",
    "mixed": "https://schema.org/MixedEventAttendanceMode",
}


def _start_and_end(event):
    """Times of the first and last session when there is a programme, else whole dates."""
    sessions = event.session_list()
    if not sessions:
        return event.start_date.isoformat(), event.end_date.isoformat()
    tz = timezone.get_default_timezone()
    first = min(datetime.datetime.combine(s.date, s.start_time, tzinfo=tz) for s in sessions)
    last = max(datetime.datetime.combine(s.date, s.end_time, tzinfo=tz) for s in sessions)
    return first.isoformat(), last.isoformat()


def event_json_ld(event, request, organisers=None) -> dict:
    start, end = _start_and_end(event)
    organisers = event.organiser_list() if organisers is None else organisers
    address = {"@type": "PostalAddress", "addressCountry": "NO"}
    if event.venue_address:
        address["streetAddress"] = event.venue_address
    place = {"@type": "Place", "name": event.venue_name or event.venue_address, "address": address}
    if event.latitude is not None and event.longitude is not None:
        place["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(event.latitude),
            "longitude": float(event.longitude),
        }
    if event.venue_map_url:
        place["hasMap"] = event.venue_map_url
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "startDate": start,
        "endDate": end,
        "inLanguage": event.locale.language_code,
        "eventStatus": STATUS.get(event.status, STATUS["scheduled"]),
        "eventAttendanceMode": ATTENDANCE.get(event.attendance_mode, ATTENDANCE["offline"]),
        "location": place,
        "organizer": [
            {
                "@type": "Organization",
                "name": organisation.name,
                **({"url": organisation.url} if organisation.url else {}),
            }
            for organisation in organisers
        ],
        "url": absolute_url(event.get_url(request=request)),
    }
    description = event.search_description or event.intro or event.theme
    if description:
        data["description"] = description
    if event.hero_image_id:
        data["image"] = absolute_url(event.hero_image.get_rendition("fill-1200x630").url)
    return data
