"""`{% cache_fragment "name" key … %}…{% endcache_fragment %}`: template fragment caching, like
Django's `{% cache %}`, for a part of a page that shows published content only (a body, the cards
of a list, related pages). It is drawn once per language and stored in the content cache
(home/content_cache.py), which any publish, snippet change or shown comment empties, so it needs no
timeout; previews are never cached, and a list is cached per page number only.

The page cache stores whole pages for anonymous readers; cached fragments serve the requests it passes
on: signed-in editors, a form sent back, a list's later pages, addresses whose query string changes
the page. The values a fragment shows reach the template lazily (`SimpleLazyObject`), so a cached
fragment costs neither its queries nor its drawing. What varies with the request or the time (forms
and their tokens, whether a registration is open, the visitor) stays outside the tag; a fragment that
changes at midnight names the day among its keys.
"""

import re

from django import template
from django.utils import translation

from home import content_cache
from home.pagination import PAGER_PARAMETERS, shows_asked_pages

register = template.Library()


PAGE_NUMBER = re.compile(r"[1-9][0-9]{0,5}")


def list_page(request) -> str | None:
    """Which page of a list the request asks for ("" for the first), or None when its query string
    asks for more than page numbers (filters, or anything the pager's links would carry along): such a
    list is drawn for that request only, so that no address can fill the cache with variants."""
    if not request.GET.keys() <= PAGER_PARAMETERS:
        return None
    pages = []
    for name in sorted(request.GET):
        values = request.GET.getlist(name)
        if len(values) != 1 or not PAGE_NUMBER.fullmatch(values[0]):
            return None
        pages.append(f"{name}={values[0]}")
    return "&".join(pages)


class FragmentCacheNode(template.Node):
    def __init__(self, nodelist, name, keys, list_pages: list | None):
        self.nodelist = nodelist
        self.name = name
        self.keys = keys
        # For a fragment cached per page of a list: the variables that hold the list's pages (Django's
        # paginator pages), read once the part is drawn.
        self.list_pages = list_pages

    def render(self, context):
        request = context.get("request")
        if request is None or getattr(request, "is_preview", False):
            return self.nodelist.render(context)
        parts = [str(self.name.resolve(context)), *(str(key.resolve(context)) for key in self.keys)]
        if self.list_pages is not None:
            number = list_page(request)
            if number is None:
                return self.nodelist.render(context)
            parts += [request.path, number]
        return content_cache.get_or_set(
            "fragment:" + ":".join(parts),
            translation.get_language() or "",
            lambda: self.nodelist.render(context),
            store_result=lambda: self.shows_asked_pages(request, context),
        )

    def shows_asked_pages(self, request, context) -> bool:
        """A number the list does not have is drawn for the request, never cached under that number."""
        if self.list_pages is None:
            return True
        return shows_asked_pages(request, [variable.resolve(context) for variable in self.list_pages])


@register.tag
def cache_fragment(parser, token):
    """{% cache_fragment "name" key … %} or, for one page of a list, {% cache_fragment "name" key … per_list_page page_obj … %}
    naming after `per_list_page` the variables that hold the list's pages."""
    bits = token.split_contents()
    list_pages = None
    if "per_list_page" in bits:
        position = bits.index("per_list_page")
        bits, list_pages = bits[:position], [parser.compile_filter(bit) for bit in bits[position + 1 :]]
        if not list_pages:
            raise template.TemplateSyntaxError(
                f"'{bits[0]}' needs the list's page after per_list_page: {{% cache_fragment \"name\" per_list_page page_obj %}}"
            )
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"'{bits[0]}' needs a name: {{% cache_fragment \"name\" page.pk %}}")
    nodelist = parser.parse(("endcache_fragment",))
    parser.delete_first_token()
    keys = [parser.compile_filter(bit) for bit in bits[2:]]
    return FragmentCacheNode(nodelist, parser.compile_filter(bits[1]), keys, list_pages)
