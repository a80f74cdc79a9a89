"""A mail server that hangs holds back mail only: mail has a queue of its own with a worker of its own
(settings.TASK_QUEUES), so the worker for the other tasks (search and reference index updates) runs
them at once while the mail waits, and every mail still arrives exactly once when the server is back.
Visitors register as they do, an editor's page is saved, and each queue's worker runs as production
runs it (`db_worker --queue-name …`)."""

import time

import pytest
from django_tasks_db.models import DBTaskResult

from django.core import mail
from django.core.management import call_command

from home.factories import StandardPageFactory
from outbox.models import OutboundEmail
from tests.events.conftest import post_data
from tests.events.test_mail_worker import SEND_TASK, recover, silent_mail_server  # noqa: F401 (a fixture)
from tests.worker import run_worker

REGISTRATIONS = 3  # two mails each: at EMAIL_TIMEOUT (1 s here) per attempt, a few seconds of hanging


@pytest.fixture
def waiting_work(client, committed_registration_page, silent_mail_server):  # noqa: F811
    """Registrations whose mail is queued while the mail server hangs, and a page an editor saved."""
    page = committed_registration_page
    for number in range(REGISTRATIONS):
        response = client.post(page.url, post_data(page, email=f"person{number}@example.org"))
        assert response.status_code == 303
    StandardPageFactory(parent=page.get_parent().get_parent(), title="Nytt om samarbeidet")
    return page


def test_the_other_tasks_run_while_the_mail_server_hangs(waiting_work, silent_mail_server):  # noqa: F811
    others = DBTaskResult.objects.exclude(task_path=SEND_TASK)
    assert others.filter(task_path__contains="insert_or_update_object").exists()  # the page's search index

    started = time.perf_counter()
    run_worker("default")
    seconds = time.perf_counter() - started

    assert silent_mail_server.connections == 0
    assert seconds < 1.0, f"the other tasks waited {seconds:.1f} s"
    assert set(others.values_list("status", flat=True)) == {"SUCCESSFUL"}
    assert set(OutboundEmail.objects.values_list("status", "attempts")) == {(OutboundEmail.PENDING, 0)}


def test_the_mail_worker_sends_each_mail_exactly_once_when_the_server_is_back(
    waiting_work,
    silent_mail_server,  # noqa: F811
    settings,
):
    run_worker("mail")  # every attempt waits out EMAIL_TIMEOUT
    assert silent_mail_server.connections == 2 * REGISTRATIONS
    assert not mail.outbox
    recover(settings)
    run_worker("mail")
    run_worker("mail")
    call_command("send_pending_mail")
    assert len(mail.outbox) == 2 * REGISTRATIONS
    assert sorted(message.to[0] for message in mail.outbox).count("person0@example.org") == 1
    assert set(OutboundEmail.objects.values_list("status", flat=True)) == {OutboundEmail.SENT}
