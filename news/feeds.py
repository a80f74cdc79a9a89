"""RSS 2.0 and Atom feeds of the news (one pair per news index, so per language) and of the stories
(one pair per language). Words and links are in the feed's language, whatever the reader's interface
language; every address is absolute, from the public base URL."""

import datetime

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _

from wagtail.models import Locale

from home.sites import absolute_url
from news.models.tags import tag_labels
from partnerships.models import PartnershipsIndexPage, StoryPage

FEED_ITEMS = 20


def published_at(page) -> datetime.datetime:
    """When the page appeared, as its readers see it: on its `date`, at the time it was first published
    if that was on the same day, else at the start of that day in the site's zone. An article put on
    the site later than it was written (an archive, the demo) keeps its own date in feed readers."""
    first = page.first_published_at
    if first is not None and timezone.localdate(first) == page.date:
        return first
    return timezone.make_aware(datetime.datetime.combine(page.date, datetime.time()))


def updated_at(page) -> datetime.datetime:
    """Its last publication, never before the date it carries."""
    published = published_at(page)
    return max(published, page.last_published_at) if page.last_published_at else published


class PageFeedMixin:
    """Items are pages with a title, a `date` and a description field."""

    description_field = "lead"

    def __call__(self, request, *args, **kwargs):
        self.request = request
        with override(self.feed_language(kwargs)):
            return super().__call__(request, *args, **kwargs)

    def item_title(self, page):
        return page.title

    def item_description(self, page):
        return getattr(page, self.description_field)

    def item_link(self, page):
        return absolute_url(page.get_url(request=self.request))

    def item_guid(self, page):
        # Stays the same when the slug or the address changes.
        return f"urn:s2pu:page:{page.translation_key}:{page.locale.language_code}"

    item_guid_is_permalink = False

    def item_pubdate(self, page):
        return published_at(page)

    def item_updateddate(self, page):
        return updated_at(page)

    def item_author_name(self, page):
        names = [person.name for person in getattr(page, "author_list", [])]
        return ", ".join(names) or "s2pU"

    def item_categories(self, page):
        return [tag.name for tag in page.tags.all()] if hasattr(page, "tags") else []


class NewsRssFeed(PageFeedMixin, Feed):
    feed_type = Rss201rev2Feed
    kind = "rss"

    def feed_language(self, kwargs):
        return kwargs["index"].locale.language_code

    def get_object(self, request, index):
        return index

    def title(self, index):
        return _("News from s2pU")

    def description(self, index):
        return index.intro or _("News from s2pU")

    subtitle = description

    def link(self, index):
        return absolute_url(index.get_url(request=self.request))

    def feed_url(self, index):
        return absolute_url(index.get_url(request=self.request) + f"{self.kind}.xml")

    def feed_guid(self, index):
        return f"urn:s2pu:news:{index.translation_key}:{index.locale.language_code}"

    def author_name(self, index):
        return "s2pU"

    def items(self, index):
        return (
            index.articles()
            .defer_streamfields()
            .select_related("locale")
            .prefetch_related("tagged_items__tag", "authors__person")[:FEED_ITEMS]
        )

    def item_author_name(self, page):
        # Authors from the prefetched rows (in the source language: names are the same in every script
        # the feed needs), so that the feed costs the same whatever its length.
        names = [link.person.name for link in sorted(page.authors.all(), key=lambda link: link.sort_order or 0)]
        return ", ".join(names) or "s2pU"

    def item_categories(self, page):
        # In the feed's language; the names of every tag come in one query for the whole feed.
        return [label["name"] for label in tag_labels([item.tag for item in page.tagged_items.all()], get_language())]


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed
    kind = "atom"


class StoriesRssFeed(PageFeedMixin, Feed):
    feed_type = Rss201rev2Feed
    description_field = "summary"
    url_name = "stories_rss"

    def feed_language(self, kwargs):
        return get_language()

    def get_object(self, request):
        locale = Locale.objects.filter(language_code=get_language()).first()
        if locale is None:
            raise Http404
        return locale

    def title(self, locale):
        return _("Stories from s2pU")

    def description(self, locale):
        return _("How Norwegian and Ukrainian municipalities work together.")

    subtitle = description

    def link(self, locale):
        index = PartnershipsIndexPage.objects.live().filter(locale=locale).first()
        return absolute_url(index.subpage_url("stories_view") if index else f"/{locale.language_code}/")

    def feed_url(self, locale):
        from django.urls import reverse

        return absolute_url(reverse(self.url_name))

    def feed_guid(self, locale):
        return f"urn:s2pu:stories:{locale.language_code}"

    def author_name(self, locale):
        return "s2pU"

    def items(self, locale):
        return (
            StoryPage.objects.live()
            .public()
            .filter(locale=locale)
            .defer_streamfields()
            .select_related("locale")
            .order_by("-date", "-pk")[:FEED_ITEMS]
        )

    def item_author_name(self, page):
        return "s2pU"

    def item_categories(self, page):
        return []


class StoriesAtomFeed(StoriesRssFeed):
    feed_type = Atom1Feed
    url_name = "stories_atom"


def stories_rss(request):
    # A feed object per request: it keeps the request for building addresses.
    return StoriesRssFeed()(request)


def stories_atom(request):
    return StoriesAtomFeed()(request)
