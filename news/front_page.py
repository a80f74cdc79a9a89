"""The front page's news section: the latest articles in the home page's language. Registered in
NewsConfig.ready()."""

from django.utils.translation import gettext_lazy as _

from .models import NewsIndexPage, NewsPage

LATEST_NEWS = 3


def build_latest_news(home, request, pinned=None) -> dict | None:
    """The latest news in the home page's language, newest first; a pinned article comes first."""
    pinned = pinned if isinstance(pinned, NewsPage) else None
    latest = (
        NewsPage.objects.live()
        .public()
        .descendant_of(home)
        .filter(locale_id=home.locale_id)
        .exclude(pk=pinned.pk if pinned else None)
        .order_by("-date", "-pk")
    )
    articles = ([pinned] if pinned else []) + list(latest[: LATEST_NEWS - (1 if pinned else 0)])
    if not articles:
        return None
    index = NewsIndexPage.objects.child_of(home).live().public().first()
    return {
        "articles": [
            {"title": a.title, "url": a.get_url(request=request), "date": a.date, "lead": a.lead} for a in articles
        ],
        "news_url": index.get_url(request=request) if index else "",
    }


def register():
    from home.front_page import register_front_page_section

    register_front_page_section(
        "latest-news",
        _("Latest news"),
        build_latest_news,
        "news/front_page/latest_news.html",
        order=20,
        pin_types=["news.NewsPage"],
    )
