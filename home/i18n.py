"""Which language versions of a page exist, and where a link in a given language should lead.

A visitor who asks for a language the page is not translated into is sent to the source page with
`?requested=<code>`, which makes the page show a notice in the requested language. Nobody meets a
404 or another language without being told.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.models import DraftStateMixin, Locale, Page

from home import content_cache
from home.routes import subpages_by_language

REQUESTED_PARAM = "requested"

# A language named inside a sentence ("not synced, as you do not translate into them: English"), in
# lower case where the language writes it so ("engelsk", "англійська"). As a label or a value, a
# language has the form settings.WAGTAIL_CONTENT_LANGUAGES gives ("Engelsk").
LANGUAGE_NAMES_IN_SENTENCES = {"nb": _("Norwegian"), "uk": _("Ukrainian"), "en": _("English")}


def language_name_in_sentence(code: str) -> str:
    return str(LANGUAGE_NAMES_IN_SENTENCES.get(code) or dict(settings.WAGTAIL_CONTENT_LANGUAGES).get(code, code))


@dataclass(frozen=True)
class LanguageVersion:
    code: str
    name: str
    url: str
    is_translated: bool
    is_current: bool


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def live_translations(page: Page) -> dict[str, Page]:
    """Live versions of `page` by language code, the page itself included. Every page's language
    switcher and hreflang links ask; the answer changes only when a page is saved, which empties the
    content cache (read once per request)."""
    versions = content_cache.get_or_set(
        "live-translations",
        str(page.translation_key),
        lambda: {
            version.locale.language_code: version
            for version in Page.objects.filter(translation_key=page.translation_key).live().select_related("locale")
        },
    )
    if page.live:
        versions.setdefault(content_cache.locale(page.locale_id).language_code, page)
    return versions


def with_subpage(url: str | None, subpage: str) -> str | None:
    """A page's address followed by the path of a route under it; None stays None (no site)."""
    return url + subpage if url is not None else None


def fallback_url(source: Page, requested_language: str, request=None, subpage: str = "") -> str:
    url = source.get_url(request=request)
    if url is None:  # not routable on this site
        return ""
    return f"{url}{subpage}?{urlencode({REQUESTED_PARAM: requested_language})}"


def link_in_language(
    versions: dict[str, Page], language: str, request=None, subpages: dict[str, str] | None = None
) -> tuple[str, bool]:
    """The address a reader of `language` should follow, and whether it is really in that language.

    `subpages` ({language: path}) leads to a route under the page rather than to the page itself."""
    subpages = subpages or {}
    if language in versions:
        return with_subpage(versions[language].get_url(request=request), subpages.get(language, "")), True
    source_language = settings.LANGUAGE_CODE if settings.LANGUAGE_CODE in versions else next(iter(versions))
    return fallback_url(versions[source_language], language, request, subpages.get(source_language, "")), False


def language_versions(page: Page, request=None) -> list[LanguageVersion]:
    """The page, or the route under it that `request` is on, in every language."""
    # The page drawn is its language's version even when it is not live (a preview of a draft shows
    # the links as they will be once it is published), so there is always a version to fall back to.
    versions = {page.locale.language_code: page, **live_translations(page)}
    subpages = subpages_by_language(page, request)
    current = page.locale.language_code
    result = []
    for code, name in settings.LANGUAGES:
        if code == current:
            url, translated = with_subpage(page.get_url(request=request), subpages[code]), True
        else:
            url, translated = link_in_language(versions, code, request, subpages)
        # No address (a draft previewed outside any site): the switcher leads to that language's home.
        result.append(LanguageVersion(code, name, url or "", translated, code == current))
    return result


def requested_language(request, page: Page) -> str | None:
    """The language a visitor asked for but this page does not have live, if any."""
    code = request.GET.get(REQUESTED_PARAM) if request is not None else None
    if code not in language_codes() or code == page.locale.language_code:
        return None
    if code in live_translations(page):
        return None
    return code


def active_language() -> str:
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


def active_locale() -> Locale:
    """Wagtail's `Locale.get_active()`, from the cache rather than a query each time it is asked: the
    active language's locale, else the default one."""
    try:
        return content_cache.locale_for_language(active_language())
    except (Locale.DoesNotExist, LookupError):
        return default_locale()


