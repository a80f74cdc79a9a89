"""A cache for the parts every page repeats (navigation, footer), emptied whenever content changes.

Keys carry a version number; any saved or deleted page, menu, footer or site bumps it, so a stale
menu is never served and nothing needs to know which keys exist. The shared cache (Redis when
REDIS_URL is set) makes the bump visible to every app server at once.
"""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.models import Page, Site

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


@receiver(post_save)
@receiver(post_delete)
def _content_changed(sender, instance, **kwargs):
    from .models import Footer, NavigationMenu, SiteSettings

    if isinstance(instance, Page | Site | NavigationMenu | Footer | SiteSettings):
        invalidate()
