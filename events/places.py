"""How many places each day of an event has left, counted once for the three languages (by each
day's translation_key). Read by the form, the mail and the taking of places in `capacity`."""

from django.conf import settings
from django.db.models import Count

from .models import EventDay, RegistrationDay


def capacities(day_keys) -> dict:
    """{day_key: capacity or None} from the source-language days (capacity is not translated)."""
    result = {}
    for day in EventDay.objects.filter(translation_key__in=day_keys).select_related("locale"):
        if day.translation_key not in result or day.locale.language_code == settings.LANGUAGE_CODE:
            result[day.translation_key] = day.capacity
    return result


def confirmed_counts(day_keys) -> dict:
    rows = (
        RegistrationDay.objects.filter(day_key__in=day_keys, status=RegistrationDay.CONFIRMED)
        .values("day_key")
        .annotate(n=Count("pk"))
    )
    return {row["day_key"]: row["n"] for row in rows}


def places_left(day_keys) -> dict:
    """{day_key: places left, or None for no limit}."""
    counts = confirmed_counts(day_keys)
    return {
        key: None if capacity is None else max(capacity - counts.get(key, 0), 0)
        for key, capacity in capacities(day_keys).items()
    }
