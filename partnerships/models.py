"""Partner profiles, the partnerships between them, and the stories of what came of them.

Pages (PartnerPage, StoryPage) are translated like every page. Themes are a translatable snippet.
A Partnership is one record whatever the language: it points at the source-language (nb) partner
pages, and every view shows the partner in the visitor's language through `localized`.
"""

from django import forms
from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.text import format_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import path
from wagtail.fields import StreamField
from wagtail.models import DraftStateMixin, RevisionMixin, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from home.models import BasePage, LocalisedSnippetQuerySet
from home.routes import LocalisedRoutablePageMixin, localised_path, romanised

from .blocks import StoryStreamBlock

SOURCE_LOCALE = {"locale__language_code": settings.LANGUAGE_CODE}


class ThemeQuerySet(LocalisedSnippetQuerySet):
    def labels(self, language_code: str | None = None) -> dict[int, "Theme"]:
        """{source theme pk: the theme in the active language, else the source theme}, in one query.

        Pages and partnerships relate to the source-language theme; this turns those into what a
        reader in `language_code` should see."""
        language_code = language_code or get_language()
        rows = list(
            self.filter(live=True, locale__language_code__in={language_code, settings.LANGUAGE_CODE})
            .select_related("locale")
            .order_by("sort_order", "pk")
        )
        by_key: dict = {}
        for theme in rows:
            by_key.setdefault(theme.translation_key, {})[theme.locale.language_code] = theme
        result = {}
        for versions in by_key.values():
            source = versions.get(settings.LANGUAGE_CODE)
            if source is not None:
                result[source.pk] = versions.get(language_code) or source
        return result


class Theme(DraftStateMixin, RevisionMixin, TranslatableMixin, models.Model):
    """What partners work on together: local democracy, education, health, energy and heating …"""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("key"),
        max_length=60,
        help_text=_("Stable ASCII key used in filter addresses; the same in every language."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = ThemeQuerySet.as_manager()
    override_translatable_fields = [SynchronizedField("slug"), SynchronizedField("sort_order")]
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="partnership_theme")
    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    @property
    def revisions(self):
        return self._revisions


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


class PartnershipsIndexPage(LocalisedRoutablePageMixin, BasePage):
    """Partners at its own address, stories at historier/ (uk istorii/, en stories/), the map and
    figures at oversikt/ (ohliad/, overview/), and the open data at data/partners/json/,
    data/partners/csv/, data/partnerships/json/ and data/partnerships/csv/ (Wagtail's page URLs allow
    no dot, so no ".json" suffix). The data addresses are the same in every language: programs read
    them, and a program should not need to know the reader's language to find them."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["partnerships.PartnerPage", "partnerships.StoryPage", "partnerships.InterestFormPage"]

    class Meta:
        verbose_name = _("partnerships index")

    @path("")
    def partners_view(self, request):
        from . import views

        return views.partner_list(request, self)

    @localised_path({"nb": "historier/", "uk": romanised("історії"), "en": "stories/"})
    def stories_view(self, request):
        from . import views

        return views.story_list(request, self)

    @localised_path({"nb": "oversikt/", "uk": romanised("огляд"), "en": "overview/"})
    def overview_view(self, request):
        from . import views

        return views.overview(request, self)

    @path("data/partners/<str:fmt>/")
    def partners_data_view(self, request, fmt):
        from . import views

        return views.partners_data(request, self, fmt)

    @path("data/partnerships/<str:fmt>/")
    def partnerships_data_view(self, request, fmt):
        from . import views

        return views.partnerships_data(request, self, fmt)

    def sub_url(self, name: str) -> str:
        return self.url + self.reverse_subpage(name)

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        # The stories and the map and figures are pages of their own for readers and search engines.
        return urls + [
            {**url, "location": url["location"] + self.reverse_subpage(name)}
            for name in ("stories_view", "overview_view")
            for url in urls
        ]


class PartnerPage(BasePage):
    kind = models.CharField(_("kind"), max_length=30, choices=PartnerKind.choices)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    region = models.CharField(_("region (fylke or oblast)"), max_length=100, blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("coat of arms or logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    website = models.URLField(_("website"), blank=True)
    contact_email = models.EmailField(_("public contact email"), blank=True)
    contact_phone = models.CharField(_("public contact phone"), max_length=40, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    description = StreamField(StoryStreamBlock(), blank=True, verbose_name=_("description"))
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    themes_offered = ParentalManyToManyField(
        Theme,
        verbose_name=_("themes it can offer"),
        blank=True,
        related_name="partners_offering",
        limit_choices_to=SOURCE_LOCALE,
    )
    themes_needed = ParentalManyToManyField(
        Theme,
        verbose_name=_("themes it needs"),
        blank=True,
        related_name="partners_needing",
        limit_choices_to=SOURCE_LOCALE,
    )
    looking_for_partner = models.BooleanField(_("looking for a partner"), default=False)

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldRowPanel([FieldPanel("country"), FieldPanel("region")]),
                FieldPanel("population"),
            ],
            heading=_("Who"),
        ),
        FieldPanel("logo"),
        FieldPanel("summary"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("website"), FieldPanel("contact_email"), FieldPanel("contact_phone")], heading=_("Contact")
        ),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")], heading=_("Coordinates")),
        MultiFieldPanel(
            [
                FieldPanel("themes_offered", widget=forms.CheckboxSelectMultiple),
                FieldPanel("themes_needed", widget=forms.CheckboxSelectMultiple),
                FieldPanel("looking_for_partner"),
            ],
            heading=_("Themes"),
        ),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("description"),
        index.FilterField("country"),
        index.FilterField("kind"),
    ]
    parent_page_types = ["partnerships.PartnershipsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    @property
    def source(self) -> "PartnerPage":
        """This partner in the source language, which partnerships point at."""
        if self.locale.language_code == settings.LANGUAGE_CODE:
            return self
        return PartnerPage.objects.filter(translation_key=self.translation_key, **SOURCE_LOCALE).first() or self

    def partnerships(self):
        source = self.source
        return (
            Partnership.objects.public()
            .filter(Q(norwegian_partner=source) | Q(ukrainian_partner=source) | Q(coordinator=source))
            .select_related("norwegian_partner", "ukrainian_partner", "coordinator", "agreement_document")
            .order_by("-date_signed", "pk")
        )

    def get_context(self, request, *args, **kwargs):
        from .views import describe_partnerships

        context = super().get_context(request, *args, **kwargs)
        partnerships = list(self.partnerships())
        context["partnerships"] = describe_partnerships(partnerships, self.locale)
        labels = Theme.objects.labels(self.locale.language_code)
        context["themes_offered"] = [labels[t.pk] for t in self.themes_offered.all() if t.pk in labels]
        context["themes_needed"] = [labels[t.pk] for t in self.themes_needed.all() if t.pk in labels]
        context["index"] = self.get_parent().specific
        return context


class PartnershipQuerySet(models.QuerySet):
    def public(self):
        """Partnerships whose Norwegian and Ukrainian partner pages are both published and public.

        A partnership linked from an interest case points at a draft profile titled with what a
        visitor typed; nothing of it may show until someone with publish rights publishes that
        profile."""
        visible = PartnerPage.objects.live().public().values("pk")
        return self.filter(norwegian_partner__in=visible, ukrainian_partner__in=visible)


TRANSLATED_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


class BasePartnershipForm(WagtailAdminModelForm):
    """The agreement name in the source language plus one box per translation, kept in name_translations."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
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
        for code, language in settings.LANGUAGES
        if code in TRANSLATED_LANGUAGES
    },
)


