from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Locale, Page

from home.seo import hreflang_alternates, route_subpages


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
        locales = Locale.objects.in_bulk()
        for item in pages:
            item.locale = locales[item.locale_id]  # specific() drops select_related: one query, not one a page
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
