"""Form mechanics shared by every public form (conference registration, partnership interest):
consent, honeypot, per-address rate limit, post/redirect/get, mail through an outbox that a task
worker sends (never the web request), exports that cannot carry formulas, and retention helpers.

Why hand-written: wagtail-honeypot drops suspected spam silently (a false positive is a lost
registration), django-ratelimit refuses the local-memory and file caches of the embedded default, and
Wagtail's own form mail is sent inside the request and fails it when the mail server is down
(docs: reference/security.md §0 items 4, 8, 9). What is here is small and tested in tests/home.

Personal data never goes to a log: log lines name the form, the outbox row id and the error class.
"""

import csv
import datetime
import enum
import hashlib
import io
import logging
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from django_tasks import task
from django_tasks_db import DatabaseBackend

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import DatabaseError, IntegrityError, models, transaction
from django.db.models import F
from django.http import HttpResponse, HttpResponseRedirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.forms.models import AbstractFormField
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from .forms import AUTOCOMPLETE_CHOICES
from .mail import renderer_for
from .text import field_key

logger = logging.getLogger("s2pu.forms")

HONEYPOT_FIELD = "s2pu_website_check"
MAX_SEND_ATTEMPTS = 20


class StableKeyFormField(TranslatableMixin, AbstractFormField):
    """A question an editor adds to a public form. Its key comes from the Norwegian label and is
    copied, never translated, into the uk and en pages, so answers from every language share one
    column. Subclasses add the ParentalKey `page` and name the keys their form builds in."""

    reserved_keys: frozenset = frozenset()
    reserved_message = _("This question is built into the form; choose another label.")

    autocomplete = models.CharField(
        _("autofill"),
        max_length=40,
        blank=True,
        choices=AUTOCOMPLETE_CHOICES,
        help_text=_(
            "What the answer is, so that browsers can fill it in. Choose it for every question about the "
            "person filling in the form."
        ),
    )
    panels = [*AbstractFormField.panels, FieldPanel("autocomplete")]

    translatable_fields = [
        TranslatableField("label"),
        TranslatableField("help_text"),
        TranslatableField("choices"),
        TranslatableField("default_value"),
        SynchronizedField("clean_name", overridable=False),
        SynchronizedField("field_type", overridable=False),
        SynchronizedField("required", overridable=False),
        SynchronizedField("autocomplete", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["sort_order"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def get_field_clean_name(self):
        return field_key(self.label)

    def clean(self):
        super().clean()
        if (self.clean_name or self.get_field_clean_name()) in self.reserved_keys:
            raise ValidationError({"label": self.reserved_message})


# --- Fields ---------------------------------------------------------------------------------------


# How long one answer may be. Wagtail caps single-line answers at 255 characters and nothing else, so a
# multi-line answer took 1.5 MB. The caps are generous for people and small for a database row.
def consent_field(privacy_url: str | None) -> forms.BooleanField:
    """A required consent checkbox whose label links the privacy page when there is one."""
    if privacy_url:
        label = format_html(
            '{} <a href="{}">{}</a>',
            _("I agree that my answers are stored and used to handle this form, as described in the"),
            privacy_url,
            _("privacy statement"),
        )
    else:
        label = _("I agree that my answers are stored and used to handle this form.")
    return forms.BooleanField(
        label=label,
        required=True,
        error_messages={"required": _("Please give your consent, or we cannot store your answers.")},
    )


class HoneypotInput(forms.TextInput):
    """A text box that people never see: hidden by CSS (not `type=hidden`, which bots skip) and
    left out of autofill and the tab order, so that a filled box means a bot."""

    def __init__(self):
        super().__init__(attrs={"autocomplete": "off", "tabindex": "-1", "class": "form-honeypot__input"})


def honeypot_field() -> forms.CharField:
    return forms.CharField(
        label=_("Leave this box empty"),
        required=False,
        strip=False,
        widget=HoneypotInput(),
    )


def add_spam_defence(form: forms.Form) -> None:
    form.fields[HONEYPOT_FIELD] = honeypot_field()


def honeypot_tripped(data) -> bool:
    return bool(data.get(HONEYPOT_FIELD))


# --- Rejections: counted, logged without personal data, shown to the visitor ----------------------


class FormRejection(models.Model):
    """How many posts a form refused per day and why. No address, no answers: only counts."""

    HONEYPOT = "honeypot"
    RATE_LIMIT = "rate_limit"
    REASONS = [(HONEYPOT, _("hidden field filled in")), (RATE_LIMIT, _("too many posts from one address"))]

    form = models.CharField(_("form"), max_length=100)
    reason = models.CharField(_("reason"), max_length=20, choices=REASONS)
    day = models.DateField(_("day"))
    count = models.PositiveIntegerField(_("count"), default=0)

    wagtail_reference_index_ignore = True

    class Meta:
        app_label = "home"
        verbose_name = _("refused form post")
        verbose_name_plural = _("refused form posts")
        constraints = [models.UniqueConstraint(fields=["form", "reason", "day"], name="unique_rejection_per_day")]

    def __str__(self):
        return f"{self.form} {self.reason} {self.day}: {self.count}"


def count_rejection(form_name: str, reason: str) -> None:
    logger.warning("form post refused: form=%s reason=%s", form_name, reason)
    key = {"form": form_name[:100], "reason": reason, "day": timezone.localdate()}
    with transaction.atomic():
        if FormRejection.objects.filter(**key).update(count=F("count") + 1):
            return
        try:
            with transaction.atomic():
                FormRejection.objects.create(count=1, **key)
        except IntegrityError:  # another worker created today's row first
            FormRejection.objects.filter(**key).update(count=F("count") + 1)


def rejection_response(request, reason: str, contact_email: str = "", status: int = 400):
    """A neutral page in the visitor's language: the post was not accepted, and how to reach a person.
    Never a "thank you": a real person caught by mistake must know that nothing was stored."""
    return TemplateResponse(
        request,
        "components/form_rejected.html",
        {"reason": reason, "contact_email": contact_email or settings.DEFAULT_FROM_EMAIL},
        status=status,
    )


# --- Rate limit --------------------------------------------------------------------------------


def client_key(request) -> str:
    """The visitor's address, hashed with the secret key so that no IP address is stored."""
    address = request.META.get("REMOTE_ADDR", "")
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]


class RateLimitHit(models.Model):
    """How many posts one (hashed) address made to one form in one fixed window. Rows of finished
    windows are deleted as new windows start; no address is stored, only its keyed hash."""

    form = models.CharField(_("form"), max_length=100)
    client = models.CharField(_("client"), max_length=64, help_text=_("Keyed hash of the address."))
    window_start = models.DateTimeField(_("window start"), db_index=True)
    count = models.PositiveIntegerField(_("count"), default=0)

    wagtail_reference_index_ignore = True

    class Meta:
        app_label = "home"
        verbose_name = _("form posts from one address")
        verbose_name_plural = _("form posts from one address")
        constraints = [
            models.UniqueConstraint(fields=["form", "client", "window_start"], name="unique_rate_limit_window")
        ]

    def __str__(self):
        return f"{self.form} {self.window_start:%Y-%m-%d %H:%M}: {self.count}"


def rate_limited(request, form_name: str) -> bool:
    """True when this address has posted more than FORM_RATE_LIMIT times to this form within the
    current FORM_RATE_LIMIT_WINDOW seconds (fixed windows, aligned to the clock). Behind a proxy,
    REMOTE_ADDR must be the client's address.

    Counted in the database, not the cache: the file cache's add and incr are a read then a write, so
    concurrent workers both read 20 and both write 21 (40 posts at once all got through a limit of
    20), and a cache-only path would differ between the embedded default and production. One
    UPDATE ... SET count = count + 1 is atomic in SQLite and PostgreSQL, on one machine or many,
    and the count read back in the same transaction is this post's own, because the row stays
    locked until commit. It costs one small write per post to a public form, which writes anyway."""
    limit = getattr(settings, "FORM_RATE_LIMIT", 0)
    if not limit:
        return False
    window = max(int(getattr(settings, "FORM_RATE_LIMIT_WINDOW", 600)), 1)
    now = int(timezone.now().timestamp())
    start = datetime.datetime.fromtimestamp(now - now % window, tz=datetime.UTC)
    key = {"form": form_name[:100], "client": client_key(request), "window_start": start}
    first_in_window = False
    with transaction.atomic():
        if not RateLimitHit.objects.filter(**key).update(count=F("count") + 1):
            try:
                with transaction.atomic():
                    RateLimitHit.objects.create(count=1, **key)
                first_in_window = True
            except IntegrityError:  # another worker counted this address's first post a moment earlier
                RateLimitHit.objects.filter(**key).update(count=F("count") + 1)
        count = RateLimitHit.objects.filter(**key).values_list("count", flat=True).get()
    if first_in_window:
        forget_finished_windows(start)
    return count > limit


def forget_finished_windows(current_start: datetime.datetime) -> None:
    """Delete the counts of windows that have ended. Outside the counting transaction, so that two
    workers clearing at once never hold each other's rows; a failure here only leaves rows for the
    next one to clear."""
    try:
        with transaction.atomic():
            RateLimitHit.objects.filter(window_start__lt=current_start).delete()
    except DatabaseError as error:
        logger.warning("old rate-limit counts not cleared: error=%s", type(error).__name__)


# --- Post/redirect/get ---------------------------------------------------------------------------


def personal(response: HttpResponse) -> HttpResponse:
    """Keep a page that shows what a person sent (a done page, a form echoed back with errors) out
    of every shared and browser cache, so that the next user of a shared computer or a proxy never
    gets it."""
    add_never_cache_headers(response)
    return response


def redirect_after_post(url: str) -> HttpResponseRedirect:
    """303 See Other: the browser follows with a GET, so a refresh never posts again."""
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response


# --- Outbox: mail written in the submission's transaction, sent by a task worker, retried --------


class OutboundEmail(models.Model):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    STATUSES = [(PENDING, _("waiting to be sent")), (SENDING, _("being sent")), (SENT, _("sent"))]

    to = models.TextField(_("to"), help_text=_("Addresses, one a line."))
    subject = models.CharField(_("subject"), max_length=300)
    body_text = models.TextField(_("plain text"))
    body_html = models.TextField(_("HTML"), blank=True)
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    reply_to = models.CharField(_("reply to"), max_length=254, blank=True)
    kind = models.CharField(
        _("kind"),
        max_length=100,
        blank=True,
        help_text=_("Which kind of mail this is; it is rendered when it is sent."),
    )
    arguments = models.JSONField(_("arguments"), default=dict, blank=True)
    reference = models.CharField(
        _("reference"), max_length=100, blank=True, db_index=True, help_text=_("What the mail is about.")
    )
    status = models.CharField(_("status"), max_length=10, choices=STATUSES, default=PENDING, db_index=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    wagtail_reference_index_ignore = True

    class Meta:
        app_label = "home"
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"#{self.pk} {self.status}"

    def build_message(self) -> EmailMultiAlternatives:
        message = EmailMultiAlternatives(
            subject=self.subject,
            body=self.body_text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[address for address in self.to.splitlines() if address],
            reply_to=[self.reply_to] if self.reply_to else None,
        )
        if self.body_html:
            message.attach_alternative(self.body_html, "text/html")
        for attachment in self.attachments:
            message.attach(attachment["filename"], attachment["content"], attachment["mimetype"])
        return message


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
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body_text = render_to_string(f"{template}.txt", context)
        body_html = render_to_string(f"{template}.html", context)
    return {
        "to": "\n".join(address for address in to if address),
        "subject": subject[:300],
        "body_text": body_text,
        "body_html": body_html,
        "attachments": list(attachments),
        "reply_to": reply_to,
    }


def queue_email(
    to: Sequence[str],
    template: str,
    context: dict,
    language: str,
    reference: str = "",
    attachments: Iterable[dict] = (),
    reply_to: str = "",
) -> OutboundEmail | None:
    """Write a rendered mail to the outbox in the caller's transaction; a task worker sends it once
    that commits. A mail server that is down or hangs leaves the row pending and retried."""
    if not any(to):
        return None
    fields = render_email(to, template, context, language, attachments, reply_to)
    email = OutboundEmail.objects.create(reference=reference[:100], **fields)
    enqueue_delivery(email.pk)
    return email


def queue_rendered_later(kind: str, arguments: dict, reference: str = "") -> OutboundEmail:
    """Write a mail of a registered `kind` (home.mail) to the outbox, rendered by the worker when it
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


# Ahead of Wagtail's own tasks (search and reference index updates; a page import queues hundreds):
# a person waiting for their confirmation should not wait behind them.
MAIL_TASK_PRIORITY = 50


@task(priority=MAIL_TASK_PRIORITY)
def send_outbound_email(pk: int) -> str:
    """The worker's task (`manage.py db_worker`): send one outbox row; after a failure, schedule the
    next attempt with a growing delay. Its only argument is the row's id, so the task queue holds
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


# --- Exports that cannot carry formulas ------------------------------------------------------------

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
EXPORT_HELP_TEXT = _(
    "Exports cannot carry spreadsheet formulas: in CSV, a value that starts with = + - @ or a tab "
    "gets a leading apostrophe (so a phone number +47 … shows as '+47 …); in XLSX every value is "
    "written as text."
)
_XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def neutralise(value) -> str:
    """The value as CSV text that no spreadsheet will run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([neutralise(cell) for cell in header])
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    # A byte-order mark so that Excel reads UTF-8 (Cyrillic, æøå) correctly.
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(filename: str, header: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for row_number, row in enumerate([header, *rows], start=1):
        for column, value in enumerate(row, start=1):
            text = _XLSX_ILLEGAL.sub("", "" if value is None else str(value))
            cell = sheet.cell(row=row_number, column=column, value=text)
            cell.data_type = "s"  # never "f": a value starting with = stays text
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


# --- Retention ----------------------------------------------------------------------------------


def retention_cutoff(days: int, today: datetime.date | None = None) -> datetime.date:
    """Records about something that ended on or before this date are past their retention period."""
    return (today or timezone.localdate()) - datetime.timedelta(days=days)


def anonymised_email(pk: int) -> str:
    """A placeholder that keeps unique constraints on (event, email) satisfied after anonymising."""
    return f"anonymised-{pk}@invalid.invalid"


def erase_outbox(email: str) -> int:
    """Delete every outbox row addressed to `email`, sent or not."""
    email = email.strip().lower()
    ids = [row.pk for row in OutboundEmail.objects.only("pk", "to") if email in row.to.lower().splitlines()]
    return OutboundEmail.objects.filter(pk__in=ids).delete()[0]
