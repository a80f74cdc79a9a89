"""The outbox: every mail the site sends is a row here first, written in the transaction that causes
it, and sent by the task worker (outbox/delivery.py)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import models
from django.utils.translation import gettext_lazy as _


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
        # The table it had in the core, before the outbox became an app of its own: moving a model
        # between apps keeps its rows (outbox/migrations/0001_initial.py).
        db_table = "home_outboundemail"
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
