"""News for other apps' templates (the event page lists its news without events importing news), and
the feed links for the head of news and story pages."""

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override

from home import content_cache
from home.i18n import source_of

from ..models import NewsIndexPage, NewsPage

register = template.Library()

RSS = "application/rss+xml"
ATOM = "application/atom+xml"


@register.simple_tag
def news_of_event(event, limit: int = 10) -> list[NewsPage]:
    """Live articles about `event` in the event's language, newest first. Articles point at the
    source-language event (`news_articles` is their reverse relation), whatever their own language."""
    source = source_of(event)
    return list(
        source.news_articles.live()
        .public()
        .filter(locale_id=event.locale_id)
        .defer_streamfields()
        .order_by("-date", "-pk")[:limit]
    )


@register.inclusion_tag("components/news/feed_links.html")
def feed_links(page, stories: bool = False):
    """<link rel="alternate"> to the news feeds of the page's language, and to its story feeds."""
    index = content_cache.get_or_set(
        "news-index",
        str(page.locale_id),
        lambda: NewsIndexPage.objects.live().filter(locale_id=page.locale_id).first(),
    )
    links = []
    with override(page.locale.language_code):
        if index is not None:
            links += [
                {"type": RSS, "href": index.feed_url("rss"), "title": _("News (RSS)")},
                {"type": ATOM, "href": index.feed_url("atom"), "title": _("News (Atom)")},
            ]
        if stories:
            links += [
                {"type": RSS, "href": reverse("stories_rss"), "title": _("Stories (RSS)")},
                {"type": ATOM, "href": reverse("stories_atom"), "title": _("Stories (Atom)")},
            ]
    return {"links": links}
