"""What search engines and social media read in a page's head: `{% seo_head page description %}` and
`{% meta_description page %}`, in base.html."""

import re

from django import template
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from wagtail.models import Page, Site

from home.i18n import active_language, live_translations
from home.routes import subpages_by_language
from home.sites import absolute_url
from home.structured_data import for_page as structured_data_for
from home.structured_data import script
from home.text import summarise

from ..head import hreflang_alternates, share_image

register = template.Library()


def _home_versions(request) -> dict[str, Page]:
    site = Site.find_for_request(request)
    return live_translations(site.root_page) if site else {}


def _list_page_query(context, request) -> str:
    """ "?page=N" on page N > 1 of a list, else "".

    The canonical address keeps only this of the query string: each page of a list shows other items,
    so it is a document of its own for search engines, while filters (and ?requested=) show a part of
    the same list or the same page, which should be indexed once, at its plain address."""
    if "page" not in request.GET:
        return ""  # the first page; its list (often kept whole, templatetags/fragment_cache.py) is not read for this
    page_obj = context.get("page_obj")
    number = getattr(page_obj, "number", None)
    if number is None:
        value = request.GET.get("page", "")
        number = int(value) if re.fullmatch(r"[0-9]{1,9}", value) else None
    return f"?page={number}" if number and number > 1 else ""


@register.inclusion_tag("seo/seo_head.html", takes_context=True)
def seo_head(context, page=None, description=""):
    """Everything search engines and social media read in a head: canonical, hreflang alternates (with
    x-default: nb), OpenGraph and Twitter cards with the share image, and the JSON-LD. For the page, or
    the route under it that the request is on (stories, programme …): the same route in each language."""
    request = context["request"]
    page = page or None
    if page is None:
        language = active_language()
        homes = _home_versions(request)
        home = homes.get(language) or homes.get(settings.LANGUAGE_CODE)
        return {
            "canonical": absolute_url(request.path),
            "title": "s2pU",
            "description": description,
            "og_type": "website",
            "image": share_image(home) if home else None,
            "og_locale": settings.OG_LOCALES[language],
            "og_alternates": [
                settings.OG_LOCALES[code] for code, _name in settings.LANGUAGES if code in homes and code != language
            ],
            "request": request,
        }
    language = page.locale.language_code
    versions = live_translations(page)
    subpages = subpages_by_language(page, request)
    query = _list_page_query(context, request)
    alternates, x_default = hreflang_alternates(versions, request, subpages, query)
    own_url = page.get_url(request=request)
    canonical = (
        absolute_url(own_url + subpages[language] + query) if own_url is not None else absolute_url(request.path)
    )
    return {
        "canonical": canonical,
        "alternates": alternates,
        "x_default": x_default or canonical,
        "title": page.seo_title or page.title,
        "description": description,
        "og_type": getattr(page, "og_type", "website"),
        "image": share_image(page),
        "structured_data": [script(data) for data in structured_data_for(page, request, context)],
        "og_locale": settings.OG_LOCALES[language],
        "og_alternates": [settings.OG_LOCALES[code] for code, _url in alternates if code != language],
        "page": page,
        "request": request,
    }


@register.simple_tag
def meta_description(page=None) -> str:
    """The page's meta description, in its language. Pages outside the tree (search, errors) and pages
    without any text get a sentence about the site, in the reader's language or the page's."""
    page = page or None  # a template without a page passes ""
    description = getattr(page, "meta_description", "") if page is not None else ""
    if description:
        return description
    with translation.override(page.locale.language_code if page is not None else active_language()):
        about = gettext(
            "s2pU brings Norwegian and Ukrainian municipalities together: the municipality conference, "
            "partnerships and their stories."
        )
    return summarise(f"{page.title}. {about}") if page is not None else about
