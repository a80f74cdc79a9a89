"""Wagtail's routing with two queries a request instead of two a level.

Wagtail finds the Site with a query, the home page's translation with another, then for each level of
the path asks for the child by slug and loads it as its specific type: a story three levels down cost
seven queries before its own code ran, and the slug lookups repeated one statement per level. Here the
sites and every language's home page come from the chrome cache, all pages on the path arrive in one
query (by `url_path`, which Wagtail keeps as the parent's plus the slug), and only the page that
answers is loaded as its specific type; the levels above it are routed as deferred instances, so a
routable page's own `route()` (RoutablePageMixin) still runs at its level, as in Wagtail.

The same pages serve the breadcrumbs (the ancestors of the page are the pages on its path).
"""

from django.http import Http404
from django.http.request import split_domain_port

from wagtail.models import Locale, Page, Site
from wagtail.models.sites import MATCH_DEFAULT, MATCH_HOSTNAME, MATCH_HOSTNAME_DEFAULT, MATCH_HOSTNAME_PORT

from . import chrome_cache

# A path deeper than this is routed level by level beyond it, so that a crafted address of a thousand
# segments costs no thousand-item query.
MAX_PREFETCHED_LEVELS = 12

_wagtail_route = Page.route


def _sites() -> list[Site]:
    return chrome_cache.get_or_build("sites", "", lambda: list(Site.objects.select_related("root_page")))


def site_for_hostname(hostname: str, port: int) -> Site:
    """Wagtail's `get_site_for_hostname`, chosen by the same rules from the cached sites."""
    candidates = []
    for site in _sites():
        if site.hostname == hostname and site.port == port:
            match = MATCH_HOSTNAME_PORT
        elif site.hostname == hostname and site.is_default_site:
            match = MATCH_HOSTNAME_DEFAULT
        elif site.is_default_site:
            match = MATCH_DEFAULT
        elif site.hostname == hostname:
            match = MATCH_HOSTNAME
        else:
            continue
        candidates.append((match, site))
    candidates.sort(key=lambda pair: pair[0])
    if candidates:
        best_match, best = candidates[0]
        if len(candidates) == 1 or best_match in (MATCH_HOSTNAME_PORT, MATCH_HOSTNAME_DEFAULT):
            return best
        if best_match == MATCH_DEFAULT:
            return candidates[len(candidates) == 2][1]
    raise Site.DoesNotExist


def find_site_for_request(request) -> Site | None:
    hostname = split_domain_port(request._get_raw_host())[0]
    try:
        return site_for_hostname(hostname, request.get_port())
    except Site.DoesNotExist:
        return None


def live_homes(root: Page) -> dict[int, Page]:
    """The site root's live translations by locale id, the root itself always included (as
    `Page.localized` falls back to it)."""

    def build():
        homes = {page.locale_id: page for page in Page.objects.filter(translation_key=root.translation_key, live=True)}
        homes.setdefault(root.locale_id, root)
        return homes

    return chrome_cache.get_or_build("live-homes", str(root.pk), build)


def localized_home(root: Page) -> Page:
    try:
        locale = Locale.get_active()
    except (LookupError, Locale.DoesNotExist):
        return root
    return live_homes(root).get(locale.pk, root)


def prefetch_path(request, home: Page, components: list[str]) -> Page:
    """Load every page on the path under `home` in one query and remember them on the request,
    absent levels as None; return the deepest page reached without a gap."""
    known = request.__dict__.setdefault("_pages_on_path", {})
    known[home.url_path] = home
    addresses = []
    address = home.url_path
    for component in components[:MAX_PREFETCHED_LEVELS]:
        address = f"{address}{component}/"
        addresses.append(address)
    if addresses:
        found = {
            page.url_path: page
            for page in Page.objects.filter(url_path__in=addresses, path__startswith=home.path, depth__gt=home.depth)
        }
        for address in addresses:
            known[address] = found.get(address)
    deepest = home
    for address in addresses:
        if known[address] is None:
            break
        deepest = known[address]
    request._deepest_page_on_path = deepest.pk
    return deepest


def as_routed(request, page: Page) -> Page:
    """The specific page, loaded whole if it is the one likely to answer, else deferred (no query)."""
    if getattr(request, "_deepest_page_on_path", None) == page.pk:
        return page.specific
    return page.specific_deferred


def route(self, request, path_components):
    """Wagtail's `Page.route`, taking the child from the pages prefetched for this request."""
    known = getattr(request, "_pages_on_path", None) if request is not None else None
    if not path_components or known is None:
        return _wagtail_route(self, request, path_components)
    address = f"{self.url_path}{path_components[0]}/"
    if address not in known:
        return _wagtail_route(self, request, path_components)
    subpage = known[address]
    if subpage is None or subpage.depth != self.depth + 1 or not subpage.path.startswith(self.path):
        raise Http404
    subpage._cached_parent_obj = self
    return as_routed(request, subpage).route(request, path_components[1:])


def route_for_request(request, path: str):
    """Wagtail's `Page.route_for_request` (cached on the request the same way)."""
    if not hasattr(request, "_wagtail_route_for_request"):
        try:
            site = Site.find_for_request(request)
            if site is None:
                request._wagtail_route_for_request = None
            else:
                components = [component for component in path.split("/") if component]
                home = localized_home(site.root_page)
                prefetch_path(request, home, components)
                request._wagtail_route_for_request = as_routed(request, home).route(request, components)
        except Http404:
            request._wagtail_route_for_request = None
    return request._wagtail_route_for_request


def ancestors_on_path(request, page: Page) -> list[Page] | None:
    """The page's ancestors from its language's home page down, as routing loaded them; None when
    the request did not route through them (the caller asks the database then)."""
    known = getattr(request, "_pages_on_path", None) if request is not None else None
    if not known:
        return None
    by_path = {candidate.path: candidate for candidate in known.values() if candidate is not None}
    steps = Page.steplen
    trail = []
    for depth in range(2, page.depth):
        ancestor = by_path.get(page.path[: depth * steps])
        if ancestor is None:
            return None
        trail.append(chrome_cache.prime_locale(ancestor))
    return trail
