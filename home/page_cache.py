"""Whole public pages kept in the shared cache for anonymous visitors (docs/performance.md).

What is kept: a 200 answer to a GET for a path under a language prefix (/nb/, /uk/, /en/), asked
of a configured host (PUBLIC_BASE_URL's, or a name in ALLOWED_HOSTS without a port) without a
session or a pending message, whose query string holds only the few parameters that select content
(`KEYED_PARAMS`: a page number the list has, a language for the "not translated" notice) and
tracking junk (`IGNORED_PARAMS`, dropped before the page is built, so it never multiplies the
entries). Nobody can make entries at will: another port, another page number or language is built
for them and not kept. Anything else (a search, a filter, a signed-in editor, a preview in the admin, a POST) goes
through the whole stack and is never stored. A view keeps its answer out by sending Cache-Control
itself (private, no-cache or no-store), as the done pages and the registration form do.

When the cache is emptied: every entry carries the content version of home.chrome_cache and counts
only while it is current, so a page, snippet, setting, image, document or approved comment saved or
deleted on any app server empties it for all of them in one step (the version lives in the shared
cache). A whole-site bump is coarse, but it cannot miss a page that shows the changed thing (a menu,
a list of stories, a translation's language switcher), and a miss costs one ordinary request.

Forms: the CSRF token is never stored. The page is kept with a placeholder wherever a token was
written, and each visitor gets a token of their own (and the cookie that goes with it) when the page
is served, so a form on a kept page posts as if it had been built for them. Such a page is marked
private for shared caches (a CDN must not hand one visitor's token to another).

The lookup runs right after SecurityMiddleware and WhiteNoise: a hit skips sessions, locale, URL
routing and the view. The answer is stored after every inner middleware has run, so a hit carries the
same headers (CSP, Permissions-Policy, X-Frame-Options) as a fresh page; the outer SecurityMiddleware
adds HSTS and the others to the hit as it does to every response.

In front of Django (config/wsgi.py), PageCacheApplication answers a GET for a page that Django has
already answered from this cache in the same process, without Django's request handling: it keeps
the final answer (every header the whole middleware stack gave it, the page in parts around the
tokens) in process memory and serves it while the shared content version is still the one it was
built under. One shared-cache read (the version) per request, so a purge on any app server is seen
at once here too. A hit costs about a fifth of what it costs through Django, which is what lets kept
pages answer twenty times as fast as built ones even where building is cheap (docs/performance.md).
"""

import contextlib
import hashlib
import re
import threading
import time
from collections import OrderedDict
from typing import NamedTuple
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIRequest
from django.http import HttpResponse, QueryDict
from django.middleware.csrf import CsrfViewMiddleware, _unmask_cipher_token, get_token
from django.utils.cache import cc_delim_re, patch_cache_control, patch_vary_headers

from . import chrome_cache
from .pagination import shows_asked_pages
from .release import current_release

