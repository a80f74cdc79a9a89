"""Places on an event's days: counted once for the three languages (by each day's translation_key),
taken and freed inside one short transaction, with the mail that tells people queued in the same
transaction. On PostgreSQL the event's day rows are locked (`select_for_update`); on SQLite the
IMMEDIATE transaction already lets one writer in at a time."""

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from . import mail
from .models import EventDay, Registration, RegistrationDay
from .places import capacities, confirmed_counts, places_left


def lock_days(day_keys) -> None:
    """Serialise every writer that takes or frees places on these days. On PostgreSQL: row locks on
    every language's copy of the days, always in primary-key order so that two writers never
    deadlock. On SQLite select_for_update does nothing; the IMMEDIATE transaction (settings) that
    the caller is inside already holds the database's write lock."""
    list(EventDay.objects.select_for_update().filter(translation_key__in=day_keys).order_by("pk").values_list("pk"))


def _take(registration: Registration, day_key, left: dict) -> str:
    """Confirm one day if a place is left, else queue. `left` is updated in place."""
    remaining = left.get(day_key)
    if remaining is None or remaining > 0:
        status, position = RegistrationDay.CONFIRMED, None
        if remaining is not None:
            left[day_key] = remaining - 1
    else:
        last = RegistrationDay.objects.filter(day_key=day_key).aggregate(m=Max("position"))["m"] or 0
        status, position = RegistrationDay.WAITING, last + 1
    RegistrationDay.objects.update_or_create(
        registration=registration, day_key=day_key, defaults={"status": status, "position": position}
    )
    return status


def promote(day_key) -> list[Registration]:
    """Give freed places on one day to the first people waiting. Caller holds the lock."""
    capacity = capacities([day_key]).get(day_key)
    waiting = RegistrationDay.objects.filter(day_key=day_key, status=RegistrationDay.WAITING).order_by("position", "pk")
    free = None if capacity is None else capacity - confirmed_counts([day_key]).get(day_key, 0)
    promoted = []
    for row in waiting.select_related("registration"):
        if free is not None and free <= 0:
            break
        row.status, row.position = RegistrationDay.CONFIRMED, None
        row.save(update_fields=["status", "position", "updated_at"])
        promoted.append(row.registration)
        if free is not None:
            free -= 1
    return promoted


def register(page, *, name, email, language, answers, day_keys):
    """Store one registration from `page` (the registration page in any language) and take its places;
    (registration, created). The same email for the same event returns the existing registration and
    sends its manage link again."""
    event = page.source_event
    source_page = page.source_page
    # A day posted twice (days=X&days=X) would take the last place and then queue the same person
    # behind it, leaving the place empty; each day counts once, in the order chosen.
    day_keys = list(dict.fromkeys(day_keys))
    try:
        with transaction.atomic():
            lock_days(day_keys)
            existing = Registration.objects.filter(event=event, email=email).first()
            if existing is None:
                registration = Registration.objects.create(
                    event=event,
                    page=source_page,
                    name=name,
                    email=email,
                    language=language,
                    answers=answers,
                    consent_at=timezone.now(),
                )
                left = places_left(day_keys)
                for key in day_keys:
                    _take(registration, key, left)
                mail.send_registration_mail(registration, "confirmation")
                mail.send_secretariat_mail(registration, "new")
                return registration, True
    except IntegrityError:  # the same email committed a moment earlier by another worker (PostgreSQL)
        existing = Registration.objects.get(event=event, email=email)
    with transaction.atomic():
        mail.send_registration_mail(existing, "manage_link")
    return existing, False


def change_days(registration: Registration, new_keys: set) -> list[Registration]:
    """Set the days a person attends; empty cancels. Freed places go to the first people waiting,
    who are told by email. Returns who was promoted."""
    with transaction.atomic():
        current = {row.day_key: row for row in registration.days.all()}
        active = {key for key, row in current.items() if row.status != RegistrationDay.CANCELLED}
        lock_days(set(current) | new_keys)
        removed = active - new_keys
        added = new_keys - active
        if not removed and not added:
            return []
        for key in removed:
            row = current[key]
            row.status, row.position = RegistrationDay.CANCELLED, None
            row.save(update_fields=["status", "position", "updated_at"])
        left = places_left(added)
        for key in added:
            _take(registration, key, left)
        promoted = []
        for key in removed:
            promoted.extend(promote(key))
        registration.save(update_fields=["updated_at"])
        mail.send_registration_mail(registration, "cancelled" if not new_keys else "confirmation", changed=True)
        mail.send_secretariat_mail(registration, "cancelled" if not new_keys else "changed")
        for person in promoted:
            mail.send_registration_mail(person, "promotion")
    return promoted
