"""The partnership interest form and the secretariat's pipeline of cases.

A municipality, county, organisation or business fills in the form on /nb/, /uk/ or /en/; every
submission becomes one InterestCase on the source-language (nb) page, recording the language it came
in. Themes are stored as their stable slugs, so the cases of all three languages are one dataset.
Form mechanics (consent, honeypot, rate limit, 303, outbox mail, exports) are the core's (home/).
"""

from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractEmailForm
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from home import form_pages, outbox, retention, spam
from home import forms as public_forms
from home.forms import PublicForm, PublicFormBuilder
from home.models import BasePage, FormRejection, OutboundEmail, StableKeyFormField
from home.sites import absolute_url

from .models import Country, PartnerKind, PartnerPage, Partnership, PartnershipsIndexPage, PartnershipStatus, Theme

FORM_NAME = "partnership_interest"
DONE_SALT = "partnerships.interest.done"
# Mail kinds (home.mail), registered in PartnershipsConfig.ready(). Queued mail names them: never rename.
CONFIRMATION_MAIL = "interest.confirmation"
SECRETARIAT_MAIL = "interest.secretariat"
BUILTIN_KEYS = {
    "kind",
    "organisation",
    "country",
    "region",
    "contact_person",
    "email",
    "phone",
    "themes_offered",
    "themes_needed",
    "size",
    "message",
    "contact_language",
    "consent",
    public_forms.HONEYPOT_FIELD,
}


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


class InterestFormField(StableKeyFormField):
    page = ParentalKey("partnerships.InterestFormPage", on_delete=models.CASCADE, related_name="form_fields")

    reserved_keys = frozenset(BUILTIN_KEYS)


