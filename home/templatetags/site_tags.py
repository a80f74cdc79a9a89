import re
from urllib.parse import urlsplit

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext

from wagtail.models import Page, Site

from home import content_cache
from home.i18n import (
    active_language,
    language_versions,
    link_in_language,
    live_translations,
    live_versions_of,
    requested_language,
)
from home.i18n import localized as localized_version
from home.models import Footer, NavigationMenu, SiteSettings
from home.routes import subpages_by_language
from home.seo import hreflang_alternates, share_image
from home.sites import absolute_url
from home.structured_data import for_page as structured_data_for
from home.structured_data import script
from home.text import summarise

register = template.Library()

# Wagtail's root is depth 1; each language's home page sits at depth 2.
LANGUAGE_ROOT_DEPTH = 2


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


@register.inclusion_tag("components/seo_head.html", takes_context=True)
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


@register.inclusion_tag("components/language_switcher.html", takes_context=True)
def language_switcher(context, page=None):
    request = context["request"]
    if not page:
        # Pages outside the tree (search, errors) switch to the home page of each language.
        homes = _home_versions(request)
        page = homes.get(active_language()) or homes.get(settings.LANGUAGE_CODE)
    versions = language_versions(page, request) if page else []
    return {
        "links": [
            {
                "version": version,
                "switch_url": f"{reverse('switch_language', args=[version.code])}?{urlencode({'next': version.url})}",
            }
            for version in versions
        ]
    }


@register.inclusion_tag("components/fallback_notice.html", takes_context=True)
def fallback_notice(context, page):
    request = context["request"]
    code = requested_language(request, page)
    if not code:
        return {}
    homes = _home_versions(request)
    home = homes.get(code)
    return {"requested": code, "home_url": home.get_url(request=request) if home else None}


@register.inclusion_tag("components/main_navigation.html", takes_context=True)
def main_navigation(context):
    request = context["request"]
    language = active_language()
    items = [
        dict(item) for item in content_cache.get_or_set("navigation", language, lambda: _navigation_items(language))
    ]
    for item in items:
        item["current"] = current_state(item, request)
    return {"items": items}


def current_state(item: dict, request) -> str | None:
    """aria-current for a navigation link: "page" on the linked page itself, "true" anywhere below it
    (an event, its programme or registration, a partner, a story, the overview). A language's home
    page is above every page, so it is current only on itself."""
    link = urlsplit(item["url"])
    if (link.netloc and link.netloc != request.get_host()) or not link.path.startswith("/"):
        return None  # another site
    link_path, path = link.path, request.path
    if path == link_path:
        return "page"
    if item.get("is_section") and path.startswith(link_path.rstrip("/") + "/"):
        return "true"
    return None


def _navigation_items(language: str) -> list[dict]:
    menu = NavigationMenu.objects.for_language(language)
    if not menu:
        return []
    pages = [block.value["page"] for block in menu.links if block.value["page"]]
    translations = live_versions_of(pages)
    items = []
    for block in menu.links:
        link = block.value
        if link["page"]:
            versions = translations.get(link["page"].translation_key)
            if not versions:
                continue  # the page is not live in any language
            url, translated = link_in_language(versions, language)
            if not url:
                continue  # the page is under no site, so it has no address here
            label = link["label"] or versions.get(language, link["page"]).title
            is_section = link["page"].depth > LANGUAGE_ROOT_DEPTH
            items.append({"url": url, "label": label, "translated": translated, "is_section": is_section})
        elif link["url"]:
            items.append(
                {"url": link["url"], "label": link["label"] or link["url"], "translated": True, "is_section": False}
            )
    return items


@register.inclusion_tag("components/footer.html", takes_context=True)
def site_footer(context):
    language = active_language()
    footer = Footer.shown(language)
    site = Site.find_for_request(context["request"])
    site_settings = (
        content_cache.get_or_set("site-settings", str(site.pk), lambda: SiteSettings.for_site(site)) if site else None
    )
    return {"footer": footer, "site_settings": site_settings}


@register.simple_tag(takes_context=True)
def page_query(context, param: str, number) -> str:
    """The current query string with `param` set to page `number`: filters survive paging."""
    query = context["request"].GET.copy()
    query[param] = number
    return "?" + query.urlencode()


@register.filter
def localized(obj):
    """`{% pageurl page|localized %}`: Wagtail's `.localized`, with the active locale from the cache."""
    return localized_version(obj)