# Parameters that campaigns and share buttons add; the page is the same without them.
IGNORED_PARAMS = frozenset({"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "_ga", "_gl", "igshid", "ref"})
IGNORED_PREFIXES = ("utm_",)
# Parameters that select content, with the values that may be kept: pages are kept per value. A
# page number is kept only when the page shows that page of its list (PageCacheMiddleware.storable).
KEYED_PARAMS = {
    "page": re.compile(r"[1-9][0-9]{0,5}"),
    "requested": re.compile("|".join(re.escape(code) for code, _name in settings.LANGUAGES)),
}
HIT_HEADER = "X-Page-Cache"
CSRF_PLACEHOLDER = b"\x00csrf-token\x00"
CANDIDATE_TOKEN = re.compile(rb"[a-zA-Z0-9]{64}")
# Headers of the stored answer that belong to one response only.
UNSTORED_HEADERS = {"set-cookie", "content-length", "date"}
SHAREABLE_VARY = {"cookie", "accept-encoding"}
# Pages the front keeps in each process's memory, the most recently served first: about 20 KB each.
FRONT_PAGES = 500
# Where a hit through Django leaves the entry it served, for the front to keep (the environ is the
# one dict both see).
FRONT_ENTRY = "s2pu.page_cache.entry"


class KeptPage(NamedTuple):
    version: int
    parts: list[bytes]
    headers: list[tuple[str, str]]
    expires: float  # time.time(): PAGE_CACHE_TIMEOUT after it was built, wherever it is kept


def release() -> str:
    """What changes with a deploy: the static files' manifest (new CSS and JS names) and an optional
    release (home.release: RELEASE, else the git commit), so that pages built by the previous release
    are never served by the next."""
    manifest = settings.STATIC_ROOT / "staticfiles.json" if settings.STATIC_ROOT else None
    digest = hashlib.sha256(current_release().encode())
    if manifest is not None and manifest.is_file():
        digest.update(manifest.read_bytes())
    return digest.hexdigest()[:12]


def used_csrf_token(request) -> bool:
    """Whether the page asked for a CSRF token. get_token() sets the flag, and CsrfViewMiddleware
    resets it to False once it has set the cookie, so its presence is what tells."""
    return "CSRF_COOKIE_NEEDS_UPDATE" in request.META


def live(response: HttpResponse) -> HttpResponse:
    """For a page that shows what changes with every visitor's action (places left): built for
    each request, and revalidated by browsers."""
    patch_cache_control(response, private=True, no_cache=True)
    return response


class PageCache:
    """Which requests are kept under which key, and a kept page's body for one visitor: what the
    middleware and the front share, so that both answer alike."""

    def __init__(self):
        # Only its process_request and process_response are used here, and neither calls get_response.
        self.csrf = CsrfViewMiddleware(lambda request: None)
        self.prefixes = tuple(f"/{code}/" for code, _name in settings.LANGUAGES)
        self.release = release()
        self.private_cookies = {settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name}

    # --- Which requests -------------------------------------------------------------------

    def key(self, request) -> str | None:
        if request.method not in ("GET", "HEAD") or not request.path.startswith(self.prefixes):
            return None
        if self.private_cookies & request.COOKIES.keys():
            return None
        query = self.content_query(request)
        if query is None:
            return None
        host = self.configured_host(request)
        if host is None:
            return None
        scheme = "https" if request.is_secure() else "http"
        address = hashlib.sha256(f"{scheme}://{host}{request.path}?{query}".encode()).hexdigest()
        return f"page:{self.release}:{address}"

    @staticmethod
    def configured_host(request) -> str | None:
        """The Host the request names, if it is one the site is configured for: any other port of a
        name ALLOWED_HOSTS lets through would otherwise be a page of its own in the cache."""
        try:
            host = request.get_host()
        except DisallowedHost:
            return None
        if host == urlsplit(settings.PUBLIC_BASE_URL).netloc or host in settings.ALLOWED_HOSTS:
            return host
        return None

    def content_query(self, request) -> str | None:
        """The query string without junk, sorted; None when it holds a parameter not kept per value.
        The request itself loses the junk, so that no page is built with it."""
        if not request.GET:
            return ""
        kept = []
        for name, values in request.GET.lists():
            if name in IGNORED_PARAMS or name.startswith(IGNORED_PREFIXES):
                continue
            if name not in KEYED_PARAMS or len(values) != 1 or not KEYED_PARAMS[name].fullmatch(values[0]):
                return None
            kept.append((name, values[0]))
        query = urlencode(sorted(kept))
        if len(kept) != len(request.GET):
            request.GET = QueryDict(query)
            request.META["QUERY_STRING"] = query
        return query

    # --- Lookup and store -----------------------------------------------------------------

    def lookup(self, key) -> tuple[int, KeptPage | None]:
        """The content version now, and the entry under `key` if it was built under that version
        and is not past its time."""
        found = cache.get_many([chrome_cache.VERSION_KEY, key])
        current = found.get(chrome_cache.VERSION_KEY)
        if current is None:
            current = chrome_cache.version()
        entry = found.get(key)
        if isinstance(entry, KeptPage) and entry.version == current and entry.expires > time.time():
            return current, entry
        return current, None

    def body(self, request, parts: list[bytes]) -> bytes:
        """The kept page with the visitor's own token wherever one was written: from their cookie, or
        a new one, as CsrfViewMiddleware would (and as a template does, one token for the page)."""
        if len(parts) == 1:
            return parts[0]
        self.csrf.process_request(request)
        return get_token(request).encode().join(parts)

    @staticmethod
    def shareable(response) -> bool:
        control = {part.split("=")[0].strip().lower() for part in cc_delim_re.split(response.get("Cache-Control", ""))}
        vary = {part.strip().lower() for part in cc_delim_re.split(response.get("Vary", "")) if part.strip()}
        return not control & {"private", "no-cache", "no-store"} and vary <= SHAREABLE_VARY


class PageCacheMiddleware(PageCache):
    def __init__(self, get_response):
        super().__init__()
        self.get_response = get_response

    def __call__(self, request):
        key = self.key(request)
        if key is None:
            return self.headed(request, self.get_response(request), cacheable=False)
        if settings.PAGE_CACHE_TIMEOUT <= 0:
            return self.headed(request, self.get_response(request), cacheable=True)
        current, entry = self.lookup(key)
        if entry is not None:
            return self.hit(request, entry)
        response = self.get_response(request)
        storable = request.method == "GET" and self.storable(request, response)
        self.headed(request, response, cacheable=True)
        if storable:
            self.store(request, response, key, current)
        response[HIT_HEADER] = "miss"
        return response

    def storable(self, request, response) -> bool:
        """Judged on what the view and the inner middleware sent, before this one adds headers."""
        return (
            response.status_code == 200
            and not response.streaming
            and self.shareable(response)
            and not response.cookies.keys() - {settings.CSRF_COOKIE_NAME}
            and shows_asked_pages(request, (getattr(response, "context_data", None) or {}).values())
        )

    def store(self, request, response, key, current) -> None:
        parts = [response.content]
        if used_csrf_token(request):
            parts = self.without_tokens(response.content, request.META["CSRF_COOKIE"])
            if parts is None:
                return
        headers = [(name, value) for name, value in response.items() if name.lower() not in UNSTORED_HEADERS]
        expires = time.time() + settings.PAGE_CACHE_TIMEOUT
        cache.set(key, KeptPage(current, parts, headers, expires), settings.PAGE_CACHE_TIMEOUT)

    @staticmethod
    def without_tokens(content: bytes, secret: str) -> list[bytes] | None:
        """The page cut where a CSRF token for `secret` was written; None if none is found (the token
        went somewhere this cannot see, so the page is not kept)."""
        parts, start = [], 0
        for match in CANDIDATE_TOKEN.finditer(content):
            if _unmask_cipher_token(match.group().decode()) == secret:
                parts.append(content[start : match.start()])
                start = match.end()
        if not parts:
            return None
        parts.append(content[start:])
        return parts

    def hit(self, request, entry: KeptPage) -> HttpResponse:
        response = HttpResponse(self.body(request, entry.parts))
        if len(entry.parts) > 1:
            self.csrf.process_response(request, response)
        for name, value in entry.headers:
            response.headers[name] = value
        # As CommonMiddleware gives a built page (a hit is answered before it runs): without a length,
        # the server must close an HTTP/1.0 keep-alive connection after the page, or chunk it.
        response.headers["Content-Length"] = str(len(response.content))
        response[HIT_HEADER] = "hit"
        request.META[FRONT_ENTRY] = entry
        return response

    # --- Headers --------------------------------------------------------------------------

    def headed(self, request, response, cacheable: bool) -> HttpResponse:
        """Cache-Control for browsers and shared caches, unless the view chose its own."""
        if "Cache-Control" in response:
            return response
        shared = cacheable and response.status_code == 200 and not used_csrf_token(request) and self.shareable(response)
        if shared:
            patch_cache_control(response, public=True, max_age=settings.PAGE_CACHE_MAX_AGE)
            if settings.PAGE_CACHE_SHARED_MAX_AGE != settings.PAGE_CACHE_MAX_AGE:
                patch_cache_control(response, s_maxage=settings.PAGE_CACHE_SHARED_MAX_AGE)
        elif request.path.startswith(self.prefixes):
            patch_cache_control(response, private=True, no_cache=True)
        if request.path.startswith(self.prefixes):
            # The same address answers signed-in editors differently (the userbar).
            patch_vary_headers(response, ("Cookie",))
        return response


class FrontPage(NamedTuple):
    """A kept page as the front answers it: the entry's parts, and the status and headers Django's
    whole stack answered it with, less those that belong to one response."""

    version: int
    expires: float
    parts: list[bytes]
    status: str
    headers: list[tuple[str, str]]


class PageCacheApplication:
    """WSGI application in front of Django's (config/wsgi.py): answers a GET for a page that Django
    answered from the page cache in this process, without Django's request handling (see the module's
    docstring). Anything it cannot answer, or any error on the way, goes to Django unchanged."""

    def __init__(self, application, size: int = FRONT_PAGES):
        self.application = application
        self.size = size
        self.pages: OrderedDict[str, FrontPage] = OrderedDict()
        self.lock = threading.Lock()
        self.kept = PageCache()

    def __call__(self, environ, start_response):
        key = None
        # The cache is an aid: on any error Django answers, and reports it its own way.
        with contextlib.suppress(Exception):
            request, key = self.keyed(environ)
            page = self.current(key) if key is not None else None
            if page is not None:
                return self.serve(request, page, start_response)
        if key is None:
            return self.application(environ, start_response)
        return self.remembering(key, environ, start_response)

    def keyed(self, environ) -> tuple[WSGIRequest | None, str | None]:
        """The request and its page-cache key, or no key for what the front leaves to Django."""
        if settings.PAGE_CACHE_TIMEOUT <= 0 or environ.get("REQUEST_METHOD") != "GET":
            return None, None
        if not environ.get("PATH_INFO", "").startswith(self.kept.prefixes):
            return None, None
        # WSGIRequest writes the decoded path back into the environ it is given; Django's own request
        # must be built from the server's Latin-1 PATH_INFO, or a path outside Latin-1 breaks it.
        request = WSGIRequest(environ.copy())
        return request, self.kept.key(request)

    def current(self, key: str) -> FrontPage | None:
        """The page kept here under `key` if it is still the one to serve (made the most recent)."""
        with self.lock:
            page = self.pages.get(key)
            if page is not None:
                self.pages.move_to_end(key, last=False)
        # Read from the shared cache itself: outside Django's request, no request's memo applies.
        if page is None or page.expires <= time.time() or page.version != cache.get(chrome_cache.VERSION_KEY):
            return None
        return page

    def serve(self, request, page: FrontPage, start_response):
        body = self.kept.body(request, page.parts)
        headers = [*page.headers, ("Content-Length", str(len(body)))]
        if len(page.parts) > 1:
            # The visitor's token cookie, set (or renewed) exactly as Django sets it.
            carrier = HttpResponse()
            self.kept.csrf.process_response(request, carrier)
            headers += [("Set-Cookie", cookie.output(header="")) for cookie in carrier.cookies.values()]
        start_response(page.status, headers)
        return [body]

    def remembering(self, key, environ, start_response):
        """Django's answer, kept here when it came from the page cache."""
        answered = {}

        def start_and_note(status, headers, exc_info=None):
            answered.update(status=status, headers=headers)
            return start_response(status, headers, exc_info)

        response = self.application(environ, start_and_note)
        entry = environ.get(FRONT_ENTRY)
        if entry is not None and answered.get("status", "").startswith("200 "):
            headers = [
                (name, value)
                for name, value in answered["headers"]
                if name.lower() not in ("set-cookie", "content-length")
            ]
            page = FrontPage(entry.version, entry.expires, entry.parts, answered["status"], headers)
            with self.lock:
                self.pages[key] = page
                self.pages.move_to_end(key, last=False)
                while len(self.pages) > self.size:
                    self.pages.popitem()
        return response
