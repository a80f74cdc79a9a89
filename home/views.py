"""The addresses without a language: `/` to the visitor's language, and the switch between languages."""

from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language_from_request
from django.views.decorators.http import require_safe

from wagtail.models import Site

from .i18n import language_codes, live_translations


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
