from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "site_search"

    def ready(self):
        from wagtail.contrib.search_promotions.models import SearchPromotion

        from home import content_cache

        # The search keeps the promoted query strings in the content cache. Not Query: a new one is made
        # for each search string recorded, and the picks move with a save of their own.
        content_cache.watch(SearchPromotion)
