"""The core's page types and what every page type on the site shares (BasePage): ASCII slugs in
every language, a translation's slug from its own title, an example-content flag and a meta
description."""

import html
import re

from django.conf import settings
from django.db import models
from django.http import Http404
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.coreutils import find_available_slug
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from .. import content_cache, routing, structured_data
from ..blocks import BaseStreamBlock, HomePageStreamBlock
from ..text import romanised_words, slugify_ascii, summarise


def ascii_slug(slug: str, title: str) -> str:
    """The slug in ASCII by the official tables; from the title when the slug has no letter to keep."""
    return slugify_ascii(slug or title) or slugify_ascii(title) or "side"


def romanised_slug(page: Page, text: str | None = None) -> str:
    """The slug of `text` (the page's slug, else its title) in ASCII by the official tables, unique among
    the page's siblings."""
    slug = ascii_slug(text or page.slug, page.title)
    if slug == page.slug:
        return slug
    # During add_child the path is already set, so the parent is known before the first save.
    parent = page.get_parent() if page.path and page.depth and page.depth > 1 else None
    return find_available_slug(parent, slug, ignore_page_id=page.pk) if parent else slug


def translation_slug(page: Page) -> str:
    """A translation's slug: its translator's choice, else its own title romanised, never the source's.

    wagtail-localize copies the source page, slug included, and copies the slug again on every sync
    (it is a synchronised field that translators may override). A slug equal to the source's was
    therefore never chosen for this language: it becomes the romanised translated title the first
    time, and the slug this page already had afterwards, so that a published address stays put."""
    if page.locale_id is None or page.locale.language_code == settings.LANGUAGE_CODE:
        return romanised_slug(page)
    if page.depth == 2:
        # A translated home page sits beside the source one under the root; its language is its name.
        return romanised_slug(page, page.locale.language_code)
    source = page.get_translation_or_none(content_cache.locale_for_language(settings.LANGUAGE_CODE))
    if source is None or page.slug != source.slug:
        return romanised_slug(page)
    previous = type(page).objects.filter(pk=page.pk).values_list("slug", flat=True).first() if page.pk else None
    if previous and previous != source.slug:
        return previous
    return romanised_slug(page, page.title)


class HeroImageDescriptionMixin(models.Model):
    """A page with a hero image, described for readers who cannot see it in the page's own language.
    Wagtail keeps one description per image, written once (in Norwegian), which uk and en pages would
    read out; this one is a text of the page, so wagtail-localize translates it with the rest."""

    hero_image_alt = models.CharField(
        _("image description"),
        max_length=250,
        blank=True,
        help_text=_(
            "What the image shows, for readers who cannot see it. Translated with the page. Empty: the image's "
            "own description, in Norwegian."
        ),
    )

    class Meta:
        abstract = True

    @property
    def hero_image_description(self) -> str:
        """The page's own description, else the image's."""
        if self.hero_image_alt or self.hero_image is None:
            return self.hero_image_alt
        return self.hero_image.default_alt_text

    @property
    def hero_image_description_language(self) -> str | None:
        """The language the description is in where it is not the page's: None omits `lang`."""
        return None if self.hero_image_alt else settings.LANGUAGE_CODE

    def share_image_alt(self) -> str:
        return self.hero_image_description


class BasePageForm(WagtailAdminPageForm):
    """Every page type's admin form: the slug is checked for a clash with its siblings as saving will
    store it, romanised ("tromsø" is saved as "tromso"), so that two titles that romanise alike meet
    the form's own "slug in use" error with the editor's text still in the form, not a failed save."""

    def clean(self):
        if self.cleaned_data.get("slug"):
            slug = ascii_slug(self.cleaned_data["slug"], self.cleaned_data.get("title", ""))
            self.cleaned_data["slug"] = slug
            if self.taken_by_a_sibling(slug):
                # Said here, in the editor's language, with the address as it would be saved (Wagtail's
                # own message is untranslated and names a slug the editor did not type).
                self.add_error(
                    "slug",
                    _(
                        "The address “%(slug)s” (slugs are written in Latin letters) is taken by another "
                        "page here. Choose another slug."
                    )
                    % {"slug": slug},
                )
        return super().clean()

    def taken_by_a_sibling(self, slug: str) -> bool:
        if self.parent_page is None:
            return False
        return self.parent_page.get_children().filter(slug=slug).exclude(pk=self.instance.pk).exists()


