"""robots.txt and the share cards' pictures."""

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.http import require_safe

from wagtail.models import Page

from home.sites import absolute_url

from .share_images import card_key, card_title, card_url, stored_card


@require_safe
def robots_txt(request):
    """The sitemap at the address visitors use (PUBLIC_BASE_URL), whatever host the request came to."""
    return render(request, "seo/robots.txt", {"sitemap_url": absolute_url("/sitemap.xml")}, content_type="text/plain")


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
