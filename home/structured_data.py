"""schema.org data (JSON-LD) for search engines, one builder per kind of thing a page is.

Every page type says what it is with `BasePage.structured_data(request, context)`, a list of
schema.org objects; the head (`seo/seo_head.html`) adds a BreadcrumbList below the home page
and writes each object as a `<script type="application/ld+json">` data block. Pages and events carry
`inLanguage`; organisations and breadcrumb lists have no such property in schema.org.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.utils.safestring import mark_safe

from home import routing
from home.sites import absolute_url

CONTEXT = "https://schema.org"
SITE_NAME = "s2pU"
# As Django's json_script escapes them (its table is private): no text can close the tag.
SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def script(data: dict) -> str:
    """A data block, not a script: browsers never execute type="application/ld+json", so the strict
    CSP (script-src 'self') leaves it alone. <, > and & are escaped so that text can never close the tag."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308  (escaped above)


def page_url(page, request=None) -> str:
    return absolute_url(page.get_url(request=request) or "")


def language_of(page) -> str:
    return page.locale.language_code


def publisher() -> dict:
    """The site's organisation, as the publisher and author of what has no other author."""
    return {"@type": "Organization", "name": SITE_NAME, "url": absolute_url("/"), "logo": site_logo()}


def site_logo() -> str:
    return absolute_url(static("img/favicon.svg"))


def web_page(page, request=None, schema_type: str = "WebPage", **extra) -> dict:
    data = {
        "@context": CONTEXT,
        "@type": schema_type,
        "name": page.seo_title or page.title,
        "url": page_url(page, request),
        "inLanguage": language_of(page),
    }
    description = getattr(page, "meta_description", "")
    if description:
        data["description"] = description
    return data | extra


def organisation(home, request=None, same_as: list[str] | None = None) -> dict:
    """The site's organisation on its home page (Google's Organization: name, url, logo, sameAs)."""
    data = {
        "@context": CONTEXT,
        "@type": "Organization",
        "name": SITE_NAME,
        "url": page_url(home, request),
        "logo": site_logo(),
    }
    if same_as:
        data["sameAs"] = same_as
    return data


def website(home, request=None) -> dict:
    return {
        "@context": CONTEXT,
        "@type": "WebSite",
        "name": SITE_NAME,
        "url": page_url(home, request),
        "inLanguage": language_of(home),
        "publisher": publisher(),
    }


def article(page, request=None, *, date_published, image_url: str, schema_type: str = "Article", **extra) -> dict:
    """Google's Article: headline (at most 110 characters), image, dates, author, publisher."""
    modified = page.last_published_at or page.latest_revision_created_at
    data = web_page(page, request, schema_type) | {
        "headline": (page.seo_title or page.title)[:110],
        "image": [image_url],
        "datePublished": date_published.isoformat(),
        "author": [publisher()],
        "publisher": publisher(),
        "mainEntityOfPage": page_url(page, request),
    }
    if modified:
        data["dateModified"] = modified.isoformat()
    return data | extra


def breadcrumbs(page, request=None) -> dict | None:
    """The way from the page's home page (its language's) down to the page; None on a home page."""
    ancestors = routing.ancestors_on_path(request, page)
    if ancestors is None:
        ancestors = page.get_ancestors().filter(depth__gte=2).select_related("locale")
    trail = [*ancestors, page]
    if len(trail) < 2:
        return None
    return {
        "@context": CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": number, "name": crumb.title, "item": page_url(crumb, request)}
            for number, crumb in enumerate(trail, start=1)
        ],
    }


def for_page(page, request=None, context=None) -> list[dict]:
    """Everything the head says about `page` in JSON-LD, breadcrumbs included."""
    items = list(page.structured_data(request, context or {})) if hasattr(page, "structured_data") else []
    trail = breadcrumbs(page, request) if page.depth > 2 else None
    return items + ([trail] if trail else [])
