"""Addresses typed in the script of a page's title lead to the page.

Every slug on the site is its title romanised (home.text.slugify_ascii), so /uk/про-співпрацю/ is
pasted where /uk/pro-spivpratsiu/ is meant. A request that found nothing, whose path holds letters
outside ASCII, is sent on (301) to the live page whose slugs are those path segments romanised, in
the language of the path's prefix; without such a page it stays a 404.
"""

from django.conf import settings
from django.http import HttpResponsePermanentRedirect

from wagtail.models import Page, Site

from home.text import slugify_ascii


def romanised_page(request) -> Page | None:
    """The live page the request's path names once romanised, if that is another address."""
    language, *segments = [segment for segment in request.path_info.split("/") if segment]
    if language not in dict(settings.LANGUAGES) or not segments:
        return None
    slugs = [slugify_ascii(segment) for segment in segments]
    if not all(slugs) or slugs == segments:
        return None
    site = Site.find_for_request(request)
    if site is None:
        return None
    home = site.root_page.localized  # in the prefix's language: LocaleMiddleware activated it
    if home.locale.language_code != language:
        return None
    return Page.objects.live().filter(url_path=f"{home.url_path}{'/'.join(slugs)}/").first()


class RomanisedAddressMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD") or request.path_info.isascii():
            return response
        page = romanised_page(request)
        url = page.get_url(request=request) if page is not None else None
        if not url:
            return response
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)
