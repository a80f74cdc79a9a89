"""Public form pages on Wagtail's own form lifecycle, and the responses every public form shares."""

from django.http import HttpResponse, HttpResponseRedirect
from django.utils.cache import add_never_cache_headers


def personal(response: HttpResponse) -> HttpResponse:
    """Keep a page that shows what a person sent (a done page, a form echoed back with errors) out
    of every shared and browser cache, so that the next user of a shared computer or a proxy never
    gets it."""
    add_never_cache_headers(response)
    return response


def redirect_after_post(url: str) -> HttpResponseRedirect:
    """303 See Other: the browser follows with a GET, so a refresh never posts again."""
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response
