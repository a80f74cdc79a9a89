"""A cache for the parts every page repeats (navigation, footer), emptied whenever content changes.

Keys carry a version number; any saved or deleted page, site, snippet (menus, footer, themes …),
site setting, image or document bumps it, so a stale menu is never served and nothing needs to know
which keys exist. The shared cache (Redis when REDIS_URL is set, else a folder every process on the
machine shares) makes the bump visible to every app server at once. The same version keeps whole
pages (home.page_cache) fresh, so anything else a page shows registers itself with `watch`.
"""

from collections.abc import Callable

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import Page, Site

VERSION_KEY = "site-chrome:version"
TIMEOUT = 60 * 60 * 24

# model -> which saves show on pages (None: all of them)
_watched: dict[type, Callable | None] = {}


def version() -> int:
    current = cache.get(VERSION_KEY)
    if current is None:
        current = 1
        cache.add(VERSION_KEY, current, None)
    return current


def get_or_build(name: str, language: str, build):
    key = f"site-chrome:{version()}:{name}:{language}"
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


def watch(model: type, shows: Callable | None = None) -> None:
    """Empty the caches when a `model` row is saved or deleted; `shows(instance, created)` narrows
    the saves to those that change what visitors see (a comment held for moderation does not)."""
    _watched[model] = shows


def _shown_on_pages(instance) -> bool:
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.snippets.models import get_snippet_models

    content = (Page, Site, AbstractImage, AbstractDocument, BaseSiteSetting, BaseGenericSetting)
    return isinstance(instance, content) or type(instance) in get_snippet_models()


@receiver(post_save)
def _content_saved(sender, instance, created=False, **kwargs):
    if sender in _watched:
        shows = _watched[sender]
        if shows is None or shows(instance, created):
            invalidate()
    elif _shown_on_pages(instance):
        invalidate()


@receiver(post_delete)
def _content_deleted(sender, instance, **kwargs):
    if sender in _watched or _shown_on_pages(instance):
        invalidate()
