import logging
import secrets

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import DatabaseError, connection
from django.http import FileResponse, Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language_from_request
from django.views import csrf
from django.views.decorators.http import require_safe

from wagtail.models import Page, Site

from . import release
from .forms import HONEYPOT_FIELD
from .i18n import language_codes, live_translations
from .share_images import card_key, card_title, card_url, stored_card
from .sites import absolute_url

logger = logging.getLogger(__name__)


def _home_url(request, language: str) -> str:
    site = Site.find_for_request(request)
    homes = live_translations(site.root_page) if site else {}
    home = homes.get(language) or homes.get(settings.LANGUAGE_CODE)
    return home.get_url(request=request) if home else f"/{settings.LANGUAGE_CODE}/"


@require_safe
def root_redirect(request):
    """`/` leads to the visitor's language: the cookie first, then Accept-Language, then nb."""
    language = get_language_from_request(request, check_path=False)
    response = HttpResponseRedirect(_home_url(request, language))
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    return response


@require_safe
def switch_language(request, language_code: str):
    """Remember the visitor's choice of language, then go to the page they chose it for."""
    if language_code not in language_codes():
        raise Http404
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = _home_url(request, language_code)
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language_code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=True,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


@require_safe
def robots_txt(request):
    """The sitemap at the address visitors use (PUBLIC_BASE_URL), whatever host the request came to."""
    return render(request, "robots.txt", {"sitemap_url": absolute_url("/sitemap.xml")}, content_type="text/plain")


@require_safe
def share_card(request, page_id: int, key: str):
    """A live public page's share card, drawn on the first request for its current title. An address
    with an older title's hash leads to the current card."""
    page = Page.objects.live().public().filter(pk=page_id).specific().first()
    if page is None:
        raise Http404
    title, language = card_title(page), page.locale.language_code
    if key != card_key(title, language):
        return HttpResponseRedirect(card_url(page))
    response = FileResponse(default_storage.open(stored_card(title, language), "rb"), content_type="image/png")
    # The address changes with the title, so what it serves never changes.
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response


@require_safe
def healthz(request):
    """For load balancers: 200 when this app server reaches the database and the cache, else 503
    naming the part that failed; and for whoever restarts it, the release it serves and since when.
    Nothing about visitors, no session, never cached."""
    checks = {"database": _database_reachable(), "cache": _cache_reachable()}
    healthy = all(checks.values())
    response = JsonResponse(
        {
            "status": "ok" if healthy else "error",
            **{part: "ok" if ok else "error" for part, ok in checks.items()},
            "release": release.current_release(),
            "started": release.STARTED_AT.isoformat(timespec="seconds"),
        },
        status=200 if healthy else 503,
    )
    add_never_cache_headers(response)
    return response


def _database_reachable() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError as error:
        logger.warning("healthz: database unreachable (%s)", type(error).__name__)
        return False


def _cache_reachable() -> bool:
    # A key of its own per request, so that app servers sharing one cache cannot answer for each other.
    key = f"healthz:{secrets.token_hex(8)}"
    try:
        cache.set(key, "ok", timeout=10)
        reachable = cache.get(key) == "ok"
        cache.delete(key)
        return reachable
    except Exception as error:  # noqa: BLE001 - every backend (file, Redis, memcached) raises its own errors
        logger.warning("healthz: cache unreachable (%s)", type(error).__name__)
        return False


def csrf_failure(request, reason=""):
    """Django's CSRF refusal, except for a public form sent without its token (from a page a cache
    kept, whose script did not run to ask for one): the visitor's answers come back, in their
    language, in a form that carries a token, to send again. Public forms are told by their honeypot."""
    if request.method == "POST" and HONEYPOT_FIELD in request.POST and request.path.startswith(language_prefixes()):
        fields = [
            (name, value) for name, values in request.POST.lists() if name != "csrfmiddlewaretoken" for value in values
        ]
        context = {"action": request.get_full_path(), "fields": fields}
        return render(request, "home/send_again.html", context, status=403)
    return csrf.csrf_failure(request, reason)


def language_prefixes() -> tuple[str, ...]:
    return tuple(f"/{code}/" for code in language_codes())
