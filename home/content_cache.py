"""A cache for what every page repeats (navigation, footer, site settings, locales, themes, where
the private sections are), emptied whenever content changes.

Keys carry a version number; any saved or deleted page, site, snippet (menus, footer, themes …),
site setting, locale, view restriction, image or document bumps it, so a stale value is never served
and nothing needs to know which keys exist. The shared cache (Redis when REDIS_URL is set, else a
folder every process on the machine shares) makes the bump visible to every app server at once. The
same version keeps whole pages (ops.page_cache) fresh, so anything else a page shows registers itself
with `watch`.
"""

import time
from collections.abc import Callable
from contextvars import ContextVar

from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.coreutils import get_supported_content_language_variant
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import Locale, Page, PageViewRestriction, Site

VERSION_KEY = "content-cache:version"
TIMEOUT = 60 * 60 * 24
# Stored for a build that found nothing: the cache answers None for a missing key, so None itself
# cannot be kept, and nothing found is as worth keeping as anything else.
_NOTHING = "content-cache:nothing"

# model -> which saves show on pages (None: all of them)
_watched: dict[type, Callable | None] = {}
# Bases of the core's own whose every row is shown on pages: the core's models register them
# (watch_all), as this module, which they import, may not import them.
_watched_bases: list[type] = []

# What this request already read from the shared cache: a page asks for the version and the same
# few keys a dozen times, and each read from the file cache is a file opened and unpickled. Only
# set while a request runs (outside one, every call reads the shared cache).
_request_memo: ContextVar[dict | None] = ContextVar("content_cache_request_memo", default=None)


@receiver(request_started)
def _start_request_memo(**kwargs):
    _request_memo.set({})


@receiver(request_finished)
def _end_request_memo(**kwargs):
    _request_memo.set(None)


def version() -> int:
    memo = _request_memo.get()
    if memo is not None and VERSION_KEY in memo:
        return memo[VERSION_KEY]
    current = cache.get(VERSION_KEY)
    if current is None:
        cache.add(VERSION_KEY, _fresh_version(), None)
        current = cache.get(VERSION_KEY) or _fresh_version()  # another process may have added first
    if memo is not None:
        memo[VERSION_KEY] = current
    return current


def _key(name: str, language: str) -> str:
    return f"content-cache:{version()}:{name}:{language}"


def get_or_set(name: str, language: str, build, store_result: Callable[[], bool] = lambda: True):
    """The value kept under `name` and `language`, built (and kept, unless `store_result()` says no
    once it is built) when it is not; None included."""
    key = _key(name, language)
    memo = _request_memo.get()
    if memo is not None and key in memo:
        return memo[key]
    value = cache.get(key)
    if value is None:
        value = build()
        if not store_result():
            return value
        cache.set(key, _NOTHING if value is None else value, TIMEOUT)
    elif value == _NOTHING:
        value = None
    if memo is not None:
        memo[key] = value
    return value


def get_or_set_many(name: str, language: str, ids, build_missing) -> dict:
    """{id: value} kept under `name`, `language` and each id; `build_missing(ids)` gives {id: value}
    for the ids not kept yet, all at once (one query for many rows rather than one each)."""
    memo = _request_memo.get()
    prefix = _key(name, language)  # one version read for all the ids
    keys = {pk: f"{prefix}:{pk}" for pk in ids}
    found = {pk: memo[key] for pk, key in keys.items() if memo is not None and key in memo}
    asked = [key for pk, key in keys.items() if pk not in found]
    stored = cache.get_many(asked) if asked else {}
    found.update({pk: stored[key] for pk, key in keys.items() if key in stored})
    missing = [pk for pk in keys if pk not in found]
    if missing:
        built = build_missing(missing)
        cache.set_many({keys[pk]: value for pk, value in built.items()}, TIMEOUT)
        found.update(built)
    if memo is not None:
        memo.update({keys[pk]: value for pk, value in found.items()})
    return found


def invalidate() -> None:
    memo = _request_memo.get()
    if memo is not None:
        memo.clear()
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, _fresh_version(), None)


def _fresh_version() -> int:
    """The number a lost version starts again from: the time in microseconds, above any number the
    lost one reached (it counted up by one per change, each taking far longer than a microsecond,
    from an earlier time), so that nothing kept under an old number is served again. The file cache
    deletes entries at random when it is full, and Redis may under memory pressure; starting again
    from 1 would serve the oldest entries."""
    return time.time_ns() // 1_000


def restricted_sections() -> list[tuple[str, int]]:
    """(path, depth) of every page with a view restriction: the pages at and below them are private.
    Nearly every request asks (Wagtail checks before serving, `.public()` lists exclude them), and
    nearly always the answer is the same short list."""
    return get_or_set(
        "restricted-sections",
        "",
        lambda: list(PageViewRestriction.objects.values_list("page__path", "page__depth").distinct()),
    )


def is_in_restricted_section(page) -> bool:
    return any(page.path.startswith(path) for path, _depth in restricted_sections())


def _locales() -> dict[int, Locale]:
    return get_or_set("locales", "", lambda: {row.pk: row for row in Locale.all_objects.all()})


def locale(locale_id: int) -> Locale:
    """The locale row a page or snippet points at, without asking the database each time."""
    return _locales().get(locale_id) or Locale.all_objects.get(pk=locale_id)


def locale_for_language(language_code: str) -> Locale:
    """Wagtail's `Locale.objects.get_for_language`, answered from the cache: routing, menus and lists
    ask for the active locale several times a request."""
    code = get_supported_content_language_variant(language_code)
    found = next((row for row in _locales().values() if row.language_code == code), None)
    return found if found is not None else Locale.objects.get(language_code=code)


def prime_locale(obj):
    """Give `obj.locale` from the cache, so that reading it costs no query."""
    if obj is not None and obj.locale_id is not None:
        obj.locale = locale(obj.locale_id)
    return obj


def watch(model: type, shows: Callable | None = None) -> None:
    """Empty the caches when a `model` row is saved or deleted; `shows(instance, created)` narrows
    the saves to those that change what visitors see (a comment held for moderation does not)."""
    _watched[model] = shows


def watch_all(base: type) -> None:
    """Empty the caches when a row of any model derived from `base` is saved or deleted."""
    if base not in _watched_bases:
        _watched_bases.append(base)


def _shown_on_pages(instance) -> bool:
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.snippets.models import get_snippet_models

    content = (
        *(Page, Site, Locale, PageViewRestriction, *_watched_bases),
        *(AbstractImage, AbstractDocument, BaseSiteSetting, BaseGenericSetting),
    )
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
