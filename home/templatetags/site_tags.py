from urllib.parse import urlsplit

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.http import urlencode

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

register = template.Library()

# Wagtail's root is depth 1; each language's home page sits at depth 2.
LANGUAGE_ROOT_DEPTH = 2


def _home_versions(request) -> dict[str, Page]:
    site = Site.find_for_request(request)
    return live_translations(site.root_page) if site else {}


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
