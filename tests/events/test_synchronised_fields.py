"""Opening and closing times, dates and places per day are one value for all three languages."""

import datetime

import pytest

from django.utils import timezone

from wagtail_localize.fields import SynchronizedField, get_translatable_fields

from events.models import EventDay, EventPage, RegistrationPage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("model", "name"),
    [
        (RegistrationPage, "opens_at"),
        (RegistrationPage, "closes_at"),
        (RegistrationPage, "day_capacities"),
        (EventDay, "date"),
        (EventPage, "start_date"),
        (EventPage, "end_date"),
    ],
    ids=lambda value: getattr(value, "__name__", value),
)
def test_translators_cannot_override_them(model, name):
    fields = {field.field_name: field for field in get_translatable_fields(model)}
    assert isinstance(fields[name], SynchronizedField)
    assert not fields[name].is_overridable(model())


def test_a_translation_not_yet_synced_follows_the_source_times(client, conference):
    source, translated = conference["nb"]["page"], conference["uk"]["page"]
    source.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    source.save_revision().publish()
    assert translated.closes_at is None  # its own copy still says open
    assert not translated.is_open()
    response = client.get(translated.url)
    assert response.context["closed"] and "form" not in response.context
