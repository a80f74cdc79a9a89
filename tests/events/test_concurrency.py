"""Capacity is never exceeded when many people take the last places at once (SQLite and PostgreSQL).

The rows are committed for real so that every thread, on its own connection, sees them; the test
removes what it created, so that the demo tree other tests share stays as it was."""

import datetime
import threading
import uuid

import pytest

from django.db import connection, connections

from wagtail.models import Locale, Page

from events.capacity import change_days, register
from events.factories import EventDayFactory, EventPageFactory, RegistrationPageFactory
from events.models import Registration, RegistrationDay
from outbox.models import OutboundEmail

THREADS = 20
CAPACITY = 5
REGISTRATIONS_AT_ONCE = 24


@pytest.fixture
def committed_event(transactional_db, django_db_serialized_rollback):
    # Committed for real (no wrapping transaction); the serialized rollback brings back the migrated
    # rows (root page, locales, content types) even when a browser test in this worker flushed them.
    locale, _created = Locale.objects.get_or_create(language_code="nb")
    root = Page.get_first_root_node()
    start = datetime.date.today() + datetime.timedelta(days=30)
    event = EventPageFactory(
        parent=root, title=f"Last {uuid.uuid4().hex[:8]}", start_date=start, end_date=start, locale=locale
    )
    day = EventDayFactory(page=event, date=start, locale=locale)
    page = RegistrationPageFactory(parent=event, locale=locale, places={day: CAPACITY})
    try:
        yield page, day
    finally:
        ids = list(Registration.objects.filter(event=event).values_list("pk", flat=True))
        OutboundEmail.objects.filter(reference__in=[f"registration:{pk}" for pk in ids]).delete()
        Registration.objects.filter(pk__in=ids).delete()
        Page.objects.get(pk=event.pk).delete()


def run_at_once(target, count):
    barrier = threading.Barrier(count)
    errors = []

    def worker(n):
        try:
            barrier.wait()
            target(n)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors


def test_last_places_are_never_oversold(committed_event, django_db_blocker):
    page, day = committed_event
    key = day.translation_key

    def take(n):
        register(page, name=f"P{n}", email=f"p{n}@example.org", language="nb", answers={}, day_keys=[key])

    with django_db_blocker.unblock():
        run_at_once(take, THREADS)
        rows = RegistrationDay.objects.filter(day_key=key)
        assert rows.count() == THREADS
        assert rows.filter(status=RegistrationDay.CONFIRMED).count() == CAPACITY
        positions = sorted(rows.filter(status=RegistrationDay.WAITING).values_list("position", flat=True))
        assert positions == list(range(1, THREADS - CAPACITY + 1))

        # Everyone confirmed cancels at once: exactly CAPACITY people are promoted, in queue order.
        confirmed = list(Registration.objects.filter(days__day_key=key, days__status=RegistrationDay.CONFIRMED))
        run_at_once(lambda n: change_days(Registration.objects.get(pk=confirmed[n].pk), set()), CAPACITY)
        assert rows.filter(status=RegistrationDay.CONFIRMED).count() == CAPACITY
        assert sorted(rows.filter(status=RegistrationDay.WAITING).values_list("position", flat=True)) == list(
            range(CAPACITY + 1, THREADS - CAPACITY + 1)
        )


def test_same_email_at_once_makes_one_registration(committed_event, django_db_blocker):
    page, day = committed_event

    def take(n):
        register(page, name="Same", email="same@example.org", language="uk", answers={}, day_keys=[day.translation_key])

    with django_db_blocker.unblock():
        run_at_once(take, 10)
        assert Registration.objects.filter(email="same@example.org").count() == 1
        assert connection.vendor in {"sqlite", "postgresql"}


def test_registrations_at_once_on_a_sqlite_database_url_all_succeed(
    committed_registration_page, django_db_blocker, monkeypatch, tmp_path
):
    """DATABASE_URL=sqlite:///… used to drop IMMEDIATE and the busy timeout: 18 of 24 concurrent
    registrations got a 500 "database is locked". Every thread's connection here is opened with the
    options the settings build from such a URL."""
    from django.test import Client

    from tests.config.test_settings import database_settings_from_url
    from tests.events.conftest import post_data

    if connection.vendor != "sqlite":
        pytest.skip("a SQLite configuration")
    configured = database_settings_from_url(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    # The dict every new connection (one per thread) is opened with; the test database's name stays.
    settings_dict = connections["default"].settings_dict
    monkeypatch.setitem(settings_dict, "OPTIONS", configured.get("OPTIONS", {}))
    monkeypatch.setitem(settings_dict, "ATOMIC_REQUESTS", configured.get("ATOMIC_REQUESTS", False))
    page = committed_registration_page
    statuses = []

    def register_by_post(n):
        statuses.append(Client().post(page.url, post_data(page, email=f"p{n}@example.org")).status_code)

    with django_db_blocker.unblock():
        run_at_once(register_by_post, REGISTRATIONS_AT_ONCE)
        assert statuses == [303] * REGISTRATIONS_AT_ONCE
        assert Registration.objects.filter(page=page).count() == REGISTRATIONS_AT_ONCE


@pytest.mark.django_db
def test_places_left_without_days_is_empty():
    """Also makes pytest-django set up the test database when this module runs on its own: the tests
    above commit for real and so carry no django_db marker."""
    from events.places import places_left

    assert places_left([]) == {}
