"""The programme of an event: its days, its sessions with their speakers, and the log of the changes
made to it after publishing. Days and sessions are the event page's inline items, translated with it."""

import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable, PreviewableMixin, TranslatableMixin
from wagtail_localize.fields import SynchronizedField

from home.models import Person

# The languages a session can be held in; the site's own three.
SESSION_LANGUAGES = [
    ("nb", _("Norwegian")),
    ("uk", _("Ukrainian")),
    ("en", _("English")),
]


class EventDay(TranslatableMixin, Orderable):
    """One day of an event: the one place its date is typed. Its translation_key ties the day together
    across the three languages, so places and registrations are counted once whatever language a
    visitor registers in."""

    page = ParentalKey("events.EventPage", on_delete=models.CASCADE, related_name="days")
    date = models.DateField(_("date"))
    title = models.CharField(_("title or theme"), max_length=255)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("date"), FieldPanel("title"), FieldPanel("description")]
    # One date for all languages: translations copy it and may not change it. (The places on a day are
    # set on the registration form: DayCapacity.)
    override_translatable_fields = [SynchronizedField("date", overridable=False)]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("day")
        verbose_name_plural = _("days")
        ordering = ["sort_order"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d}: {self.title}"


class ProgrammeSession(TranslatableMixin, Orderable, ClusterableModel):
    """One item of the programme. Clusterable so that its speakers are kept in page revisions (and
    so compared when a changed programme is published) rather than written straight to the database."""

    page = ParentalKey("events.EventPage", on_delete=models.CASCADE, related_name="sessions")
    date = models.DateField(_("date"), help_text=_("One of the event's days."))
    start_time = models.TimeField(_("start"))
    end_time = models.TimeField(_("end"))
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    # People are chosen in the source language (each shown once, not once per language); readers see
    # each speaker's record in their own language.
    speakers = ParentalManyToManyField(
        Person,
        verbose_name=_("speakers"),
        blank=True,
        related_name="+",
        limit_choices_to={"locale__language_code": settings.LANGUAGE_CODE},
    )
    room = models.CharField(_("room"), max_length=100, blank=True)
    language = models.CharField(_("language of the session"), max_length=2, choices=SESSION_LANGUAGES, default="nb")
    interpretation = models.BooleanField(
        _("interpretation offered"), default=False, help_text=_("Simultaneous interpretation into other languages.")
    )
    is_example_content = models.BooleanField(
        _("example content"), default=False, help_text=_("Shown to readers as an example, not a real session.")
    )

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("start_time"), FieldPanel("end_time")]),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("speakers", widget=forms.CheckboxSelectMultiple),
        FieldRowPanel([FieldPanel("room"), FieldPanel("language"), FieldPanel("interpretation")]),
        FieldPanel("is_example_content"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["date", "start_time", "sort_order"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.start_time:%H:%M}: {self.title}"

    def clean(self):
        super().clean()
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            raise ValidationError({"end_time": _("The session must end after it starts.")})

    def starts_at(self) -> datetime.datetime:
        return datetime.datetime.combine(self.date, self.start_time, tzinfo=timezone.get_default_timezone())

    def ends_at(self) -> datetime.datetime:
        return datetime.datetime.combine(self.date, self.end_time, tzinfo=timezone.get_default_timezone())


class ProgrammeChange(PreviewableMixin, models.Model):
    """A change to a published programme, recorded when the changed page is published. Written in the
    page's language; editors may reword it in the admin, and see it as readers will before saving."""

    event = models.ForeignKey(
        "events.EventPage", verbose_name=_("event"), on_delete=models.CASCADE, related_name="programme_changes"
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now, db_index=True)
    description = models.TextField(_("description"))

    panels = [FieldPanel("changed_at"), FieldPanel("description")]

    class Meta:
        verbose_name = _("programme change")
        verbose_name_plural = _("programme changes")
        ordering = ["-changed_at", "-pk"]

    def __str__(self):
        return self.description

    def get_preview_template(self, request, mode_name):
        return "events/previews/programme_change.html"

    def get_preview_context(self, request, mode_name):
        return {**super().get_preview_context(request, mode_name), "page": self.event, "changes": [self]}
