"""A partnership: a Norwegian and a Ukrainian partner working together, one record in every language.

It points at the source-language (nb) partner pages; every view shows the partners in the visitor's
language. Its one piece of text, the agreement's name, keeps its translations beside it."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import PreviewableMixin

from .snippets import SOURCE_LOCALE, Theme, name_theme_choices


class Country(models.TextChoices):
    NORWAY = "NO", _("Norway")
    UKRAINE = "UA", _("Ukraine")
    OTHER = "XX", _("Other country")


class PartnerKind(models.TextChoices):
    NO_MUNICIPALITY = "no_municipality", _("Norwegian municipality")
    NO_COUNTY = "no_county", _("Norwegian county")
    UA_MUNICIPALITY = "ua_municipality", _("Ukrainian municipality (hromada)")
    UA_OBLAST = "ua_oblast", _("Ukrainian oblast")
    ORGANISATION = "organisation", _("Organisation")
    BUSINESS = "business", _("Business")


class PartnershipStatus(models.TextChoices):
    INTEREST = "interest", _("Interest")
    LETTER_OF_INTENT = "letter_of_intent", _("Letter of intent")
    AGREEMENT_SIGNED = "agreement_signed", _("Agreement signed")
    ACTIVE = "active", _("Active")
    ENDED = "ended", _("Ended")


class PartnershipQuerySet(models.QuerySet):
    def public(self):
        """Partnerships whose Norwegian and Ukrainian partner pages are both published and public.

        A partnership linked from an interest case points at a draft profile titled with what a
        visitor typed; nothing of it may show until someone with publish rights publishes that
        profile."""
        partner_page = self.model._meta.get_field("norwegian_partner").related_model
        visible = partner_page.objects.live().public().values("pk")
        return self.filter(norwegian_partner__in=visible, ukrainian_partner__in=visible)


TRANSLATED_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


class BasePartnershipForm(WagtailAdminModelForm):
    """The agreement name in the source language plus one box per translation, kept in name_translations."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # One record for every language: its themes are named in the admin user's language.
        name_theme_choices(self, get_language())
        for code in TRANSLATED_LANGUAGES:
            self.fields[f"name_{code}"].initial = (self.instance.name_translations or {}).get(code, "")

    def save(self, commit=True):
        self.instance.name_translations = {
            code: value for code in TRANSLATED_LANGUAGES if (value := self.cleaned_data.get(f"name_{code}", "").strip())
        }
        return super().save(commit=commit)


# Declared fields, so that the panels may name them; one per language the site translates into.
PartnershipForm = type(BasePartnershipForm)(
    "PartnershipForm",
    (BasePartnershipForm,),
    {
        f"name_{code}": forms.CharField(
            label=format_lazy("{} ({})", _("Agreement name"), language), max_length=200, required=False
        )
        for code, language in settings.WAGTAIL_CONTENT_LANGUAGES
        if code in TRANSLATED_LANGUAGES
    },
)


class Partnership(PreviewableMixin, models.Model):
    """A Norwegian and a Ukrainian partner working together. One record in every language."""

    norwegian_partner = models.ForeignKey(
        "partnerships.PartnerPage",
        verbose_name=_("Norwegian partner"),
        on_delete=models.PROTECT,
        related_name="partnerships_as_norwegian",
        limit_choices_to=SOURCE_LOCALE,
    )
    ukrainian_partner = models.ForeignKey(
        "partnerships.PartnerPage",
        verbose_name=_("Ukrainian partner"),
        on_delete=models.PROTECT,
        related_name="partnerships_as_ukrainian",
        limit_choices_to=SOURCE_LOCALE,
    )
    coordinator = models.ForeignKey(
        "partnerships.PartnerPage",
        verbose_name=_("project manager"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="partnerships_coordinated",
        limit_choices_to=SOURCE_LOCALE,
        help_text=_("An organisation that runs the project for the partners, if any."),
    )
    name = models.CharField(
        _("agreement name"), max_length=200, blank=True, help_text=_("The agreement's own name, if it has one.")
    )
    # The record is one for every language (see the module docstring), so its one piece of text keeps
    # its translations beside it: {"uk": …, "en": …}, edited as one field per language.
    name_translations = models.JSONField(_("agreement name in other languages"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=30, choices=PartnershipStatus.choices, default=PartnershipStatus.INTEREST
    )
    date_signed = models.DateField(_("date signed"), null=True, blank=True)
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes"), blank=True, related_name="partnerships", limit_choices_to=SOURCE_LOCALE
    )
    agreement_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("agreement document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    base_form_class = PartnershipForm
    objects = PartnershipQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("norwegian_partner"), FieldPanel("ukrainian_partner")]),
        FieldPanel("coordinator"),
        MultiFieldPanel(
            [FieldPanel("name"), *(FieldPanel(f"name_{code}") for code in TRANSLATED_LANGUAGES)],
            heading=_("Agreement name"),
        ),
        FieldRowPanel([FieldPanel("status"), FieldPanel("date_signed")]),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("agreement_document"),
    ]

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        ordering = ["-date_signed", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["norwegian_partner", "ukrainian_partner"], name="unique_partner_pair")
        ]

    def __str__(self):
        return f"{self.norwegian_partner.title} – {self.ukrainian_partner.title}"

    def get_preview_template(self, request, mode_name):
        return "partnerships/previews/partnership.html"

    def name_in(self, language: str | None = None) -> str:
        """The agreement's name in `language` (the active one by default), else in the source language."""
        return self.name_translations.get(language or get_language()) or self.name

    def clean(self):
        errors = {}
        if self.norwegian_partner_id and self.norwegian_partner.country != Country.NORWAY:
            errors["norwegian_partner"] = _("Choose a partner in Norway.")
        if self.ukrainian_partner_id and self.ukrainian_partner.country != Country.UKRAINE:
            errors["ukrainian_partner"] = _("Choose a partner in Ukraine.")
        if errors:
            raise ValidationError(errors)
