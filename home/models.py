"""Pages and snippets shared by the whole site: the home page, standard pages, navigation, footer,
people and site settings."""

import html
import re

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.coreutils import find_available_slug
from wagtail.fields import RichTextField, StreamField
from wagtail.models import DraftStateMixin, Locale, Page, PreviewableMixin, RevisionMixin, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from .blocks import BaseStreamBlock
from .i18n import TranslatableQuerySet
from .text import slugify_ascii, summarise


def romanised_slug(page: Page, text: str | None = None) -> str:
    """The slug of `text` (the page's slug, else its title) in ASCII by the official tables, unique among
    the page's siblings."""
    slug = slugify_ascii(text or page.slug or page.title) or slugify_ascii(page.title) or "side"
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
    source = page.get_translation_or_none(Locale.get_default())
    if source is None or page.slug != source.slug:
        return romanised_slug(page)
    previous = type(page).objects.filter(pk=page.pk).values_list("slug", flat=True).first() if page.pk else None
    if previous and previous != source.slug:
        return previous
    return romanised_slug(page, page.title)


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

    settings_panels = Page.settings_panels + [FieldPanel("is_example_content")]
    # The slug is not a string to translate (a translation left without one would be "published with
    # missing translations"): it follows the translated title unless the translator overrides it.
    override_translatable_fields = [SynchronizedField("slug", overridable=True)]

    class Meta:
        abstract = True

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
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["home.StandardPage", "events.EventIndexPage", "partnerships.PartnershipsIndexPage"]

    class Meta:
        verbose_name = _("home page")


class StandardPage(BasePage):
    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


class LocalisedSnippetQuerySet(TranslatableQuerySet):
    def for_language(self, language_code: str | None = None):
        """The object in `language_code` (the active language by default) if it is live, else the
        source-language (nb) one, else None: the snippet a reader of that language sees."""
        with translation.override(language_code or get_language()):
            return self.filter(locale__language_code=settings.LANGUAGE_CODE, live=True).localized().first()


class TranslatableSnippet(DraftStateMixin, RevisionMixin, PreviewableMixin, TranslatableMixin, models.Model):
    """Every translatable snippet: one object per language sharing a translation key, drafts with
    revisions, a preview, and querysets with `.localized()`. A translation is a draft until a person
    publishes it; readers meanwhile see the source."""

    # Revisions are stored against the base content type, so every subclass finds its own.
    _revisions = GenericRelation(
        "wagtailcore.Revision",
        content_type_field="base_content_type",
        for_concrete_model=False,
        related_query_name="%(app_label)s_%(class)s",
    )
    objects = LocalisedSnippetQuerySet.as_manager()
    preview_template = ""

    class Meta(TranslatableMixin.Meta):
        abstract = True

    @property
    def revisions(self):
        return self._revisions

    def get_preview_template(self, request, mode_name):
        return self.preview_template


class NavigationLinkBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("Or external address"), required=False)
    label = blocks.CharBlock(label=_("Label"), required=False, help_text=_("Defaults to the page title."))

    class Meta:
        icon = "link"
        label = _("Link")
        template = "components/navigation_link.html"
        preview_value = {"url": "https://example.org/", "label": "Konferansen"}


class NavigationMenu(TranslatableSnippet):
    """The main navigation, one per language."""

    name = models.CharField(_("name"), max_length=100, default="Hovedmeny")
    links = StreamField([("link", NavigationLinkBlock())], blank=True, verbose_name=_("links"))

    panels = [FieldPanel("name"), FieldPanel("links")]
    preview_template = "components/previews/navigation_menu.html"

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("main navigation")
        verbose_name_plural = _("main navigation")

    def __str__(self):
        return f"{self.name} ({self.locale.language_code})"


class SocialLinkBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Label"), max_length=60)
    url = blocks.URLBlock(label=_("Address"))

    class Meta:
        icon = "site"
        label = _("Social link")
        template = "components/social_link.html"
        preview_value = {"label": "Facebook", "url": "https://www.facebook.com/"}


class Footer(TranslatableSnippet):
    """Organisers, contact and social links at the foot of every page, one per language."""

    organisers = RichTextField(_("organisers"), blank=True, features=["bold", "italic", "link"])
    contact = RichTextField(_("contact"), blank=True, features=["bold", "italic", "link"])
    social_links = StreamField([("link", SocialLinkBlock())], blank=True, verbose_name=_("social links"))

    panels = [FieldPanel("organisers"), FieldPanel("contact"), FieldPanel("social_links")]
    preview_template = "components/previews/footer.html"

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("footer")
        verbose_name_plural = _("footer")

    def __str__(self):
        label = _("Footer")
        return f"{label} ({self.locale.language_code})"


class Person(index.Indexed, TranslatableSnippet):
    """Someone shown on the site: a speaker, a member of the steering group, a contact."""

    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("title"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    preview_template = "components/previews/person.html"
    panels = [
        FieldPanel("name"),
        MultiFieldPanel([FieldPanel("title"), FieldPanel("organisation")], heading=_("Role")),
        FieldPanel("photo"),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("organisation"), index.FilterField("locale")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name"]

    def __str__(self):
        return self.name


class PersonalDataAccess(models.Model):
    """No table: it carries the one permission to see and handle what visitors send through public
    forms (registrations, partnership interest, form submissions). Only the Secretariat group has it;
    home/secretariat.py checks it for every app."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [("handle_personal_data", _("Can see and handle personal data sent through public forms"))]
        verbose_name = _("personal data")

    def __str__(self):
        return str(self._meta.verbose_name)


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    contact_email = models.EmailField(_("contact email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    organisation_number = models.CharField(
        _("organisation number"), max_length=20, blank=True, help_text=_("Norwegian organisation number.")
    )

    panels = [FieldPanel("contact_email"), FieldPanel("phone"), FieldPanel("organisation_number")]

    class Meta:
        verbose_name = _("site settings")


# Shared form mechanics keep their models beside their code; Django finds them through this import.
from .form_handling import FormRejection, OutboundEmail, RateLimitHit  # noqa: E402, F401
