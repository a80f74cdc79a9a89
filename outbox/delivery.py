"""Queueing and sending mail: a web request writes an outbox row (outbox.models.OutboundEmail) in its
own transaction and hands its id to the task worker; the worker renders it by its kind (outbox/kinds.py)
and sends it, retrying with a growing delay. A mail server that is down or hangs never slows, fails
or duplicates a submission. Log lines name the row, its kind and the error class, never a person.
"""

import datetime
import enum
import logging
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from django_tasks import task
from django_tasks_db import DatabaseBackend

from django.db import transaction
from django.db.models import F
from django.template import Context, Engine
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .kinds import renderer_for
from .models import OutboundEmail

logger = logging.getLogger("s2pu.mail")

MAX_SEND_ATTEMPTS = 20


def render_text(template_name: str, context: dict) -> str:
    """A plain-text template rendered without HTML escaping: a subject or a text body is no HTML, and
    escaping put "&quot;" and "&gt;" where a name had quotes."""
    return Engine.get_default().get_template(template_name).render(Context(context, autoescape=False))


def render_email(
    to: Sequence[str],
    template: str,
    context: dict,
    language: str,
    attachments: Iterable[dict] = (),
    reply_to: str = "",
) -> dict:
    """The fields of one mail: `template` names `<template>_subject.txt`, `<template>.txt` and
    `<template>.html`, rendered in `language`."""
    context = {**context, "LANGUAGE_CODE": language}
    with translation.override(language):
        subject = " ".join(render_text(f"{template}_subject.txt", context).split())
        body_text = render_text(f"{template}.txt", context)
        body_html = render_to_string(f"{template}.html", context)
    return {
        "to": "\n".join(address for address in to if address),
        "subject": subject[:300],
        "body_text": body_text,
        "body_html": body_html,
        "attachments": list(attachments),
        "reply_to": reply_to,
    }


def queue_mail(kind: str, arguments: dict, reference: str = "") -> OutboundEmail:
    """Write a mail of a registered `kind` (outbox.kinds) to the outbox, rendered by the worker when it
    sends it: the row is written in the caller's transaction (so the mail can never be lost), the
    rendering runs later, outside the locks that the transaction holds. `arguments` must be JSON."""
    renderer_for(kind)  # an unregistered kind is a programming error: fail where it is written
    email = OutboundEmail.objects.create(
        to="", subject="", body_text="", kind=kind, arguments=arguments, reference=reference[:100]
    )
    enqueue_delivery(email.pk)
    return email


def enqueue_delivery(pk: int) -> None:
    """Hand one outbox row to the task worker; a web request never talks to the mail server.

    With the database task backend the task row is written in the caller's transaction, beside the
    outbox row: both or neither, and no second write transaction (on SQLite each is another turn at
    the one write lock). Any other backend is given the task after commit, so that a worker never
    looks for a row that is not there yet. If handing over fails, the row stays pending for
    `send_pending_mail` (cron); the submission is never failed for it."""

    def enqueue():
        try:
            with transaction.atomic():
                send_outbound_email.enqueue(pk)
        except Exception as error:  # noqa: BLE001 - the submission is stored; cron sends the mail
            logger.warning("mail not queued for the worker: outbox=%s error=%s", pk, type(error).__name__)

    if isinstance(send_outbound_email.get_backend(), DatabaseBackend):
        enqueue()
    else:
        transaction.on_commit(enqueue)


class Delivery(enum.Enum):
    """What one attempt to send an outbox row came to."""

    SENT = "sent"
    FAILED = "failed"  # still pending, tried again later
    SKIPPED = "skipped"  # not pending any more: another run is sending it, or has sent it
    NOTHING_TO_SEND = "nothing to send"  # its subject is gone (erased, anonymised) before it went out


def send_queued(pk: int) -> Delivery:
    """Send one outbox row if it is still pending. Claiming the row first (pending → sending in one
    UPDATE) means that two workers, or a worker and the cron command, never both send it."""
    now = timezone.now()
    if not OutboundEmail.objects.filter(pk=pk, status=OutboundEmail.PENDING).update(
        status=OutboundEmail.SENDING, claimed_at=now, attempts=F("attempts") + 1
    ):
        return Delivery.SKIPPED
    email = OutboundEmail.objects.get(pk=pk)
    try:
        if email.kind and not email.body_text:
            fields = renderer_for(email.kind)(**email.arguments)
            if not fields or not fields["to"]:
                OutboundEmail.objects.filter(pk=pk).update(
                    status=OutboundEmail.SENT, sent_at=timezone.now(), last_error="nothing to send"
                )
                return Delivery.NOTHING_TO_SEND
            for name, value in fields.items():
                setattr(email, name, value)
            email.save(update_fields=[*fields])
        email.build_message().send()
    except Exception as error:  # any backend or rendering error: keep the row for a retry
        # The class and the kind only: an SMTP error's text can quote the addresses.
        logger.warning("mail not sent: outbox=%s kind=%s error=%s", pk, email.kind, type(error).__name__)
        OutboundEmail.objects.filter(pk=pk).update(
            status=OutboundEmail.PENDING, last_error=f"{type(error).__name__}: {error}"[:500]
        )
        return Delivery.FAILED
    OutboundEmail.objects.filter(pk=pk).update(status=OutboundEmail.SENT, sent_at=timezone.now(), last_error="")
    return Delivery.SENT


