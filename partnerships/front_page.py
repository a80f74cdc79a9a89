"""The front page's partnership sections: the latest stories, the figures with the map, and the way
in for a municipality (the interest form). Registered in PartnershipsConfig.ready()."""

from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from .figures import headline_figures, partners_on_the_map
from .map import build_map
from .models import PartnershipsIndexPage, StoryPage
from .models.pages import describe_partnerships
from .queries import partnerships_of
from .templatetags.partnership_tags import interest_form_link

LATEST_STORIES = 3


def index_of(home) -> PartnershipsIndexPage | None:
    return PartnershipsIndexPage.objects.child_of(home).live().public().first()


def build_latest_stories(home, request, pinned=None) -> dict | None:
    """The latest stories in the home page's language, newest first; a pinned story comes first."""
    pinned = pinned if isinstance(pinned, StoryPage) else None
    latest = (
        StoryPage.objects.live()
        .public()
        .descendant_of(home)
        .filter(locale_id=home.locale_id)
        .exclude(pk=pinned.pk if pinned else None)
        .order_by("-date", "-pk")
    )
    stories = ([pinned] if pinned else []) + list(latest[: LATEST_STORIES - (1 if pinned else 0)])
    if not stories:
        return None
    index = index_of(home)
    return {
        "stories": [
            {"title": s.title, "url": s.get_url(request=request), "date": s.date, "summary": s.summary} for s in stories
        ],
        "stories_url": index.subpage_url("stories_view") if index else "",
    }


def build_figures_and_map(home, request, pinned=None) -> dict | None:
    """The figures and the map, drawn here: what is built is kept in the cache, so the map's marker
    per partner and line per partnership are drawn once, not on every showing of the front page."""
    index = index_of(home)
    if index is None:
        return None
    views = describe_partnerships(partnerships_of(index), index.locale, details=False)
    partners, kinds = partners_on_the_map(index)
    summary = _(
        "Norway and Ukraine with a marker for each partner and a line for each partnership. "
        "The page Map and figures lists them."
    )
    return {
        "headline": headline_figures(index, views),
        "map_html": render_to_string(
            "components/partnerships/map.html", {"map": build_map(partners, views, kinds), "map_summary": summary}
        ),
        "overview_url": index.subpage_url("overview_view"),
        "partners_url": index.url,
    }


def build_find_a_partner(home, request, pinned=None) -> dict | None:
    site = home.get_site()
    link = interest_form_link(site, home.locale.language_code, request) if site else None
    return {"link": link, "heading_level": 2} if link else None


def register():
    from home.front_page import register_front_page_section

    register_front_page_section(
        "latest-stories",
        _("Latest stories"),
        build_latest_stories,
        "partnerships/front_page/latest_stories.html",
        order=30,
        pin_types=["partnerships.StoryPage"],
    )
    register_front_page_section(
        "figures-and-map",
        _("Figures and map"),
        build_figures_and_map,
        "partnerships/front_page/figures_and_map.html",
        order=40,
        depends_on=["partnerships.Partnership"],
    )
    register_front_page_section(
        "find-a-partner",
        _("Find a partner"),
        build_find_a_partner,
        "components/partnerships/interest_call_to_action.html",
        order=50,
    )
