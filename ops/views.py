"""The site's own addresses for its operation: the health check for load balancers, and the answer
to a public form sent without its CSRF token (from a page a cache kept)."""

import logging
import secrets

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.views import csrf
from django.views.decorators.http import require_safe

from home.forms import HONEYPOT_FIELD
from home.i18n import language_codes

from . import release

logger = logging.getLogger(__name__)


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
        return render(request, "ops/send_again.html", context, status=403)
    return csrf.csrf_failure(request, reason)


def language_prefixes() -> tuple[str, ...]:
    return tuple(f"/{code}/" for code in language_codes())
