"""How many places each day of an event has left, counted once for the three languages (by each
day's translation_key). Read by the form, the mail and the taking of places in `capacity`."""

from django.db.models import Count

from home.i18n import default_locale

from .models import EventDay, RegistrationDay


def capacities(day_keys) -> dict:
    """{day_key: capacity or None} from the source-language days (capacity is not translated)."""
    return capacities_of(EventDay.objects.filter(translation_key__in=day_keys))


def capacities_of(day_versions) -> dict:
    """{day_key: capacity or None} from days in any languages: the source-language day's where it is
    among them."""
    source_locale_id = default_locale().pk
    result = {}
    for day in day_versions:
        if day.translation_key not in result or day.locale_id == source_locale_id:
            result[day.translation_key] = day.capacity
    return result


def confirmed_counts(day_keys) -> dict:
    rows = (
        RegistrationDay.objects.filter(day_key__in=day_keys, status=RegistrationDay.CONFIRMED)
        .values("day_key")
        .annotate(n=Count("pk"))
    )
    return {row["day_key"]: row["n"] for row in rows}


def places_left(day_keys, known_capacities: dict | None = None) -> dict:
    """{day_key: places left, or None for no limit}; `known_capacities` when the caller has read them."""
    counts = confirmed_counts(day_keys)
    by_key = capacities(day_keys) if known_capacities is None else known_capacities
    return {
        key: None if capacity is None else max(capacity - counts.get(key, 0), 0) for key, capacity in by_key.items()
    }