class InterestForm(PublicForm):
    def __init__(self, *args, page=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.page = page

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


def theme_choices(language: str) -> list[tuple[str, str]]:
    """(slug, name in `language`) for every live theme, in the editors' order."""
    labels = Theme.objects.labels(language)
    sources = Theme.objects.filter(pk__in=labels).order_by("sort_order", "pk")
    return [(theme.slug, labels[theme.pk].name) for theme in sources]


class InterestFormPage(RoutablePageMixin, AbstractEmailForm, BasePage):
    """Where a municipality, county, organisation or business says it wants a partner."""

    intro = models.TextField(_("introduction"), blank=True)
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Linked from the consent checkbox."),
    )
    thank_you_text = models.TextField(_("text after sending"), blank=True)

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("privacy_page"),
        InlinePanel("form_fields", label=_("Extra questions")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel([FieldPanel("to_address"), FieldPanel("subject")], heading=_("Notify the secretariat")),
    ]
    parent_page_types = ["partnerships.PartnershipsIndexPage"]
    subpage_types = []
    form_builder = PublicFormBuilder
    max_count_per_parent = 1
    template = "partnerships/interest_form_page.html"
    landing_page_template = "partnerships/interest_done.html"

    class Meta:
        verbose_name = _("partnership interest form")

    @cached_property
    def source_page(self) -> "InterestFormPage":
        if self.locale.language_code == settings.LANGUAGE_CODE:
            return self
        source = InterestFormPage.objects.filter(
            translation_key=self.translation_key, locale__language_code=settings.LANGUAGE_CODE
        ).first()
        return source or self

    def get_form_class(self):
        editor_fields = self.form_builder(self.get_form_fields()).formfields
        return type("InterestFormPageForm", (InterestForm,), dict(editor_fields))

    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        themes = theme_choices(self.locale.language_code)
        privacy = self.privacy_page.localized.specific if self.privacy_page_id else None
        builtin_first = {
            "kind": forms.ChoiceField(label=_("We are a"), choices=OrganisationKind.choices, widget=forms.RadioSelect),
            "organisation": forms.CharField(
                label=_("Name of the municipality or organisation"),
                max_length=200,
                widget=forms.TextInput(attrs={"autocomplete": "organization"}),
            ),
            "country": forms.ChoiceField(
                label=_("Country"), choices=Country.choices, widget=forms.Select(attrs={"autocomplete": "country"})
            ),
            "region": forms.CharField(
                label=_("Region (fylke or oblast)"),
                max_length=100,
                required=False,
                widget=forms.TextInput(attrs={"autocomplete": "address-level1"}),
            ),
            "contact_person": forms.CharField(
                label=_("Contact person"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
            ),
            "email": forms.EmailField(
                label=_("Email"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
            ),
            "phone": forms.CharField(
                label=_("Phone"),
                max_length=40,
                required=False,
                widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
            ),
            "themes_offered": forms.MultipleChoiceField(
                label=_("Themes you can offer"), choices=themes, widget=forms.CheckboxSelectMultiple, required=False
            ),
            "themes_needed": forms.MultipleChoiceField(
                label=_("Themes you need"), choices=themes, widget=forms.CheckboxSelectMultiple, required=False
            ),
            "size": forms.IntegerField(
                label=_("Size (population or employees)"), min_value=0, max_value=2_000_000_000, required=False
            ),
            "message": forms.CharField(label=_("Message"), widget=forms.Textarea, max_length=10_000, required=False),
            "contact_language": forms.ChoiceField(
                label=_("Language we should contact you in"),
                choices=settings.LANGUAGES,
                initial=self.locale.language_code,
            ),
        }
        builtin_last = {"consent": public_forms.consent_field(privacy.url if privacy else None)}
        form.fields = {**builtin_first, **form.fields, **builtin_last}
        public_forms.add_spam_defence(form)
        return form

    @path("")
    def index_route(self, request, *args, **kwargs):
        return self.serve_form(request)

    def serve_form(self, request):
        request.sensitive_post_parameters = "__ALL__"
        context = self.get_context(request)
        if request.method == "POST":
            if public_forms.honeypot_tripped(request.POST):
                spam.count_rejection(FORM_NAME, FormRejection.HONEYPOT)
                return spam.rejection_response(request, "honeypot")
            if spam.rate_limited(request, FORM_NAME):
                spam.count_rejection(FORM_NAME, FormRejection.RATE_LIMIT)
                return spam.rejection_response(request, "rate_limit", status=429)
            form = self.get_form(request.POST, page=self, user=request.user)
            if form.is_valid():
                case = submit(self, form.cleaned_data, self.locale.language_code)
                token = signing.dumps(case.pk, salt=DONE_SALT)
                return form_pages.redirect_after_post(
                    self.url + self.reverse_subpage("done") + "?" + urlencode({"c": token})
                )
            context["form"] = form
            return form_pages.personal(TemplateResponse(request, self.get_template(request), context))
        context["form"] = self.get_form(page=self, user=request.user)
        return TemplateResponse(request, self.get_template(request), context)

    @path("done/", name="done")
    def done_route(self, request):
        try:
            pk = signing.loads(request.GET.get("c", ""), salt=DONE_SALT, max_age=60 * 60 * 24)
        except signing.BadSignature:
            case = None
        else:
            case = InterestCase.objects.filter(pk=pk).first()
        context = self.get_context(request)
        context["case"] = case
        return form_pages.personal(TemplateResponse(request, self.get_landing_page_template(request), context))

    def serve_submissions_list_view(self, request, *args, **kwargs):
        """Submissions live in InterestCase, not in Wagtail's FormSubmission, whose list and export
        would be empty. The cases list takes `export` on to the formula-safe export."""
        url = reverse("interest_cases:index")
        if request.GET.get("export") in {"csv", "xlsx"}:
            url += "?" + urlencode({"export": request.GET["export"]})
        return redirect(url)

    def serve_preview(self, request, mode_name):
        context = self.get_context(request)
        if mode_name == "landing":
            return TemplateResponse(request, self.get_landing_page_template(request), context)
        context["form"] = self.get_form(page=self, user=request.user)
        return TemplateResponse(request, self.get_template(request), context)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["index"] = PartnershipsIndexPage.objects.filter(pk=self.get_parent().pk).first()
        return context


class InterestCase(models.Model):
    """One submission of the interest form, and the secretariat's work on it."""

    page = models.ForeignKey(InterestFormPage, verbose_name=_("form"), on_delete=models.PROTECT, related_name="cases")
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
    contact_language = models.CharField(_("contact language"), max_length=8, choices=settings.LANGUAGES)
    language = models.CharField(_("submitted in"), max_length=8, choices=settings.LANGUAGES)
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
        PartnerPage,
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
        names = dict(theme_choices(translation.get_language() or settings.LANGUAGE_CODE))
        return ", ".join(str(names.get(slug, slug)) for slug in slugs)


class CaseEvent(models.Model):
    """One change to a case: who, when, which field, from what to what."""

    case = models.ForeignKey(InterestCase, on_delete=models.CASCADE, related_name="events")
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


# --- Submitting --------------------------------------------------------------------------------


def submit(page: InterestFormPage, data: dict, language: str) -> InterestCase:
    """Store one case on the source page and queue the two mails; the task worker sends them after commit."""
    answers = {key: data.get(key) for key in data if key not in BUILTIN_KEYS}
    with transaction.atomic():
        case = InterestCase.objects.create(
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
        outbox.queue_mail(CONFIRMATION_MAIL, {"pk": case.pk}, reference=reference)
        outbox.queue_mail(SECRETARIAT_MAIL, {"pk": case.pk}, reference=reference)
    return case


def render_confirmation(pk: int) -> dict | None:
    case = InterestCase.objects.filter(pk=pk).first()
    if case is None:
        return None
    with translation.override(case.language):
        context = {
            "case": case,
            "offered": case.theme_names(case.themes_offered),
            "needed": case.theme_names(case.themes_needed),
        }
    return outbox.render_email([case.email], "partnerships/email/interest_confirmation", context, case.language)


def secretariat_addresses(case: InterestCase) -> list[str]:
    if case.page.to_address:
        return [address.strip() for address in case.page.to_address.split(",") if address.strip()]
    fallback = getattr(settings, "REGISTRATION_NOTIFY_EMAIL", "") or settings.DEFAULT_FROM_EMAIL
    return [fallback] if fallback else []


def render_secretariat(pk: int) -> dict | None:
    case = InterestCase.objects.filter(pk=pk).select_related("page").first()
    if case is None:
        return None
    language = settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            "case": case,
            "offered": case.theme_names(case.themes_offered),
            "needed": case.theme_names(case.themes_needed),
            "admin_url": absolute_url(reverse("interest_cases:edit", args=[case.pk])),
        }
    return outbox.render_email(
        secretariat_addresses(case), "partnerships/email/interest_secretariat", context, language
    )


# --- Matching and actions ------------------------------------------------------------------------

OTHER_COUNTRY = {Country.NORWAY: Country.UKRAINE, Country.UKRAINE: Country.NORWAY}


def score(offered: set, needed: set, their_offered: set, their_needed: set) -> dict:
    """Complementary themes (my offers ∩ their needs, my needs ∩ their offers) count two points each,
    any other shared theme one point."""
    gives = offered & their_needed
    gets = needed & their_offered
    shared = (offered | needed) & (their_offered | their_needed)
    other_shared = shared - gives - gets
    return {
        "score": 2 * (len(gives) + len(gets)) + len(other_shared),
        "gives": sorted(gives),
        "gets": sorted(gets),
        "shared": sorted(other_shared),
    }


def suggested_matches(case: InterestCase, limit: int = 10) -> list[dict]:
    """Cases and partner profiles looking for a partner in the other country, best first."""
    other = OTHER_COUNTRY.get(case.country)
    if other is None:
        return []
    offered, needed = set(case.themes_offered), set(case.themes_needed)
    candidates = []
    for other_case in InterestCase.objects.filter(country=other).exclude(status=CaseStatus.CLOSED):
        result = score(offered, needed, set(other_case.themes_offered), set(other_case.themes_needed))
        candidates.append({"kind": "case", "object": other_case, **result})
    partners = PartnerPage.objects.filter(
        country=other, looking_for_partner=True, locale__language_code=settings.LANGUAGE_CODE
    ).prefetch_related("themes_offered", "themes_needed")
    for partner in partners:
        result = score(
            offered,
            needed,
            {theme.slug for theme in partner.themes_offered.all()},
            {theme.slug for theme in partner.themes_needed.all()},
        )
        candidates.append({"kind": "partner", "object": partner, **result})
    candidates = [candidate for candidate in candidates if candidate["score"] > 0]
    candidates.sort(key=lambda candidate: (-candidate["score"], str(candidate["object"])))
    return candidates[:limit]


KIND_TO_PARTNER = {
    (OrganisationKind.MUNICIPALITY, Country.NORWAY): PartnerKind.NO_MUNICIPALITY,
    (OrganisationKind.MUNICIPALITY, Country.UKRAINE): PartnerKind.UA_MUNICIPALITY,
    (OrganisationKind.COUNTY, Country.NORWAY): PartnerKind.NO_COUNTY,
    (OrganisationKind.COUNTY, Country.UKRAINE): PartnerKind.UA_OBLAST,
}


def create_draft_partner(case: InterestCase, user=None) -> PartnerPage:
    """An unpublished partner profile under the nb index, prefilled from the case (once)."""
    if case.partner_page_id:
        return case.partner_page
    index = PartnershipsIndexPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).first()
    if index is None:
        raise ValidationError(_("There is no partnerships index in Norwegian to put the profile under."))
    kind = KIND_TO_PARTNER.get((case.kind, case.country)) or (
        PartnerKind.BUSINESS if case.kind == OrganisationKind.BUSINESS else PartnerKind.ORGANISATION
    )
    page = PartnerPage(
        title=case.organisation,
        kind=kind,
        country=case.country,
        region=case.region,
        population=case.size if case.kind in {OrganisationKind.MUNICIPALITY, OrganisationKind.COUNTY} else None,
        looking_for_partner=True,
        live=False,
    )
    with transaction.atomic():
        index.add_child(instance=page)
        page.themes_offered.set(Theme.objects.filter(slug__in=case.themes_offered, **_source()))
        page.themes_needed.set(Theme.objects.filter(slug__in=case.themes_needed, **_source()))
        page.save_revision(user=user)
        case.partner_page = page
        case.save(changed_by=user)
        CaseEvent.objects.create(case=case, user=user, field="partner_page", new_value=page.title)
    return page


def _source() -> dict:
    return {"locale__language_code": settings.LANGUAGE_CODE}


def link_partnership(case: InterestCase, other, user=None) -> Partnership:
    """A partnership (status interest) between this case and another case or a partner profile of the
    other country. Cases without a profile get a draft one first."""
    mine = create_draft_partner(case, user)
    theirs = create_draft_partner(other, user) if isinstance(other, InterestCase) else other
    if mine.country == theirs.country or {mine.country, theirs.country} != {Country.NORWAY, Country.UKRAINE}:
        raise ValidationError(_("A partnership needs one partner in Norway and one in Ukraine."))
    norwegian, ukrainian = (mine, theirs) if mine.country == Country.NORWAY else (theirs, mine)
    with transaction.atomic():
        partnership, _created = Partnership.objects.get_or_create(
            norwegian_partner=norwegian,
            ukrainian_partner=ukrainian,
            defaults={"status": PartnershipStatus.INTEREST},
        )
        for linked in [case, other] if isinstance(other, InterestCase) else [case]:
            if linked.status in {CaseStatus.NEW, CaseStatus.IN_DIALOGUE}:
                linked.status = CaseStatus.MATCHED
                linked.save(changed_by=user)
            CaseEvent.objects.create(case=linked, user=user, field="partnership", new_value=str(partnership))
    return partnership


# --- Retention ------------------------------------------------------------------------------------


def erase_person(email: str) -> dict:
    """Delete every case (and its history and mail) sent from `email`."""
    email = email.strip().lower()
    cases = list(InterestCase.objects.filter(email__iexact=email))
    for case in cases:
        OutboundEmail.objects.filter(reference=f"interest:{case.pk}").delete()
        case.delete()
    return {"interest cases": len(cases)}


def erase_closed_cases(days: int) -> int:
    """Delete cases closed (and untouched since) `days` or more days ago, with their history and mail.
    Cases that led to a partnership keep living as the partner profile and the partnership."""
    cutoff = retention.retention_cutoff(days)
    due = list(
        InterestCase.objects.filter(status=CaseStatus.CLOSED, updated_at__date__lte=cutoff).values_list("pk", flat=True)
    )
    OutboundEmail.objects.filter(reference__in=[f"interest:{pk}" for pk in due]).delete()
    InterestCase.objects.filter(pk__in=due).delete()
    return len(due)