class BasePage(Page):
    """Every page type on the site: ASCII slugs in every locale, an example-content flag and a meta
    description."""

    # Where a page's meta description comes from when the editor wrote no search description:
    # the first of these text fields that is filled in, else the first text in these stream fields.
    description_fields = ("intro", "summary")
    description_streams = ("body", "description")

    is_example_content = models.BooleanField(
        _("example content"),
        default=False,
        help_text=_("Shown to readers as example content. Set for demo text not taken from real sources."),
    )

    # What the page is to OpenGraph ("article" for dated writing), and how its own picture is cut for
    # links shared on social media (1200×630 is what the large cards show).
    og_type = "website"
    share_image_filter = "fill-1200x630"
    # What the page is to search engines (https://schema.org/WebPage and its kinds); page types that
    # describe a thing (an event, an article, an organisation) override structured_data instead.
    schema_type = "WebPage"

    base_form_class = BasePageForm
    settings_panels = Page.settings_panels + [FieldPanel("is_example_content")]
    # The slug is not a string to translate (a translation left without one would be "published with
    # missing translations"): it follows the translated title unless the translator overrides it.
    override_translatable_fields = [SynchronizedField("slug", overridable=True)]
    # Every page is also indexed in Latin letters, so that a name is found in any script. Page types
    # extend BasePage.search_fields; romanised_text covers whatever fields they add.
    search_fields = Page.search_fields + [
        index.SearchField("romanised_title", boost=2),
        index.SearchField("romanised_text"),
    ]

    class Meta:
        abstract = True

    @property
    def romanised_title(self) -> str:
        return romanised_words(self.title)

    @property
    def romanised_text(self) -> str:
        """The text of this page type's other search fields (intro, body, summary…), romanised."""
        texts = []
        for field in self.get_search_fields():
            if isinstance(field, index.SearchField) and field.field_name not in ROMANISED_FROM_ELSEWHERE:
                texts.append(searchable_text(field.get_value(self)))
        return romanised_words(" ".join(texts))

    def route(self, request, path_components):
        # Wagtail asks for each level's child with a query of its own; the children on the rest of
        # the path come in one (home/routing.py).
        if not path_components or request is None:
            return super().route(request, path_components)
        child = routing.child_on_path(request, self, path_components)
        if child is None:
            raise Http404
        return child.route(request, path_components[1:])

    def full_clean(self, *args, **kwargs):
        self.slug = translation_slug(self)
        super().full_clean(*args, **kwargs)

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "slug" in update_fields:
            self.slug = translation_slug(self)
        return super().save(*args, **kwargs)

    @property
    def meta_description(self) -> str:
        """The search description, else the introduction or summary, else the first text of the body,
        in at most 160 characters; empty when the page has no text at all."""
        texts = [self.search_description, *(getattr(self, name, "") or "" for name in self.description_fields)]
        for name in self.description_streams:
            stream = getattr(self, name, None)
            if stream is not None:
                texts.append(first_text(stream))
        return next((summarise(text) for text in texts if text and text.strip()), "")

    def share_image(self):
        """The page's own picture (a Wagtail image) for links to it on social media; None draws a card
        from its title (seo.share_images). Page types with a picture override this."""
        return None

    def structured_data(self, request=None, context=None) -> list[dict]:
        """schema.org objects for the head's JSON-LD (home.structured_data); breadcrumbs are added there."""
        return [structured_data.web_page(self, request, self.schema_type)]


# The title has its own romanised field (weighted like the title); the romanised fields themselves.
ROMANISED_FROM_ELSEWHERE = {"title", "romanised_title", "romanised_text"}


def searchable_text(value) -> str:
    """A search field's value (a string, or a stream field's list of strings) as one plain text."""
    if isinstance(value, str):
        return html.unescape(strip_tags(value))
    if isinstance(value, (list, tuple)):
        return " ".join(searchable_text(item) for item in value)
    if isinstance(value, dict):
        return " ".join(searchable_text(item) for item in value.values())
    return "" if value is None else str(value)


def first_text(stream) -> str:
    """The first rich text in a stream, as plain text. Read from the stored data, so that no block
    is loaded (an image or page chooser would cost a query)."""
    for item in stream.raw_data:
        block = stream.stream_block.child_blocks.get(item["type"])
        if isinstance(block, blocks.RichTextBlock) and item["value"]:
            # A space after each closing block tag, so that paragraphs do not run into each other.
            return html.unescape(strip_tags(re.sub(r"(</(?:p|li|h\d|blockquote)>)", r"\1 ", item["value"])))
    return ""


class HomePage(BasePage):
    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(
        HomePageStreamBlock(),
        blank=True,
        verbose_name=_("body"),
        help_text=_(
            "Place front page sections where you want them. Without any, the page shows every section "
            "(conference, news, stories, figures and map, finding a partner) after the body."
        ),
    )

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    api_fields = [APIField("intro"), APIField("body")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.StandardPage",
        "events.EventIndexPage",
        "partnerships.PartnershipsIndexPage",
        "news.NewsIndexPage",
    ]

    class Meta:
        verbose_name = _("home page")

    def has_section_blocks(self) -> bool:
        return any(item["type"] == "front_page_section" for item in self.body.raw_data)

    def get_context(self, request, *args, **kwargs):
        from ..front_page import automatic_sections

        context = super().get_context(request, *args, **kwargs)
        # The editor arranges the sections with blocks; without any, every section comes after the body.
        context["automatic_sections"] = [] if self.has_section_blocks() else automatic_sections(self, request)
        return context

    def structured_data(self, request=None, context=None) -> list[dict]:
        from .snippets import Footer

        # The footer the page shows anyway, from the same cache entry: no query of its own.
        footer = Footer.shown(self.locale.language_code)
        same_as = [block.value["url"] for block in footer.social_links] if footer else []
        return [
            structured_data.organisation(self, request, same_as),
            structured_data.website(self, request),
        ]


class StandardPage(BasePage):
    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    api_fields = [APIField("intro"), APIField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
