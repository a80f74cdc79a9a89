"""Whole public pages for anonymous visitors, through Django's cache framework (docs/performance.md).

`PageCacheMiddleware` is Django's `CacheMiddleware`, asked only for a GET or HEAD of a page under a
language prefix, from a visitor who sends no cookie, to a host the site is configured for, with no
query parameter other than those that select content by a canonical value (`?page=2`,
`?requested=uk`) or campaign junk (dropped before the page is built). Everything else (a signed-in
editor, a pending message, a search, a preview, a POST) goes through the whole stack and is never
stored; so is any answer that sets a cookie, says it is private, or is not a 200.

Entries live in the `pages` cache, whose keys carry the content version of home.content_cache and the
release (`versioned_key`): any page, snippet, setting, image or document saved anywhere empties them
for every app server at once. In front of the app servers a front cache (Varnish, docs/deployment.md)
keeps the same pages by the same headers and is purged through wagtail.contrib.frontend_cache
(ops/frontend_purge.py).

Forms on cached pages carry no CSRF token: the page asks for one with a small uncached request
(`csrf_token` view, static/js/site.js), so the page is the same for every visitor.
"""

import functools
import hashlib
import re
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse, JsonResponse, QueryDict
from django.middleware.cache import CacheMiddleware
from django.middleware.csrf import get_token
from django.utils import translation
from django.utils.cache import cc_delim_re, patch_cache_control, patch_response_headers, patch_vary_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from home import content_cache
from home.pagination import shows_asked_pages

from .release import current_release

