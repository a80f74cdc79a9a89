"""What every public form stores beside its own records: the editor's questions (abstract), refused
posts counted per day, and the rate limit's counts per address and window. No personal data."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.forms.models import AbstractFormField
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from ..forms import AUTOCOMPLETE_CHOICES
from ..text import field_key


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
