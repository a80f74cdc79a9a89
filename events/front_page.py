"""The front page's conference section: the next conference with its dates and, while registration is
open, a register button; the last conference when none is coming. Registered in EventsConfig.ready()."""

from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.i18n import default_locale, fallback_url, source_of

from .models import EventPage, RegistrationPage

SECTION_KEY = "next-conference"


def events_in_language(home):
    """Live events on `home`'s site in its language, each with the first and last day of its source
    (nb) page, which decides when it takes place whatever a translation says."""
    sources = EventPage.objects.filter(translation_key=OuterRef("translation_key"), locale=default_locale())
    return (
        EventPage.objects.live()
        .public()
        .descendant_of(home)
        .filter(locale_id=home.locale_id)
        .annotate(
            first_day=Coalesce(Subquery(sources.values("start_date")[:1]), "start_date"),
            last_day=Coalesce(Subquery(sources.values("end_date")[:1]), "end_date"),
        )
        .select_related("locale")
    )


def next_or_last_event(home, today):
    events = events_in_language(home)
    upcoming = events.filter(last_day__gte=today).order_by("first_day", "pk").first()
    return upcoming or events.filter(last_day__lt=today).order_by("-last_day", "-pk").first()


def build_next_conference(home, request, pinned=None) -> dict | None:
    today = timezone.localdate()
    event = pinned if isinstance(pinned, EventPage) else next_or_last_event(home, today)
    if event is None:
        return None
    source = source_of(event)
    registration = event.registration_page()
    registration_url = ""
    if registration is not None:
        registration = registration.specific
        if isinstance(registration, RegistrationPage):
            # Asked now so that the cached section can tell at any moment whether registration is
            # open (RegistrationPage.is_open reads the source page's times and the source event's
            # dates) without a query.
            registration.source_page  # noqa: B018
            registration.source_event  # noqa: B018
            if registration.locale_id == home.locale_id:
                registration_url = registration.get_url(request=request)
            else:
                registration_url = fallback_url(registration, home.locale.language_code, request)
        else:
            registration = None
    return {
        "event": event,
        "first_day": source.start_date,
        "last_day": source.end_date,
        "upcoming": source.end_date >= today,
        "event_url": event.get_url(request=request),
        "programme_url": event.programme_url(request),
        "registration": registration,
        "registration_url": registration_url,
    }


def register():
    from home.front_page import register_front_page_section

    register_front_page_section(
        SECTION_KEY,
        _("Next conference"),
        build_next_conference,
        "events/front_page/next_conference.html",
        order=10,
        pin_types=["events.EventPage"],
    )
