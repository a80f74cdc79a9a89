"""A mail server that accepts connections but never answers holds no web request: registering and
cancelling answer at once, the outbox rows wait, and the task worker sends each mail exactly once
when the server is back. Runs with the database task backend and the real worker (`db_worker`)."""

import datetime
import time

import pytest
from django_tasks_db.models import DBTaskResult

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from events.models import ManageToken, Registration
from outbox.models import OutboundEmail
from tests.events.broken_mail import SilentMailServer
from tests.events.conftest import post_data
from tests.worker import run_worker

# A functional bound, not a benchmark: the request must not wait for the mail server at all, where
# it used to wait EMAIL_TIMEOUT per mail.
ANSWERS_WITHIN = 1.0
SEND_TASK = "outbox.delivery.send_outbound_email"


@pytest.fixture
def silent_mail_server(settings):
    """SMTP to a server that never answers, and tasks queued in the database for the worker."""
    server = SilentMailServer()
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": settings.TASK_QUEUES}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_TIMEOUT = 1
    yield server
    server.close()


def recover(settings):
    """The mail server is back, and the retry delay has passed."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())


def timed_post(client, url, data):
    started = time.perf_counter()
    response = client.post(url, data)
    return response, time.perf_counter() - started


def test_registration_answers_at_once_while_the_mail_server_hangs_and_the_worker_sends_later(
    client, committed_registration_page, silent_mail_server, settings
):
    page = committed_registration_page
    assert client.get(page.url).status_code == 200  # the form, as a browser fetches it first

    response, seconds = timed_post(client, page.url, post_data(page))
    assert response.status_code == 303
    assert seconds < ANSWERS_WITHIN, f"the registration took {seconds:.2f} s"
    assert silent_mail_server.connections == 0  # the request never talked to the mail server
    registration = Registration.objects.get()
    rows = OutboundEmail.objects.filter(reference=f"registration:{registration.pk}")
    assert [(row.kind, row.status, row.attempts) for row in rows] == [
        ("registration.registrant", OutboundEmail.PENDING, 0),
        ("registration.secretariat", OutboundEmail.PENDING, 0),
    ]
    assert DBTaskResult.objects.filter(task_path=SEND_TASK, status="READY").count() == 2

    # The worker tries while the server still hangs: it waits out EMAIL_TIMEOUT, keeps the rows
    # pending with the reason, and schedules the next attempt a minute later.
    run_worker()
    assert silent_mail_server.connections == 2
    assert not mail.outbox
    for row in rows.all():
        assert (row.status, row.attempts) == (OutboundEmail.PENDING, 1)
        assert "timed out" in row.last_error
    retries = DBTaskResult.objects.filter(task_path=SEND_TASK, status="READY")
    assert retries.count() == 2
    for retry in retries:
        assert timezone.now() + datetime.timedelta(seconds=50) < retry.run_after
        assert retry.run_after < timezone.now() + datetime.timedelta(seconds=70)

    recover(settings)
    run_worker()
    assert sorted(message.to[0] for message in mail.outbox) == ["olena@example.org", "sekretariat@s2pu.example"]
    assert all(row.status == OutboundEmail.SENT and row.attempts == 2 for row in rows.all())

    # Exactly once: neither the worker nor the cron safety net sends it again.
    run_worker()
    call_command("send_pending_mail")
    assert len(mail.outbox) == 2


def test_cancel_via_the_manage_link_answers_at_once_while_the_mail_server_hangs(
    client, committed_registration_page, silent_mail_server, settings
):
    page = committed_registration_page
    client.post(page.url, post_data(page))
    registration = Registration.objects.get()
    token = ManageToken.issue(registration)
    assert client.get(page.url + page.reverse_subpage("manage", args=[token])).status_code == 200

    response, seconds = timed_post(client, page.url + page.reverse_subpage("cancel", args=[token]), {})
    assert response.status_code == 303
    assert seconds < ANSWERS_WITHIN, f"the cancel took {seconds:.2f} s"
    assert silent_mail_server.connections == 0
    assert OutboundEmail.objects.filter(status=OutboundEmail.PENDING).count() == 4  # 2 on registering, 2 on cancelling

    recover(settings)
    run_worker()
    subjects = sorted((message.to[0], message.subject) for message in mail.outbox)
    assert len(subjects) == 4
    assert [to for to, _subject in subjects].count("olena@example.org") == 2
    assert not OutboundEmail.objects.exclude(status=OutboundEmail.SENT).exists()
    run_worker()
    assert len(mail.outbox) == 4
