"""Translatable snippets: one object per language sharing a translation key, and the core's own
(navigation, footer, people)."""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import DraftStateMixin, PreviewableMixin, RevisionMixin, TranslatableMixin
from wagtail.search import index

from .. import content_cache
from ..blocks import NavigationLinkBlock, SocialLinkBlock
from ..i18n import TranslatableQuerySet


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
    objects = TranslatableQuerySet.as_manager()
    preview_template = ""

    class Meta(TranslatableMixin.Meta):
        abstract = True

    @property
    def revisions(self):
        return self._revisions

    def get_preview_template(self, request, mode_name):
        return self.preview_template


# Every page shows snippets (menus, footer, people, themes): a saved one empties the caches.
content_cache.watch_all(TranslatableSnippet)


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

    @classmethod
    def shown(cls, language: str) -> "Footer | None":
        """The footer readers of `language` see, from the content cache: every page shows it."""
        return content_cache.get_or_set("footer", language, lambda: cls.objects.for_language(language))


class Person(index.Indexed, TranslatableSnippet):
    """Someone shown on the site: a speaker, a member of the steering group, a contact."""

    name = models.CharField(_("name"), max_length=200)
    # A job title. Page titles use the bare msgid ("title"), worded as a heading's title in uk.
    title = models.CharField(pgettext_lazy("person", "title"), max_length=200, blank=True)
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
