"""Who registered for an event, whatever language they used, their place on each day, and the places
there are on each day (set on the registration form)."""

import hashlib
import secrets
import uuid

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.models import Locale

from .programme import EventDay


class Registration(models.Model):
    """One person's registration for one event, whatever language they used."""

    event = models.ForeignKey(
        "events.EventPage", verbose_name=_("event"), on_delete=models.PROTECT, related_name="registrations"
    )
    page = models.ForeignKey(
        "events.RegistrationPage",
        verbose_name=_("registration page"),
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.CharField(_("email"), max_length=254)
    language = models.CharField(_("language"), max_length=8, choices=settings.WAGTAIL_CONTENT_LANGUAGES)
    answers = models.JSONField(_("answers"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    consent_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)

    wagtail_reference_index_ignore = True  # personal data, linked from nowhere; saves work per save

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["event", "email"], name="one_registration_per_email")]

    def __str__(self):
        # The name alone: the event's id that followed it read as an unexplained "(15)" in the
        # admin's titles, and the secretariat filters by event anyway.
        return self.name

    @classmethod
    def with_manage_token(cls, token: str):
        """The registration a manage link's token opens, or None (too short to be ours, unknown, or
        anonymised). ManageToken keeps the digests."""
        if len(token) < 20:
            return None
        return cls.objects.filter(
            manage_tokens__digest=ManageToken.digest_of(token), anonymised_at__isnull=True
        ).first()

    def day_summary(self, language: str | None = None) -> list[dict]:
        """[{day, status, status_label, position}] in `language` (the registrant's unless given),
        in day order."""
        locale = Locale.objects.filter(language_code=language).first() if language else None
        if locale is None:  # not a site language (an admin in German, say): the registrant's
            locale = Locale.objects.filter(language_code=self.language).first()
        days = list(EventDay.objects.filter(page__translation_key=self.event.translation_key).select_related("page"))
        by_key = {}
        for day in days:
            if day.translation_key not in by_key or day.locale_id == getattr(locale, "pk", None):
                by_key[day.translation_key] = day
        rows = []
        for row in self.days.all():
            day = by_key.get(row.day_key)
            if day is not None:
                rows.append(
                    {
                        "day": day,
                        "status": row.status,
                        "status_label": row.get_status_display(),
                        "position": row.position,
                    }
                )
        return sorted(rows, key=lambda row: (row["day"].date, row["day"].sort_order or 0))

    def active_day_keys(self) -> set[uuid.UUID]:
        """The days this person still attends or waits for."""
        return {row.day_key for row in self.days.all() if row.status != RegistrationDay.CANCELLED}

    def days_with(self, status: str) -> list[uuid.UUID]:
        return [row.day_key for row in self.days.all() if row.status == status]


class RegistrationDay(models.Model):
    CONFIRMED = "confirmed"
    WAITING = "waiting"
    CANCELLED = "cancelled"
    STATUSES = [(CONFIRMED, _("confirmed")), (WAITING, _("waiting list")), (CANCELLED, _("cancelled"))]

    registration = models.ForeignKey(
        Registration, verbose_name=_("registration"), on_delete=models.CASCADE, related_name="days"
    )
    day_key = models.UUIDField(_("day"), help_text=_("translation_key of the EventDay"))
    status = models.CharField(_("status"), max_length=10, choices=STATUSES)
    position = models.PositiveIntegerField(_("place in the queue"), null=True, blank=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("registered day")
        verbose_name_plural = _("registered days")
        constraints = [models.UniqueConstraint(fields=["registration", "day_key"], name="one_row_per_day")]
        indexes = [models.Index(fields=["day_key", "status", "position"], name="registrationday_queue")]

    def __str__(self):
        return f"{self.day_key} {self.status}"


class ManageToken(models.Model):
    """The key in one mail's link to a registration's manage page. Only its SHA-256 is kept: the
    database, or a backup of it, opens no registration; the link in the person's mailbox does.

    A registration has one per mail that carried a link, each valid until the registration is
    anonymised or erased, so a newer mail never breaks the link of an older one. Looking up by digest
    needs no constant-time comparison: what a timing difference could reveal is about the SHA-256 of
    the guess, which is no step towards a valid token."""

    registration = models.ForeignKey(
        Registration, verbose_name=_("registration"), on_delete=models.CASCADE, related_name="manage_tokens"
    )
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    wagtail_reference_index_ignore = True

    def __str__(self):
        return f"{self.registration_id}:{self.digest[:8]}"

    @staticmethod
    def digest_of(token: str) -> str:
        return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()

    @classmethod
    def issue(cls, registration: Registration) -> str:
        """A new token for `registration`; the caller puts it in a link and nowhere else."""
        token = secrets.token_urlsafe(32)
        cls.objects.create(registration=registration, digest=cls.digest_of(token))
        return token


class DayCapacity(models.Model):
    """The places on one day of an event, set on its registration form. The day is named by its
    translation_key, the same in every language (as RegistrationDay does); a day without a row has no
    limit. Only the source-language form's rows count (events.places): wagtail-localize copies them
    into the translations, which never change them."""

    page = ParentalKey("events.RegistrationPage", on_delete=models.CASCADE, related_name="day_capacities")
    day_key = models.UUIDField(_("day"), help_text=_("translation_key of the EventDay"))
    capacity = models.PositiveIntegerField(_("places"))

    class Meta:
        verbose_name = _("places on a day")
        verbose_name_plural = _("places per day")
        constraints = [models.UniqueConstraint(fields=["page", "day_key"], name="one_capacity_per_day_and_form")]

    def __str__(self):
        return f"{self.day_key}: {self.capacity}"
