from functools import cache

from django.conf import settings
from django.http import HttpResponse

from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import Page

from home import content_cache
from ops import page_cache

from .head import hreflang_alternates, route_subpages


class AllLanguagesSitemap(Sitemap):
    """Wagtail's sitemap lists only the site's root tree (nb); this one lists every language's tree,
    each address with its translations as hreflang alternates, in a fixed number of queries."""

    def items(self):
        site = self.get_wagtail_site()
        homes = Page.objects.filter(translation_key=site.root_page.translation_key)
        tree = Page.objects.none()
        for home in homes:
            tree |= Page.objects.descendant_of(home, inclusive=True)
        return tree.live().public().order_by("path").defer_streamfields().specific()

    def _urls(self, page, protocol, domain):
        pages = list(self.paginator.page(page).object_list)
        for item in pages:
            content_cache.prime_locale(item)  # specific() drops select_related: no query, not one a page
        versions: dict = {}
        translations = (
            Page.objects.filter(translation_key__in={p.translation_key for p in pages})
            .live()
            .public()
            .select_related("locale")
        )
        for version in translations:
            versions.setdefault(version.translation_key, {})[version.locale.language_code] = version
        urls = []
        for item in pages:
            own = versions.get(item.translation_key, {item.locale.language_code: item})
            page_location = item.get_full_url(self.request)
            for url_info in item.get_sitemap_urls(self.request):
                suffix = url_info["location"][len(page_location) :] if page_location else ""
                alternates, x_default = hreflang_alternates(own, self.request, route_subpages(item, suffix))
                url_info["alternates"] = [{"lang_code": code, "location": url} for code, url in alternates]
                if x_default:
                    url_info["alternates"].append({"lang_code": "x-default", "location": x_default})
                urls.append(url_info)
        lastmods = [url.get("lastmod") for url in urls]
        if lastmods and None not in lastmods:
            self.latest_lastmod = max(lastmods)
        return urls


def sitemap(request):
    """The sitemap, kept in the content cache: every page in every language with its alternates is the
    dearest answer of the site to build (a query per page type, some 50 KB of XML), and it changes
    only when content does, which empties the cache. Kept per address (the site and the links
    depend on it) and per page of the sitemap (?p=)."""

    def build():
        response = wagtail_sitemap(request, sitemaps={"pages": AllLanguagesSitemap})
        response.render()
        return {"content": response.content, "headers": dict(response.headers)}

    # A deploy (another release, another public address) builds it anew, as it does whole pages.
    address = f"{request.scheme}://{request.get_host()}?p={request.GET.get('p', '')}"
    kept = content_cache.get_or_set("sitemap", f"{_release()}:{settings.PUBLIC_BASE_URL}:{address}", build)
    return HttpResponse(kept["content"], headers=kept["headers"])


@cache
def _release() -> str:
    return page_cache.release()
