"""The names of news tags in each language, beside taggit's tags.

Editors tag an article with free words in the source language (taggit's `Tag`; wagtail-localize copies
the same tags onto every translation of the article, so a tag selects the articles of any language).
Each tag gets a `TagName` in the source language when it is made, and translators translate that
snippet as they translate a theme. An article's tags, the heading of a tag's list and the feeds'
categories are in the reader's language, the source name until a translation is published. A tag's
address keeps its ASCII slug in every language, as a theme's does.
"""

from taggit.models import Tag

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import Locale, TranslatableMixin

from home import content_cache
from home.i18n import TranslatableQuerySet
from home.models import TranslatableSnippet


class TagNameQuerySet(TranslatableQuerySet):
    def names(self, language_code: str) -> dict[int, str]:
        """{tag pk: its name in `language_code`, else in the source language}, for every tag: one query,
        kept in the content cache (which saving any snippet or page empties)."""
        return content_cache.get_or_set("tag-names", language_code, lambda: self._names(language_code))

    def _names(self, language_code: str) -> dict[int, str]:
        rows = self.filter(live=True, locale__language_code__in={language_code, settings.LANGUAGE_CODE})
        names: dict[int, str] = {}
        for tag_id, code, name in rows.values_list("tag_id", "locale__language_code", "name"):
            if code == language_code or tag_id not in names:
                names[tag_id] = name
        return names


class TagName(TranslatableSnippet):
    """What a news tag is called in one language."""

    tag = models.ForeignKey(Tag, verbose_name=_("tag"), on_delete=models.CASCADE, related_name="names")
    name = models.CharField(_("name"), max_length=100)

    objects = TagNameQuerySet.as_manager()
    panels = [FieldPanel("tag"), FieldPanel("name")]
    # Readers meet a tag's name only as a label under an article, as they meet a theme's.
    preview_template = "partnerships/previews/theme.html"

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("tag name")
        verbose_name_plural = _("tag names")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["tag", "locale"], name="one_tag_name_per_language")]

    def __str__(self):
        return self.name

    def get_preview_context(self, request, mode_name):
        return {**super().get_preview_context(request, mode_name), "object_as_list": [self]}


def name_new_tag(sender, instance: Tag, created=False, raw=False, **kwargs):
    """A tag's name in the source language follows the tag (made with it, renamed with it): it is
    what translators translate."""
    if raw:
        return
    locale = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    if locale is None:
        return
    source = TagName.objects.filter(tag=instance, locale=locale).first()
    if source is None:
        TagName.objects.create(tag=instance, locale=locale, name=instance.name)
    elif source.name != instance.name:
        source.name = instance.name
        source.save(update_fields=["name"])


def tag_labels(tags, language_code: str) -> list[dict]:
    """[{"name": in `language_code`, "slug": the tag's own}] for taggit tags, in their order."""
    names = TagName.objects.names(language_code)
    return [{"name": names.get(tag.pk, tag.name), "slug": tag.slug} for tag in tags]