def localized(obj):
    """Wagtail's `.localized` (the object's live translation in the active language, else the object
    itself), a page's from the cache of its live translations, the active locale from the cache."""
    if obj is None:
        return obj
    if isinstance(obj, Page):
        return live_translations(obj).get(active_language(), obj)
    locale = active_locale()
    if obj.locale_id == locale.pk:
        return obj
    translation = obj.get_translation_or_none(locale)
    if translation is None or (isinstance(translation, DraftStateMixin) and not translation.live):
        return obj
    return translation


def default_locale() -> Locale:
    """Wagtail's `Locale.get_default()`, from the cache: the source language's locale."""
    return content_cache.locale_for_language(settings.LANGUAGE_CODE)


def live_versions_of(pages: list[Page]) -> dict[str, dict[str, Page]]:
    """All live language versions of the given pages, by translation key and language, in one query
    whatever their number."""
    grouped: dict = {}
    keys = {page.translation_key for page in pages}
    for version in Page.objects.filter(translation_key__in=keys).live().select_related("locale"):
        grouped.setdefault(version.translation_key, {})[version.locale.language_code] = version
    return grouped


def source_of(obj):
    """The source-language (nb) version of a page or translatable object; the object itself when it is
    the source or has no source version. Records shared by every language (registrations, cases,
    partnerships) point at this one."""
    if obj.locale.language_code == settings.LANGUAGE_CODE:
        return obj
    source = obj.get_translation_or_none(default_locale())
    if source is None:
        return obj
    return source.specific if isinstance(source, Page) else source


def in_reader_language(model, objects) -> dict:
    """{translation_key: each object's live version in the active language, else its source-language
    record}: what `.localized()` on the source records gives, in one query whatever their number, and
    none when every object is already live in the active language (a Norwegian page's people)."""
    active, default = active_locale(), default_locale()
    drafts = issubclass(model, DraftStateMixin)
    found, missing = {}, set()
    for obj in objects:
        # Readers see each one's language (lang="…"): its locale from the cache, not a query each.
        content_cache.prime_locale(obj)
        if obj.locale_id == active.pk and (not drafts or obj.live):
            found[obj.translation_key] = obj
        else:
            missing.add(obj.translation_key)
    if missing:
        translated = Q(locale=active, live=True) if drafts else Q(locale=active)
        sources = {}
        for version in model.objects.filter(Q(locale=default) | translated, translation_key__in=missing):
            content_cache.prime_locale(version)
            if version.locale_id == active.pk and (not drafts or version.live):
                found[version.translation_key] = version
            else:
                sources[version.translation_key] = version
        found = {**sources, **found}
    return found


class TranslatableQuerySetMixin:
    """`queryset.localized()`: each object replaced by its live translation in the active language,
    the original kept where there is none. Wagtail 8.0.1 has the `.localized` property on objects but
    not this queryset method, which later Wagtail versions add under the same name and meaning; this
    is that method, to be dropped when Wagtail ships it."""

    def localized(self, preserve_order: bool = False):
        locale = active_locale()
        keys = list(self.values_list("translation_key", flat=True))
        translated = self.model._default_manager.filter(locale=locale, translation_key__in=keys)
        if issubclass(self.model, DraftStateMixin):
            translated = translated.filter(live=True)
        untranslated = self.exclude(translation_key__in=translated.values("translation_key"))
        localized = self.model._default_manager.filter(
            models.Q(pk__in=translated.values("pk")) | models.Q(pk__in=untranslated.values("pk"))
        )
        if not preserve_order:
            return localized.order_by(*self.query.order_by)
        position = models.Case(
            *(models.When(translation_key=key, then=models.Value(index)) for index, key in enumerate(keys)),
            output_field=models.IntegerField(),
        )
        return localized.annotate(original_position=position).order_by("original_position")


class TranslatableQuerySet(TranslatableQuerySetMixin, models.QuerySet):
    def for_language(self, language_code: str | None = None):
        """The object in `language_code` (the active language by default) if it is live, else the
        source-language (nb) one, else None: the one object (a menu, a footer) a reader of that
        language sees."""
        with translation.override(language_code or get_language()):
            return self.filter(locale=default_locale(), live=True).localized().first()
