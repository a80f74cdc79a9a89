"""Interest cases: one per submission of the interest form, and the secretariat's work on them.

A case is one record whatever the language it came in: it is stored on the source-language (nb)
form page, and its themes are the themes' stable slugs."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .partnerships import Country
from .snippets import Theme


class OrganisationKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality")
    COUNTY = "county", _("County or oblast")
    ORGANISATION = "organisation", _("Organisation")
    BUSINESS = "business", _("Business")


class CaseStatus(models.TextChoices):
    NEW = "new", _("New")
    IN_DIALOGUE = "in_dialogue", _("In dialogue")
    MATCHED = "matched", _("Matched")
    AGREEMENT_SIGNED = "agreement_signed", _("Agreement signed")
    CLOSED = "closed", _("Closed")


class InterestCase(models.Model):
    """One submission of the interest form, and the secretariat's work on it."""

    page = models.ForeignKey(
        "partnerships.InterestFormPage", verbose_name=_("form"), on_delete=models.PROTECT, related_name="cases"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    organisation = models.CharField(_("organisation"), max_length=200)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    region = models.CharField(_("region"), max_length=100, blank=True)
    contact_person = models.CharField(_("contact person"), max_length=200)
    email = models.EmailField(_("email"), max_length=254, db_index=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    themes_offered = models.JSONField(_("themes it can offer"), default=list, blank=True)
    themes_needed = models.JSONField(_("themes it needs"), default=list, blank=True)
    size = models.PositiveBigIntegerField(_("size"), null=True, blank=True)
    message = models.TextField(_("message"), blank=True)
    contact_language = models.CharField(_("contact language"), max_length=8, choices=settings.WAGTAIL_CONTENT_LANGUAGES)
    language = models.CharField(_("submitted in"), max_length=8, choices=settings.WAGTAIL_CONTENT_LANGUAGES)
    answers = models.JSONField(_("answers"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    consent_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.NEW)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"groups__name": "Secretariat"},
    )
    notes = models.TextField(_("internal notes"), blank=True)
    partner_page = models.ForeignKey(
        "partnerships.PartnerPage",
        verbose_name=_("partner profile"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    wagtail_reference_index_ignore = True
    TRACKED = ("status", "assignee_id", "notes")

    class Meta:
        verbose_name = _("interest case")
        verbose_name_plural = _("interest cases")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.organisation} ({self.get_country_display()})"

    def save(self, *args, changed_by=None, **kwargs):
        """Every change of status, assignee or notes is written to the case's history."""
        before = InterestCase.objects.filter(pk=self.pk).values(*self.TRACKED).first() if self.pk else None
        with transaction.atomic():
            super().save(*args, **kwargs)
            if before is None:
                return
            for name in self.TRACKED:
                old, new = before[name], getattr(self, name)
                if old != new:
                    CaseEvent.objects.create(
                        case=self,
                        user=changed_by,
                        field=name.removesuffix("_id"),
                        old_value=self._describe(name, old),
                        new_value=self._describe(name, new),
                    )

    def _describe(self, name, value) -> str:
        if value in (None, ""):
            return ""
        if name == "status":
            return str(CaseStatus(value).label)
        if name == "assignee_id":
            from django.contrib.auth import get_user_model

            user = get_user_model().objects.filter(pk=value).first()
            return (user.get_full_name() or user.get_username()) if user else str(value)
        return str(value)

    def theme_names(self, slugs) -> str:
        names = dict(Theme.objects.slug_choices(translation.get_language() or settings.LANGUAGE_CODE))
        return ", ".join(str(names.get(slug, slug)) for slug in slugs)


class CaseEvent(models.Model):
    """One change to a case: who, when, which field, from what to what."""

    case = models.ForeignKey(
        InterestCase, verbose_name=_("interest case"), on_delete=models.CASCADE, related_name="events"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)
    field = models.CharField(_("what"), max_length=40)
    old_value = models.TextField(_("before"), blank=True)
    new_value = models.TextField(_("after"), blank=True)

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("case change")
        verbose_name_plural = _("case changes")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.case_id} {self.field}"
