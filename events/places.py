"""How many places each day of an event has left, counted once for the three languages (by each
day's translation_key). The places are set on the source-language registration form (DayCapacity);
read by the form, the mail and the taking of places in `capacity`."""

from django.conf import settings
from django.db.models import Count

from .models import DayCapacity, RegistrationDay


def capacities(day_keys) -> dict:
    """{day_key: capacity or None} as the source-language registration forms set them."""
    day_keys = list(day_keys)
    rows = DayCapacity.objects.filter(day_key__in=day_keys, page__locale__language_code=settings.LANGUAGE_CODE)
    found = dict(rows.values_list("day_key", "capacity"))
    return {key: found.get(key) for key in day_keys}


def capacities_of(source_page, day_keys) -> dict:
    """{day_key: capacity or None} from one source-language registration form: the rows it holds, in
    memory when it is a preview."""
    found = {row.day_key: row.capacity for row in source_page.day_capacities.all()}
    return {key: found.get(key) for key in day_keys}


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
