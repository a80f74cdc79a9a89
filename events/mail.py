"""The registration's mail: its kinds (outbox.kinds), queued through the outbox inside the transaction
that changed the registration, and rendered by the task worker after commit, in the registrant's
language (the Secretariat's in the source language), with the days' calendar attached."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from home.sites import absolute_url
from home.text import field_key
from outbox import delivery

from . import calendar
from .models import ManageToken, Registration, RegistrationDay
from .places import places_left

# Registered in EventsConfig.ready(). Queued mail names them: never rename.
REGISTRANT_MAIL = "registration.registrant"
SECRETARIAT_MAIL = "registration.secretariat"


def manage_url(registration: Registration) -> str:
    """A link with a new token, made when the mail is rendered: the only place the token is kept."""
    page = registration.page
    base = page.localized_url(page, registration.language)
    token = ManageToken.issue(registration)
    return base.rstrip("/") + "/" + page.reverse_subpage("manage", args=[token]).lstrip("/")


def attendance_calendar(registration: Registration, days: list[dict]):
    """The days this person has a confirmed place on, for the mail attachment."""
    confirmed = [row["day"] for row in days if row["status"] == RegistrationDay.CONFIRMED]
    name = confirmed[0].page.title if confirmed else registration.event.title
    return calendar.registration_calendar(name, confirmed, registration.pk)


def send_registration_mail(registration: Registration, kind: str, **extra) -> None:
    """Queue one mail to the registrant, in their language, rendered after commit (outside the
    locks on the event's days). Call inside the transaction."""
    delivery.queue_mail(
        REGISTRANT_MAIL,
        {"pk": registration.pk, "kind": kind, **extra},
        reference=f"registration:{registration.pk}",
    )


def render_registration_mail(pk: int, kind: str, **extra) -> dict | None:
    registration = (
        Registration.objects.filter(pk=pk, anonymised_at__isnull=True).select_related("event", "page").first()
    )
    if registration is None:  # erased or anonymised before the mail went out
        return None
    with translation.override(registration.language):
        days = registration.day_summary()
        context = {
            "registration": registration,
            "event": registration.page.event.localized,
            "days": days,
            "manage_url": manage_url(registration),
            "has_waiting": any(row["status"] == RegistrationDay.WAITING for row in days),
            "has_confirmed": any(row["status"] == RegistrationDay.CONFIRMED for row in days),
            **extra,
        }
    if kind == "confirmation" and not context["has_confirmed"] and context["has_waiting"]:
        kind = "waiting"
    attachments = []
    if kind in {"confirmation", "promotion"} and context["has_confirmed"]:
        attachments.append(
            {
                "filename": f"{field_key(registration.event.slug or 'event')}.ics",
                "content": attendance_calendar(registration, days).to_ical().decode(),
                "mimetype": "text/calendar",
            }
        )
    return delivery.render_email(
        [registration.email],
        f"events/email/{kind}",
        context,
        registration.language,
        attachments=attachments,
        reply_to=registration.event.contact_email,
    )


def send_secretariat_mail(registration: Registration, kind: str) -> None:
    delivery.queue_mail(
        SECRETARIAT_MAIL,
        {"pk": registration.pk, "kind": kind},
        reference=f"registration:{registration.pk}",
    )


def render_secretariat_mail(pk: int, kind: str) -> dict | None:
    registration = (
        Registration.objects.filter(pk=pk, anonymised_at__isnull=True).select_related("event", "page").first()
    )
    if registration is None:
        return None
    language = settings.LANGUAGE_CODE
    with translation.override(language):
        days = registration.day_summary()
        left = places_left([row["day"].translation_key for row in days])
        for row in days:
            row["left"] = left.get(row["day"].translation_key)
        context = {
            "registration": registration,
            "event": registration.event,
            "days": days,
            "kind": kind,
            "admin_url": absolute_url(reverse("registrations:index")),
        }
    addresses = registration.page.secretariat_addresses()
    if not addresses:
        return None
    return delivery.render_email(addresses, "events/email/secretariat", context, language)
