from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class AllLanguagesSitemap(Sitemap):
    """Wagtail's sitemap lists only the site's root tree (nb); this one lists every language's tree."""

    def items(self):
        site = self.get_wagtail_site()
        homes = Page.objects.filter(translation_key=site.root_page.translation_key)
        tree = Page.objects.none()
        for home in homes:
            tree |= Page.objects.descendant_of(home, inclusive=True)
        return tree.live().public().order_by("path").defer_streamfields().specific()
