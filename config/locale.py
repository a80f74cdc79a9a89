"""Django's LocaleMiddleware, except that a 404 a view gave itself stays a 404.

Django sends every unprefixed address that answers 404 to its language version (`/x` → `/nb/x`)
when that version would resolve, and the page tree's catch-all under `/nb/` resolves anything: so
the read-only API's "no such site" (`/api/v2/pages/?site=…`) became a redirect into the page tree,
and with a long query string a redirect longer than Django allows, answered 400 in HTML. Only an
address that no view answered is sent on to its language version.
"""

from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers


class ViewAwareLocaleMiddleware(LocaleMiddleware):
    def process_response(self, request, response):
        answered_by_a_view = request.resolver_match is not None
        unprefixed = not translation.get_language_from_path(request.path_info)
        if response.status_code == 404 and answered_by_a_view and unprefixed:
            patch_vary_headers(response, ("Accept-Language",))
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        return super().process_response(request, response)
