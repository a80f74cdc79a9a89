"""A cache for what every page repeats (navigation, footer, site settings, locales, themes, where
the private sections are), emptied whenever content changes.

Keys carry a version number; any saved or deleted page, menu, footer, site, site settings, locale,
view restriction or translatable snippet (themes, people) bumps it, so a stale value is never served
and nothing needs to know which keys exist. The shared cache (Redis when REDIS_URL is set) makes the
bump visible to every app server at once.
"""

from django.core.cache import cache
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, PageViewRestriction, Site

VERSION_KEY = "site-chrome:version"
TIMEOUT = 60 * 60 * 24


def _version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = 1
        cache.add(VERSION_KEY, version, None)
    return version


def get_or_build(name: str, language: str, build):
    key = f"site-chrome:{_version()}:{name}:{language}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, TIMEOUT)
    return value


def invalidate() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)


def restricted_sections() -> list[tuple[str, int]]:
    """(path, depth) of every page with a view restriction: the pages at and below them are private.
    Nearly every request asks (Wagtail checks before serving, `.public()` lists exclude them), and
    nearly always the answer is the same short list."""
    return get_or_build(
        "restricted-sections",
        "",
        lambda: list(PageViewRestriction.objects.values_list("page__path", "page__depth").distinct()),
    )


def is_in_restricted_section(page) -> bool:
    return any(page.path.startswith(path) for path, _depth in restricted_sections())


def private_q(queryset=None) -> Q:
    """Wagtail's `PageQuerySet.private_q` from the cached list: the same condition, no query."""
    q = Q()
    for path, depth in restricted_sections():
        q |= Q(path__startswith=path, depth__gte=depth)
    # Matches no page when no private section exists, as Wagtail's does.
    return q if q else Q(pk__in=[])


def _locales() -> dict[int, Locale]:
    return get_or_build("locales", "", lambda: {row.pk: row for row in Locale.all_objects.all()})


def locale(locale_id: int) -> Locale:
    """The locale row a page or snippet points at, without asking the database each time."""
    return _locales().get(locale_id) or Locale.all_objects.get(pk=locale_id)


def locale_for_language(manager, language_code: str) -> Locale:
    """Wagtail's `Locale.objects.get_for_language`, answered from the cache: Wagtail's routing, every
    `Locale.get_active()` and `get_default()` ask it, several times a request."""
    code = get_supported_content_language_variant(language_code)
    found = next((row for row in _locales().values() if row.language_code == code), None)
    return found if found is not None else manager.get(language_code=code)


def prime_locale(obj):
    """Give `obj.locale` from the cache, so that reading it costs no query."""
    if obj is not None and "locale" not in obj._state.fields_cache and obj.locale_id is not None:
        obj._state.fields_cache["locale"] = locale(obj.locale_id)
    return obj


@receiver(post_save)
@receiver(post_delete)
def _content_changed(sender, instance, **kwargs):
    from .models import Footer, NavigationMenu, SiteSettings, TranslatableSnippet

    changed = (Page, Site, NavigationMenu, Footer, SiteSettings, Locale, PageViewRestriction, TranslatableSnippet)
    if isinstance(instance, changed):
        invalidate()
