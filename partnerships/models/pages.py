"""Partner profiles and stories, and partnerships as a reader in one language sees them: with the
partners' and stories' pages in that language, which the pages, the lists, the overview, the open
data and the front page all show."""

from collections import defaultdict
from dataclasses import dataclass, field

from django import forms
from django.db import models
from django.db.models import Q
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.search import index

from home import structured_data
from home.i18n import source_of
from home.models import BasePage, BasePageForm, CommentsMixin
from home.routing import parent_on_path
from seo.head import share_image

from ..blocks import StoryStreamBlock
from .partnerships import Country, PartnerKind, Partnership
from .snippets import SOURCE_LOCALE, Theme, name_theme_choices, themes_by_page


class ThemedPageForm(BasePageForm):
    """A page's theme choices named in the page's language (the choices are the source-language themes)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        name_theme_choices(self, self.instance.locale.language_code)


class PartnerPage(BasePage):
    base_form_class = ThemedPageForm  # its themes named in the page's language
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
        index.SearchField("region"),
        index.SearchField("description"),
        index.FilterField("country"),
        index.FilterField("kind"),
    ]
    api_fields = [
        APIField(name)
        for name in (
            "kind",
            "country",
            "region",
            "population",
            "logo",
            "website",
            "summary",
            "description",
            "latitude",
            "longitude",
            "looking_for_partner",
        )
    ]
    parent_page_types = ["partnerships.PartnershipsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    # A coat of arms is shown whole, never cropped to the card's shape.
    share_image_filter = "max-1200x630"

    def share_image(self):
        return self.logo

    def structured_data(self, request=None, context=None) -> list[dict]:
        """The profile page, and the partner itself: a municipality, county or oblast is a
        GovernmentOrganization, anyone else an Organization; where it is, a Place."""
        public_bodies = {
            PartnerKind.NO_MUNICIPALITY,
            PartnerKind.NO_COUNTY,
            PartnerKind.UA_MUNICIPALITY,
            PartnerKind.UA_OBLAST,
        }
        url = structured_data.page_url(self, request)
        partner = {
            "@context": structured_data.CONTEXT,
            "@type": "GovernmentOrganization" if self.kind in public_bodies else "Organization",
            "@id": url + "#partner",
            "name": self.title,
            "url": url,
        }
        if self.summary:
            partner["description"] = self.summary
        if self.website:
            partner["sameAs"] = [self.website]
        if self.logo_id:
            partner["logo"] = share_image(self)["url"]
        address = {"@type": "PostalAddress"}
        if self.country in (Country.NORWAY, Country.UKRAINE):
            address["addressCountry"] = self.country
        if self.region:
            address["addressRegion"] = self.region
        if len(address) > 1:
            partner["address"] = address
        if self.latitude is not None and self.longitude is not None:
            partner["location"] = {
                "@type": "Place",
                "name": self.title,
                "geo": {
                    "@type": "GeoCoordinates",
                    "latitude": float(self.latitude),
                    "longitude": float(self.longitude),
                },
            }
        page = structured_data.web_page(self, request, "ProfilePage", mainEntity={"@id": partner["@id"]})
        return [page, partner]

    @property
    def source(self) -> "PartnerPage":
        """This partner in the source language, which partnerships point at."""
        return source_of(self)

    def partnerships(self):
        # Partnerships point at the source-language page, which shares this page's translation key:
        # matching the key spares looking the source page up first.
        key = self.translation_key
        return (
            Partnership.objects.public()
            .filter(
                Q(norwegian_partner__translation_key=key)
                | Q(ukrainian_partner__translation_key=key)
                | Q(coordinator__translation_key=key)
            )
            .select_related("agreement_document")
            .order_by("-date_signed", "pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read only when the template draws its cached fragment (templatetags/fragment_cache.py), not on every request.
        context["partnerships"] = SimpleLazyObject(lambda: describe_partnerships(self.partnerships(), self.locale))
        fields = ("themes_offered", "themes_needed")
        if getattr(request, "is_preview", False):
            # A preview shows the themes being edited, which only the relations hold, not the saved ones.
            labels = Theme.objects.labels(self.locale.language_code)
            for name in fields:
                chosen = [labels[t.pk] for t in getattr(self, name).all() if t.pk in labels]
                context[name] = sorted(chosen, key=lambda theme: (theme.sort_order, theme.name))
        else:
            themes = SimpleLazyObject(lambda: themes_by_page(PartnerPage, [self], *fields)[self.pk])
            context.update({name: SimpleLazyObject(lambda name=name: themes[name]) for name in fields})
        context["index"] = parent_on_path(request, self)
        return context


class StoryPage(CommentsMixin, BasePage):
    base_form_class = ThemedPageForm  # its themes named in the page's language
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
    settings_panels = BasePage.settings_panels + CommentsMixin.comment_panels
    search_fields = BasePage.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    api_fields = [APIField("date"), APIField("summary"), APIField("body")]
    parent_page_types = ["partnerships.PartnershipsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")

    og_type = "article"

    def structured_data(self, request=None, context=None) -> list[dict]:
        return [structured_data.article(self, request, date_published=self.date, image_url=share_image(self)["url"])]

    @cached_property
    def theme_ids(self) -> list[int]:
        """The source-language themes of the story, read once for its labels and its related stories
        (through the relation rather than its table, so that a preview shows the unsaved choice)."""
        return [theme.pk for theme in self.themes.all()]

    def related_stories(self, limit: int = 3):
        """Other stories in this language: the same partnership first, then shared themes."""
        condition = Q(themes__in=self.theme_ids)
        if self.partnership_id:
            condition |= Q(partnership_id=self.partnership_id)
        candidates = (
            StoryPage.objects.live()
            .public()
            .filter(locale_id=self.locale_id)
            .filter(condition)
            .exclude(pk=self.pk)
            .defer_streamfields()  # linked by title, their bodies unread
            .distinct()
            .order_by("-date")
        )
        stories = list(candidates[: limit * 3])
        stories.sort(
            key=lambda s: (s.partnership_id != self.partnership_id or not self.partnership_id, -s.date.toordinal())
        )
        return stories[:limit]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)

        def themes():
            labels = Theme.objects.labels(self.locale.language_code)
            chosen = [labels[pk] for pk in self.theme_ids if pk in labels]
            return sorted(chosen, key=lambda theme: (theme.sort_order, theme.name))

        def partnership():
            if not self.partnership_id:
                return None
            chosen = Partnership.objects.select_related("agreement_document").filter(pk=self.partnership_id)
            described = describe_partnerships(chosen, self.locale)
            return described[0] if described else None

        # Read only when the template draws its cached fragments (templatetags/fragment_cache.py), not on every request.
        context["themes"] = SimpleLazyObject(themes)
        context["partnership"] = SimpleLazyObject(partnership)
        context["related"] = SimpleLazyObject(self.related_stories)
        index = parent_on_path(request, self)
        context["index"] = index
        context["stories_url"] = index.subpage_url("stories_view")
        return context


# --- Partnerships as a reader in one language sees them ---------------------------------------------


def localized_partners(source_ids, locale) -> dict[int, PartnerPage]:
    """{source page pk: the live partner page in `locale`, else the source page}, in one query, for
    the source pages that are live and public; a draft or private source page is left out. Only the
    ids of the source pages are needed, so the partnerships need not select their partners' rows.
    The partners' descriptions (StreamField JSON) are not read: the places that name partnerships
    show the partners' titles and links only."""
    source_ids = {pk for pk in source_ids if pk is not None}
    keys = PartnerPage.objects.filter(pk__in=source_ids).values("translation_key")
    visible = (
        PartnerPage.objects.live()
        .public()
        .filter(Q(locale=locale, translation_key__in=keys) | Q(pk__in=source_ids))
        .defer_streamfields()
    )
    translated, live_sources = {}, {}
    for page in visible:
        if page.pk in source_ids:
            live_sources[page.pk] = page
        if page.locale_id == locale.pk:
            translated[page.translation_key] = page
    return {pk: translated.get(page.translation_key, page) for pk, page in live_sources.items()}


