"""Themes: what partners work on together, a translatable snippet."""

from collections import defaultdict

from django import forms
from django.conf import settings
from django.db import models
from django.db.models import CharField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField

from home import content_cache
from home.i18n import TranslatableQuerySet
from home.models import TranslatableSnippet

# Pages, partnerships and cases relate to the source-language (nb) themes and partner pages only.
SOURCE_LOCALE = {"locale__language_code": settings.LANGUAGE_CODE}


class ThemeQuerySet(TranslatableQuerySet):
    def labels(self, language_code: str | None = None) -> dict[int, "Theme"]:
        """{source theme pk: the theme in the active language, else the source theme}, in one query.

        Pages and partnerships relate to the source-language theme; this turns those into what a
        reader in `language_code` should see. Every theme's, from the content cache (a page lists
        themes in several places); a filtered queryset's from the database."""
        language_code = language_code or get_language()
        if self.query.where:
            return self._labels(language_code)
        return content_cache.get_or_set("theme-labels", language_code, lambda: self._labels(language_code))

    def _labels(self, language_code: str) -> dict[int, "Theme"]:
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

    def named_in(self, language_code: str):
        """The themes, each read (str()) by its live translation's name in `language_code`, else its own."""
        translated = self.model.objects.filter(
            translation_key=OuterRef("translation_key"), locale__language_code=language_code, live=True
        )
        return self.annotate(name_in_language=Coalesce(Subquery(translated.values("name")[:1]), "name"))

    def slug_choices(self, language: str) -> list[tuple[str, str]]:
        """(slug, name in `language`) for every live theme, in the editors' order: cases store the
        stable slugs, so the cases of every language are one dataset. Every theme's, from the content
        cache (each showing of the interest form asks); a filtered queryset's from the database."""
        if self.query.where:
            return self._slug_choices(language)
        return content_cache.get_or_set("theme-slug-choices", language, lambda: self._slug_choices(language))

    def _slug_choices(self, language: str) -> list[tuple[str, str]]:
        labels = self.labels(language)
        sources = self.filter(pk__in=labels).order_by("sort_order", "pk")
        return [(theme.slug, labels[theme.pk].name) for theme in sources]


class Theme(TranslatableSnippet):
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
    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]
    # A theme shows only as a label on partners, partnerships and stories: previewed as that label.
    preview_template = "partnerships/previews/theme.html"

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return getattr(self, "name_in_language", self.name)

    def get_preview_context(self, request, mode_name):
        return {**super().get_preview_context(request, mode_name), "object_as_list": [self]}


def name_theme_choices(form, language_code: str) -> None:
    """Label an admin form's theme choices in `language_code`. Pages and partnerships relate to the
    source-language themes, so the choices are those records; a Ukrainian page's form names them as
    its readers will read them, not in Norwegian."""
    for field in form.fields.values():
        if isinstance(field, forms.ModelMultipleChoiceField) and field.queryset.model is Theme:
            field.queryset = field.queryset.named_in(language_code)


def themes_by_page(model, pages, *fields) -> dict[int, dict[str, list]]:
    """{page pk: {field: [localized themes, in the editors' order]}} for ParentalManyToMany theme
    fields, in one query for all the fields (a UNION of their link tables)."""
    result: dict = defaultdict(lambda: defaultdict(list))
    ids = [page.pk for page in pages]
    if not ids:
        return result
    rows = None
    for name in fields:
        through = model._meta.get_field(name).remote_field.through
        source_column = next(f.attname for f in through._meta.fields if f.attname.endswith("page_id"))
        links = (
            through.objects.filter(**{f"{source_column}__in": ids})
            .annotate(theme_field=Value(name, output_field=CharField()))
            .values_list(source_column, "theme_id", "theme_field")
        )
        rows = links if rows is None else rows.union(links, all=True)
    labels = Theme.objects.labels()
    for page_id, theme_id, name in rows:
        if theme_id in labels:
            result[page_id][name].append(labels[theme_id])
    for by_field in result.values():
        for themes in by_field.values():
            themes.sort(key=lambda theme: (theme.sort_order, theme.name))
    return result
