"""News for other apps' templates (the event page lists its news without events importing news),
the article's JSON-LD, and the feed links for the head of news and story pages."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils.html import _json_script_escapes
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import override

from home.i18n import source_of

from ..models import NewsIndexPage, NewsPage
from ..structured_data import news_article_json_ld

register = template.Library()

RSS = "application/rss+xml"
ATOM = "application/atom+xml"


@register.simple_tag(takes_context=True)
def news_json_ld(context, page):
    """A data block, not a script: browsers never execute type="application/ld+json", so the strict
    CSP (script-src 'self') leaves it alone. <, > and & are escaped so that text can never close the tag."""
    data = news_article_json_ld(page, context.get("request"), context.get("event"))
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_json_script_escapes)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308  (escaped above)


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
    index = NewsIndexPage.objects.live().filter(locale_id=page.locale_id).first()
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


@register.filter
def archive_path(index, theme_slug) -> str:
    """The path of the theme archive under `index`, in the index's language."""
    return index.reverse_subpage("theme_view", args=[theme_slug])


@register.filter
def tag_path(index, tag_slug) -> str:
    return index.reverse_subpage("tag_view", args=[tag_slug])
