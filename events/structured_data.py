"""schema.org Event data for an event page (https://schema.org/Event), as search engines read it."""

from django.apps import apps
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


def event_json_ld(event, request) -> dict:
    details = event.kept_details(request)
    # The times of the first and last session when there is a programme, else whole dates.
    start, end = details.programme_span or (event.start_date, event.end_date)
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
        "startDate": start.isoformat(),
        "endDate": end.isoformat(),
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
            for organisation in details.organisers
        ],
        "url": absolute_url(event.get_url(request=request)),
    }
    description = event.search_description or event.intro or event.theme
    if description:
        data["description"] = description
    if offer := registration_offer(event, details.registration_page, request):
        data["offers"] = offer
    if event.hero_image_id:
        data["image"] = absolute_url(event.hero_image.get_rendition("fill-1200x630").url)
    return data


def registration_offer(event, registration_page, request) -> dict | None:
    """The registration as an Offer while it can still be taken (open now or opening later); none for
    an event that has ended or whose registration has closed, which invites no one."""
    # The model by its label, as a foreign key names it: the registration page's module imports the
    # event page, which calls this one.
    registration_page_model = apps.get_model("events", "RegistrationPage")
    registration = registration_page.specific if registration_page is not None else None
    if not isinstance(registration, registration_page_model) or event.has_ended():
        return None
    closes = registration.closes()
    if timezone.now() >= closes:
        return None
    offer = {
        "@type": "Offer",
        "url": absolute_url(registration.get_url(request=request)),
        "availability": "https://schema.org/InStock",
        "validThrough": closes.isoformat(),
    }
    if registration.source_page.opens_at:
        offer["validFrom"] = registration.source_page.opens_at.isoformat()
    return offer