def retry_delay(attempts: int) -> datetime.timedelta:
    """1, 2, 4 … minutes after each failed attempt, at most an hour: MAX_SEND_ATTEMPTS attempts span
    about 14 hours, long enough to outlast a mail server's bad night."""
    return datetime.timedelta(minutes=min(2 ** max(attempts - 1, 0), 60))


# A queue of its own, with a worker of its own (settings.TASK_QUEUES): a mail server that hangs costs
# EMAIL_TIMEOUT per attempt, and with hundreds of mail queued that held back every other task (search
# index updates) for hours; and a page import's hundreds of index updates never delay a confirmation.
MAIL_QUEUE = "mail"


@task(queue_name=MAIL_QUEUE)
def send_outbound_email(pk: int) -> str:
    """The mail worker's task (`manage.py db_worker --queue-name mail`): send one outbox row; after a
    failure, schedule the next attempt with a growing delay. Its only argument is the row's id, so the task queue holds
    no personal data. Renaming this function strands the queued tasks (their rows stay pending and
    `send_pending_mail` sends them), so keep its name."""
    outcome = send_queued(pk)
    if outcome is Delivery.FAILED:
        schedule_retry(pk)
    return outcome.value


def schedule_retry(pk: int) -> None:
    attempts = OutboundEmail.objects.filter(pk=pk).values_list("attempts", flat=True).first()
    if attempts is None or attempts >= MAX_SEND_ATTEMPTS:
        return
    if not send_outbound_email.get_backend().supports_defer:
        return  # a backend that runs tasks at once would retry in a tight loop: cron retries instead
    try:
        send_outbound_email.using(run_after=timezone.now() + retry_delay(attempts)).enqueue(pk)
    except Exception as error:  # noqa: BLE001 - the row is pending; cron sends it
        logger.warning("mail retry not queued: outbox=%s error=%s", pk, type(error).__name__)


class SendReport(NamedTuple):
    sent: int
    failed: int  # still pending: tried again later
    skipped: int  # nothing for this run to do: another run had it, or nothing is left to send
    waiting: int  # pending, but its next attempt is not due yet (retry_delay)


def send_pending(
    everything: bool = False, stale_after: datetime.timedelta = datetime.timedelta(minutes=15)
) -> SendReport:
    """The cron safety net beside the task worker: send every pending mail whose next attempt is due
    (or, with `everything`, every pending mail now, as after repairing the mail server), and put back
    any row stuck in "sending" longer than `stale_after`, left by a worker that died mid-send. It
    keeps the worker's back-off, or a cron run every few minutes would spend all MAX_SEND_ATTEMPTS
    of a row within the first two hours of an outage."""
    now = timezone.now()
    OutboundEmail.objects.filter(status=OutboundEmail.SENDING, claimed_at__lt=now - stale_after).update(
        status=OutboundEmail.PENDING
    )
    outcomes = Counter()
    pending = OutboundEmail.objects.filter(status=OutboundEmail.PENDING, attempts__lt=MAX_SEND_ATTEMPTS)
    for pk, attempts, last_attempt in pending.values_list("pk", "attempts", "claimed_at"):
        if not everything and attempts and last_attempt and last_attempt + retry_delay(attempts) > now:
            outcomes["waiting"] += 1
        else:
            outcomes[send_queued(pk)] += 1
    return SendReport(
        sent=outcomes[Delivery.SENT],
        failed=outcomes[Delivery.FAILED],
        skipped=outcomes[Delivery.SKIPPED] + outcomes[Delivery.NOTHING_TO_SEND],
        waiting=outcomes["waiting"],
    )


def erase_outbox(email: str) -> int:
    """Delete every outbox row addressed to `email`, sent or not."""
    email = email.strip().lower()
    ids = [row.pk for row in OutboundEmail.objects.only("pk", "to") if email in row.to.lower().splitlines()]
    return OutboundEmail.objects.filter(pk__in=ids).delete()[0]
