"""The partnerships index: the partners at its own address, the stories, the overview with the map
and figures, and the open data under it. Each route hands its request to the module that serves it
(partnerships.views, partnerships.open_data), which read the other pages and never this module."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import path
from wagtail.search import index

from home.models import BasePage
from home.routes import LocalisedRoutablePageMixin, localised_path, romanised


class PartnershipsIndexPage(LocalisedRoutablePageMixin, BasePage):
    """Partners at its own address, stories at historier/ (uk istorii/, en stories/), the map and
    figures at oversikt/ (ohliad/, overview/), and the open data at data/partners/json/,
    data/partners/csv/, data/partnerships/json/ and data/partnerships/csv/ (Wagtail's page URLs allow
    no dot, so no ".json" suffix). The data addresses are the same in every language: programs read
    them, and a program should not need to know the reader's language to find them."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]
    api_fields = [APIField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["partnerships.PartnerPage", "partnerships.StoryPage", "partnerships.InterestFormPage"]
    schema_type = "CollectionPage"

    class Meta:
        verbose_name = _("partnerships index")

    @path("")
    def partners_view(self, request):
        from .. import views

        return views.partner_list(request, self)

    @localised_path({"nb": "historier/", "uk": romanised("історії"), "en": "stories/"})
    def stories_view(self, request):
        from .. import views

        return views.story_list(request, self)

    @localised_path({"nb": "oversikt/", "uk": romanised("огляд"), "en": "overview/"})
    def overview_view(self, request):
        from .. import views

        return views.overview(request, self)

    @path("data/partners/<str:fmt>/")
    def partners_data_view(self, request, fmt):
        from .. import open_data

        return open_data.partners_data(request, self, fmt)

    @path("data/partnerships/<str:fmt>/")
    def partnerships_data_view(self, request, fmt):
        from .. import open_data

        return open_data.partnerships_data(request, self, fmt)

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        # The stories and the map and figures are pages of their own for readers and search engines.
        return urls + [
            {**url, "location": url["location"] + self.reverse_subpage(name)}
            for name in ("stories_view", "overview_view")
            for url in urls
        ]