# Parameters that campaigns and share buttons add; the page is the same without them.
IGNORED_PARAMS = frozenset({"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "_ga", "_gl", "igshid", "ref"})
IGNORED_PREFIXES = ("utm_",)
# Parameters that select content, each with the only spelling of a value that is kept: one entry per
# list page and per language, never one per value an address can be made to carry.
KEYED_PARAMS = {
    "page": re.compile(r"[1-9][0-9]{0,5}"),
    "requested": re.compile("|".join(re.escape(code) for code, _name in settings.LANGUAGES)),
}
HIT_HEADER = "X-Page-Cache"
SHAREABLE_VARY = {"cookie", "accept-encoding"}
LANGUAGE_PREFIXES = tuple(f"/{code}/" for code, _name in settings.LANGUAGES)


@functools.cache
def release() -> str:
    """What changes with a deploy: the static files' manifest (new CSS and JS names) and the release
    (ops.release: RELEASE, else the git commit), so that pages built by the previous release are
    never served by the next. Read once per process: a deploy starts new ones."""
    manifest = settings.STATIC_ROOT / "staticfiles.json" if settings.STATIC_ROOT else None
    digest = hashlib.sha256(current_release().encode())
    if manifest is not None and manifest.is_file():
        digest.update(manifest.read_bytes())
    return digest.hexdigest()[:12]


def versioned_key(key: str, key_prefix: str, version: int) -> str:
    """KEY_FUNCTION of the `pages` cache: Django's key, under the release and the content version, so
    that a content change or a deploy leaves every cached page behind at once."""
    return f"{key_prefix}:{version}:{release()}:{content_cache.version()}:{key}"


def live(response: HttpResponse) -> HttpResponse:
    """For a page that shows what changes with every visitor's action (places left): built for
    each request, and revalidated by browsers."""
    patch_cache_control(response, private=True, no_cache=True)
    return response


def configured_host(request) -> bool:
    """Whether the request names a host the site is configured for: the public base URL's, or a name
    in ALLOWED_HOSTS without a port. Any other port of a name the settings let through would otherwise
    be a page of its own in the cache."""
    try:
        host = request.get_host()
    except DisallowedHost:
        return False
    return host == urlsplit(settings.PUBLIC_BASE_URL).netloc or host in settings.ALLOWED_HOSTS


def shareable(response) -> bool:
    control = {part.split("=")[0].strip().lower() for part in cc_delim_re.split(response.get("Cache-Control", ""))}
    vary = {part.strip().lower() for part in cc_delim_re.split(response.get("Vary", "")) if part.strip()}
    return not control & {"private", "no-cache", "no-store"} and vary <= SHAREABLE_VARY


class PageCacheMiddleware(CacheMiddleware):
    """Django's cache middleware for the requests described in the module's docstring, and the
    Cache-Control every public page answers with."""

    def __init__(self, get_response):
        super().__init__(get_response, page_timeout=max(settings.PAGE_CACHE_TIMEOUT, 0), cache_alias="pages")

    def process_request(self, request):
        if settings.PAGE_CACHE_TIMEOUT <= 0 or not self.cacheable(request):
            return None
        # Django's cache keys end in the request's language, which LocaleMiddleware sets only after
        # this runs: the same one it will set, from the path, so that the key looked up is the one
        # stored.
        request.LANGUAGE_CODE = translation.get_language_from_path(request.path_info)
        response = super().process_request(request)
        if response is not None:
            response[HIT_HEADER] = "hit"
        return response

    def process_response(self, request, response):
        if response.get(HIT_HEADER) == "hit" or not request.path.startswith(LANGUAGE_PREFIXES):
            return response
        # A page number is kept only when the page shows that page of its list: past the end Django
        # shows the last page, and a page without a list ignores the number (home.pagination).
        shown = (getattr(response, "context_data", None) or {}).values()
        cacheable = self.cacheable(request, strip=False) and shows_asked_pages(request, shown)
        if "Cache-Control" not in response:
            if cacheable and response.status_code == 200 and shareable(response) and not response.cookies:
                patch_response_headers(response, settings.PAGE_CACHE_MAX_AGE)
                patch_cache_control(response, public=True)
                if settings.PAGE_CACHE_SHARED_MAX_AGE != settings.PAGE_CACHE_MAX_AGE:
                    patch_cache_control(response, s_maxage=settings.PAGE_CACHE_SHARED_MAX_AGE)
            else:
                patch_cache_control(response, private=True, no_cache=True)
        # The same address answers signed-in editors differently (the userbar).
        patch_vary_headers(response, ("Cookie",))
        if response.cookies or not cacheable:
            # Django keeps an answer that sets a cookie only when it does not vary on cookies; none
            # of ours is kept.
            return response
        response = super().process_response(request, response)
        if cacheable and settings.PAGE_CACHE_TIMEOUT > 0:
            response[HIT_HEADER] = "miss"
        return response

    @staticmethod
    def cacheable(request, strip: bool = True) -> bool:
        if request.method not in ("GET", "HEAD") or not request.path.startswith(LANGUAGE_PREFIXES):
            return False
        if request.COOKIES or request.headers.get("Authorization"):
            return False
        return configured_host(request) and content_query(request, strip) is not None


def content_query(request, strip: bool = True) -> str | None:
    """The query string without campaign junk; None when it holds a parameter that is not kept, or a
    value of a kept one in any spelling but the canonical one. With `strip`, the request itself loses
    the junk, so that no page is built with it."""
    if not request.GET:
        return ""
    kept = QueryDict(mutable=True)
    for name, values in request.GET.lists():
        if name in IGNORED_PARAMS or name.startswith(IGNORED_PREFIXES):
            continue
        pattern = KEYED_PARAMS.get(name)
        if pattern is None or len(values) != 1 or not pattern.fullmatch(values[0]):
            return None
        kept[name] = values[0]
    query = kept.urlencode()
    if strip and len(kept) != len(request.GET):
        request.GET = QueryDict(query)
        request.META["QUERY_STRING"] = query
    return query


@never_cache
@require_GET
def csrf_token(request) -> JsonResponse:
    """The visitor's CSRF token (and its cookie), for a form on a page that came from a cache and so
    carries none (static/js/site.js puts it in the form)."""
    return JsonResponse({"token": get_token(request)})
