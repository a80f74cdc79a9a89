"""The pages on a request's path, asked for in one query: what `BasePage.route` routes through.

Wagtail's `Page.route` asks for the child by slug at each level of the path and loads it as its
specific type, the same statement once per level. Our page types override `route` (a documented
door: RoutablePageMixin does the same) to take the child from every page on the rest of the path,
found at once by `url_path` (which Wagtail keeps as the parent's plus the slug). The levels above
the page that answers are routed as deferred specific instances (no query); the page that answers is
loaded whole, with its locale. The same pages serve the breadcrumbs.
"""

from wagtail.models import Page

# A path deeper than this is routed level by level beyond it, so that a crafted address of a thousand
# segments costs no thousand-item query.
MAX_PREFETCHED_LEVELS = 12


def pages_on_path(request) -> dict[str, Page | None]:
    """{url_path: page, or None where no page is} of what this request's routing has asked for."""
    if not hasattr(request, "pages_on_path"):
        request.pages_on_path = {}
    return request.pages_on_path


def child_on_path(request, parent: Page, path_components: list[str]) -> Page | None:
    """The child of `parent` named by the first component, as a specific instance: whole when it is
    the deepest page found on the path (the one likely to answer), deferred otherwise."""
    known = pages_on_path(request)
    address = f"{parent.url_path}{path_components[0]}/"
    if address not in known:
        known[parent.url_path] = parent
        addresses = []
        level = parent.url_path
        for component in path_components[:MAX_PREFETCHED_LEVELS]:
            level = f"{level}{component}/"
            addresses.append(level)
        found = {
            page.url_path: page
            for page in Page.objects.filter(
                url_path__in=addresses, path__startswith=parent.path, depth__gt=parent.depth
            )
        }
        known.update({level: found.get(level) for level in addresses})
        request.deepest_page_on_path = next(
            (found[level].pk for level in reversed(addresses) if level in found and _unbroken(known, level, parent)),
            None,
        )
    child = known[address]
    if child is None or child.depth != parent.depth + 1 or not child.path.startswith(parent.path):
        return None
    if child.pk == getattr(request, "deepest_page_on_path", None):
        return child.specific_class.objects.select_related("locale").get(pk=child.pk)
    return child.specific_deferred


def _unbroken(known, address: str, parent: Page) -> bool:
    """Whether every level between `parent` and `address` has a page."""
    level = address
    while level != parent.url_path:
        if known.get(level) is None:
            return False
        level = level[: level.rstrip("/").rfind("/") + 1]
    return True


def ancestors_on_path(request, page: Page) -> list[Page] | None:
    """The page's ancestors from its language's home page down, as routing found them; None when the
    request did not route through them (the caller asks the database then)."""
    known = getattr(request, "pages_on_path", None) if request is not None else None
    if not known:
        return None
    by_path = {candidate.path: candidate for candidate in known.values() if candidate is not None}
    trail = []
    for depth in range(2, page.depth):
        ancestor = by_path.get(page.path[: depth * Page.steplen])
        if ancestor is None:
            return None
        trail.append(ancestor)
    return trail


def parent_on_path(request, page: Page) -> Page:
    """The page's parent as a specific instance: the one routing found (deferred, no query) when the
    request was routed through it, else asked for."""
    known = getattr(request, "pages_on_path", None) if request is not None else None
    parent_path = page.path[: -Page.steplen]
    for candidate in (known or {}).values():
        if candidate is not None and candidate.path == parent_path:
            return candidate.specific_deferred
    return page.get_parent().specific
