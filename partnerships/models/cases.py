"""Interest cases: one per submission of the interest form, and the secretariat's work on them.

A case is one record whatever the language it came in: it is stored on the source-language (nb)
form page, and its themes are the themes' stable slugs."""

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from outbox import delivery

from .partnerships import Country, Partnership
from .snippets import Theme

# Mail kinds (outbox.kinds) queued for each submission, rendered by partnerships.mail and registered in
# PartnershipsConfig.ready(). Queued mail names them: never rename.
CONFIRMATION_MAIL = "interest.confirmation"
SECRETARIAT_MAIL = "interest.secretariat"


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
        """Every change of status, assignee or notes is written to the case's history: the status as
        its code (shown in the reader's language, CaseEvent), the assignee by name."""
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

    @classmethod
    def submit(cls, page, data: dict, answers: dict, language: str) -> "InterestCase":
        """One case from the interest form `page` (in any language), stored on the source page, with
        the two mails queued; the task worker sends them after commit."""
        with transaction.atomic():
            case = cls.objects.create(
                page=page.source_page,
                kind=data["kind"],
                organisation=data["organisation"],
                country=data["country"],
                region=data.get("region") or "",
                contact_person=data["contact_person"],
                email=data["email"],
                phone=data.get("phone") or "",
                themes_offered=list(data.get("themes_offered") or []),
                themes_needed=list(data.get("themes_needed") or []),
                size=data.get("size"),
                message=data.get("message") or "",
                contact_language=data["contact_language"],
                language=language,
                answers=answers,
                consent_at=timezone.now(),
            )
            reference = f"interest:{case.pk}"
            delivery.queue_mail(CONFIRMATION_MAIL, {"pk": case.pk}, reference=reference)
            delivery.queue_mail(SECRETARIAT_MAIL, {"pk": case.pk}, reference=reference)
        return case

    def _describe(self, name, value) -> str:
        if value in (None, ""):
            return ""
        if name == "assignee_id":
            from django.contrib.auth import get_user_model

            from wagtail.admin.utils import get_user_display_name

            user = get_user_model().objects.filter(pk=value).first()
            return get_user_display_name(user) if user else str(value)
        return str(value)

    def theme_names(self, slugs) -> str:
        return theme_names(slugs)

    @property
    def place(self) -> str:
        """Where the organisation is, as people write it: "Nordland, Norway"."""
        return ", ".join(part for part in (self.region, str(self.get_country_display())) if part)


def theme_names(slugs) -> str:
    """Themes' names in the active language, from their stable slugs (unknown slugs as they are)."""
    names = dict(Theme.objects.slug_choices(translation.get_language() or settings.LANGUAGE_CODE))
    return ", ".join(str(names.get(slug, slug)) for slug in slugs or ())


def status_label(value: str) -> str:
    """A case status as the reader's language names it, from its code, or from the label that rows
    written before codes were stored hold (in the language of whoever made the change)."""
    if value in CaseStatus.values:
        return str(CaseStatus(value).label)
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            by_label = {str(status.label): status for status in CaseStatus}
        if value in by_label:
            return str(by_label[value].label)
    return value


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

    # What a row's `field` names, besides the case's own fields.
    OTHER_LABELS = {"partnership": Partnership._meta.verbose_name}

    @property
    def field_label(self) -> str:
        """The changed field as the admin names it, in the reader's language ("Partner profile")."""
        try:
            label = InterestCase._meta.get_field(self.field).verbose_name
        except FieldDoesNotExist:
            label = self.OTHER_LABELS.get(self.field, self.field)
        return capfirst(label)

    def describe(self, value: str) -> str:
        return status_label(value) if self.field == "status" and value else value

    @property
    def old_display(self) -> str:
        return self.describe(self.old_value)

    @property
    def new_display(self) -> str:
        return self.describe(self.new_value)
