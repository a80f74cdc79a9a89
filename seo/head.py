"""What search engines and social media are told about a page: where it is in every language (the
hreflang alternates of the page's head and of its <url> in the sitemap come from the one function
here, so that the two never disagree), and the picture shared with links to it."""

from django.conf import settings

from wagtail.models import Page

from home.routes import LocalisedRoutablePageMixin
from home.sites import absolute_url

from .share_images import HEIGHT, WIDTH, card_title, card_url


def hreflang_alternates(
    versions: dict[str, Page], request=None, subpages: dict[str, str] | None = None, query: str = ""
) -> tuple[list[tuple[str, str]], str | None]:
    """([(language, absolute address)] of every live version in the order of LANGUAGES, x-default).

    `versions` are the live language versions of one page ({language: page}); `subpages`
    ({language: path}) points at the same route under each of them; `query` (page 2 of a list) is kept.
    x-default is the source (nb) version, which readers of any other language are offered."""
    subpages = subpages or {}
    alternates = []
    for code, _name in settings.LANGUAGES:
        version = versions.get(code)
        url = version.get_url(request=request) if version is not None else None  # None: under no site
        if url is not None:
            alternates.append((code, absolute_url(url + subpages.get(code, "") + query)))
    by_code = dict(alternates)
    return alternates, by_code.get(settings.LANGUAGE_CODE)


def route_subpages(page: Page, location_suffix: str) -> dict[str, str]:
    """{language: path} of the route of `page` whose path in the page's language is `location_suffix`
    ("programme/", "historier/?page=2"): the same route in each language, or the same path in each
    language for a route that has no localised segments."""
    codes = [code for code, _name in settings.LANGUAGES]
    if not location_suffix:
        return dict.fromkeys(codes, "")
    if isinstance(page, LocalisedRoutablePageMixin):
        path, mark, query = location_suffix.partition("?")
        for name in page.localised_routes():
            if page.reverse_subpage(name) == path:
                return {code: page.subpage_in_language(code, name) + mark + query for code in codes}
    return dict.fromkeys(codes, location_suffix)


def share_image(page: Page) -> dict:
    """OpenGraph's picture of `page`: its own image cut for sharing, else its drawn title card.
    {"url", "width", "height", "alt"}, the address absolute; nothing is drawn here."""
    image = page.share_image() if hasattr(page, "share_image") else None
    if image is not None:
        rendition = image.get_rendition(page.share_image_filter)
        return {
            "url": absolute_url(rendition.url),
            "width": rendition.width,
            "height": rendition.height,
            "alt": (page.share_image_alt() if hasattr(page, "share_image_alt") else "")
            or getattr(image, "default_alt_text", "")
            or image.title,
        }
    return {"url": absolute_url(card_url(page)), "width": WIDTH, "height": HEIGHT, "alt": card_title(page)}