@dataclass
class PartnershipView:
    """A partnership as a reader in one language sees it."""

    partnership: Partnership
    norwegian: PartnerPage
    ukrainian: PartnerPage
    coordinator: PartnerPage | None
    themes: list = field(default_factory=list)
    stories: list = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"{self.norwegian.title} – {self.ukrainian.title}"

    @property
    def agreement_name(self) -> str:
        return self.partnership.name_in()

    @property
    def status(self) -> str:
        return self.partnership.status

    @property
    def status_label(self) -> str:
        return self.partnership.get_status_display()


def describe_partnerships(partnerships, locale, details: bool = True) -> list[PartnershipView]:
    """Partnerships with partners, themes and stories in `locale`: three queries besides reading the
    partnerships, for any number (one without the `details`, themes and stories, for a list that only
    names them). The partnerships' own partner rows are not read (their localized pages are), so
    there is no need to select them.
    A partnership one of whose partners is not a live, public page is left out (its draft profile
    may carry what a visitor typed), and so is a coordinator that is not."""
    partnerships = list(partnerships)
    if not partnerships:
        return []
    sources = []
    for p in partnerships:
        sources += [p.norwegian_partner_id, p.ukrainian_partner_id, p.coordinator_id]
    partners = localized_partners(sources, locale)
    partnerships = [
        p for p in partnerships if p.norwegian_partner_id in partners and p.ukrainian_partner_id in partners
    ]
    if not partnerships:
        return []
    themes = defaultdict(list)
    stories = defaultdict(list)
    if details:
        labels = Theme.objects.labels(locale.language_code)
        for row in Partnership.themes.through.objects.filter(partnership__in=partnerships).order_by("theme_id"):
            if row.theme_id in labels:
                themes[row.partnership_id].append(labels[row.theme_id])
        # The stories are named and linked, never shown: their bodies are not read.
        for story in (
            StoryPage.objects.live()
            .public()
            .filter(locale=locale, partnership__in=partnerships)
            .defer_streamfields()
            .order_by("-date")
        ):
            stories[story.partnership_id].append(story)
    return [
        PartnershipView(
            partnership=p,
            norwegian=partners[p.norwegian_partner_id],
            ukrainian=partners[p.ukrainian_partner_id],
            coordinator=partners.get(p.coordinator_id),
            themes=themes[p.pk],
            stories=stories[p.pk],
        )
        for p in partnerships
    ]