class Partnership(models.Model):
    """A Norwegian and a Ukrainian partner working together. One record in every language."""

    norwegian_partner = models.ForeignKey(
        PartnerPage,
        verbose_name=_("Norwegian partner"),
        on_delete=models.PROTECT,
        related_name="partnerships_as_norwegian",
        limit_choices_to=SOURCE_LOCALE,
    )
    ukrainian_partner = models.ForeignKey(
        PartnerPage,
        verbose_name=_("Ukrainian partner"),
        on_delete=models.PROTECT,
        related_name="partnerships_as_ukrainian",
        limit_choices_to=SOURCE_LOCALE,
    )
    coordinator = models.ForeignKey(
        PartnerPage,
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


class StoryPage(BasePage):
    partnership = models.ForeignKey(
        Partnership,
        verbose_name=_("partnership"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stories",
    )
    date = models.DateField(_("date"))
    summary = models.TextField(_("summary"))
    themes = ParentalManyToManyField(
        Theme, verbose_name=_("themes"), blank=True, related_name="stories", limit_choices_to=SOURCE_LOCALE
    )
    body = StreamField(StoryStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = BasePage.content_panels + [
        FieldPanel("partnership"),
        FieldPanel("date"),
        FieldPanel("summary"),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["partnerships.PartnershipsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")

    def related_stories(self, limit: int = 3):
        """Other stories in this language: the same partnership first, then shared themes."""
        theme_ids = [t.pk for t in self.themes.all()]
        condition = Q(themes__in=theme_ids)
        if self.partnership_id:
            condition |= Q(partnership_id=self.partnership_id)
        candidates = (
            StoryPage.objects.live()
            .public()
            .filter(locale_id=self.locale_id)
            .filter(condition)
            .exclude(pk=self.pk)
            .distinct()
            .order_by("-date")
        )
        stories = list(candidates[: limit * 3])
        stories.sort(
            key=lambda s: (s.partnership_id != self.partnership_id or not self.partnership_id, -s.date.toordinal())
        )
        return stories[:limit]

    def get_context(self, request, *args, **kwargs):
        from .views import describe_partnerships

        context = super().get_context(request, *args, **kwargs)
        labels = Theme.objects.labels(self.locale.language_code)
        context["themes"] = [labels[t.pk] for t in self.themes.all() if t.pk in labels]
        described = describe_partnerships([self.partnership], self.locale) if self.partnership_id else []
        context["partnership"] = described[0] if described else None
        context["related"] = self.related_stories()
        index = self.get_parent().specific
        context["index"] = index
        context["stories_url"] = index.sub_url("stories_view")
        return context


from .interest import CaseEvent, InterestCase, InterestFormField, InterestFormPage  # noqa: E402, F401
