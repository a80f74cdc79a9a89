"""The partner and story lists with their filters, and the overview page (its map and figures are
built in partnerships.figures).

Every list runs a fixed number of queries whatever its length: related rows (themes, translations,
stories) are fetched once for the whole page of items and joined in Python.
"""

from django.core.paginator import Paginator
from django.db.models import Q
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.functional import cached_property

from home import content_cache
from home.models import with_comment_counts
from home.pagination import lazy_list_page
from home.text import name_sort_key

from .figures import overview_summary
from .forms import PartnerFilterForm, StoryFilterForm, cleaned
from .models import PartnerPage, Partnership, StoryPage
from .models.pages import describe_partnerships
from .models.snippets import themes_by_page
from .queries import partners_of

PARTNERS_PER_PAGE = 24
STORIES_PER_PAGE = 12
# The overview's list of partnerships is read a page at a time; the map and figures count them all.
OVERVIEW_PARTNERSHIPS_PER_PAGE = 50


class NameOrderedPages:
    """The pages of `queryset` in name order, for a paginator: the names of all of them in one query,
    the rows of the page shown in another."""

    def __init__(self, queryset, language: str):
        self.queryset = queryset
        self.language = language

    @cached_property
    def pks(self) -> list[int]:
        # Read when the list is drawn: a list kept in the cache (templatetags/fragment_cache.py) asks nothing.
        titles = self.queryset.order_by().values_list("title", "pk")
        return [pk for _title, pk in sorted(titles, key=lambda row: name_sort_key(row[0], self.language))]

    def __len__(self):
        return len(self.pks)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        chosen = self.pks[index]
        rows = self.queryset.in_bulk(chosen)
        return [rows[pk] for pk in chosen if pk in rows]


def regions_of(index) -> list[str]:
    """The regions the filter forms offer, on every request: kept in the content cache, which any
    saved page empties."""
    return content_cache.get_or_set(
        f"partner-regions:{index.pk}",
        "",
        lambda: sorted(set(partners_of(index).exclude(region="").values_list("region", flat=True))),
    )


def keys_with_status(status):
    partnerships = Partnership.objects.public().filter(status=status)
    return PartnerPage.objects.filter(
        Q(pk__in=partnerships.values("norwegian_partner")) | Q(pk__in=partnerships.values("ukrainian_partner"))
    ).values("translation_key")


def filter_partners(queryset, values: dict):
    if "theme" in values:
        queryset = queryset.filter(
            Q(themes_offered__slug=values["theme"]) | Q(themes_needed__slug=values["theme"])
        ).distinct()
    for name in ("region", "country", "kind"):
        if name in values:
            queryset = queryset.filter(**{name: values[name]})
    if values.get("looking"):
        queryset = queryset.filter(looking_for_partner=True)
    if "status" in values:
        queryset = queryset.filter(translation_key__in=keys_with_status(values["status"]))
    return queryset


def filter_form_html(request, index, form, action: str, filtered: bool) -> str:
    """The filter form as HTML. Until a visitor filters, it is the same for everyone reading the list
    in one language, so it is drawn once and kept in the content cache, which any saved page, theme or
    partnership empties (they change the choices): drawing its choices was a good part of the lists'
    CPU."""

    def draw():
        return render_to_string(
            "components/partnerships/filter_form.html", {"form": form, "action": action, "filtered": filtered}
        )

    if request.GET.keys() & form.fields.keys():
        return draw()
    name = f"partnership-filter-form:{type(form).__name__}:{index.pk}"
    return content_cache.get_or_set(name, index.locale.language_code, draw)


def partner_list(request, index):
    form = PartnerFilterForm(request.GET or None, regions=regions_of(index))
    values = cleaned(form) if request.GET else {}
    # The cards show no description: its JSON is neither read nor parsed.
    partners = NameOrderedPages(
        filter_partners(partners_of(index), values).defer_streamfields(), index.locale.language_code
    )

    def prepare(partners):
        themes = themes_by_page(PartnerPage, partners, "themes_offered", "themes_needed")
        for partner in partners:
            partner.offered = themes[partner.pk]["themes_offered"]
            partner.needed = themes[partner.pk]["themes_needed"]

    listed = lazy_list_page(request, Paginator(partners, PARTNERS_PER_PAGE), prepare)
    context = index.get_context(request)
    urls = links(index)
    context.update(
        {
            "filter_form": filter_form_html(request, index, form, urls["partners"], bool(values)),
            "page_obj": listed["page_obj"],
            "partners": listed["items"],
            "links": urls,
        }
    )
    return TemplateResponse(request, "partnerships/partnerships_index_page.html", context)


def story_list(request, index):
    form = StoryFilterForm(request.GET or None, regions=regions_of(index))
    values = cleaned(form) if request.GET else {}
    queryset = StoryPage.objects.child_of(index).live().public()
    if "theme" in values:
        queryset = queryset.filter(themes__slug=values["theme"]).distinct()
    if "status" in values:
        queryset = queryset.filter(partnership__status=values["status"])
    if "region" in values:
        keys = partners_of(index).filter(region=values["region"]).values("translation_key")
        queryset = queryset.filter(
            Q(partnership__norwegian_partner__translation_key__in=keys)
            | Q(partnership__ukrainian_partner__translation_key__in=keys)
        )
    queryset = (
        with_comment_counts(queryset.defer_streamfields())  # the cards show no body
        .select_related("partnership")
        .order_by("-date", "title")
    )

    def prepare(stories):
        themes = themes_by_page(StoryPage, stories, "themes")
        # The cards name each story's partnership, nothing more of it.
        partnerships = {
            view.partnership.pk: view
            for view in describe_partnerships(
                {s.partnership for s in stories if s.partnership}, index.locale, details=False
            )
        }
        for story in stories:
            story.theme_labels = themes[story.pk]["themes"]
            story.partnership_view = partnerships.get(story.partnership_id)

    listed = lazy_list_page(request, Paginator(queryset, STORIES_PER_PAGE), prepare)
    context = index.get_context(request)
    urls = links(index)
    context.update(
        {
            "filter_form": filter_form_html(request, index, form, urls["stories"], bool(values)),
            "page_obj": listed["page_obj"],
            "stories": listed["items"],
            "links": urls,
        }
    )
    return TemplateResponse(request, "partnerships/story_list.html", context)


def links(index) -> dict[str, str]:
    return {
        "partners": index.url,
        "stories": index.subpage_url("stories_view"),
        "overview": index.subpage_url("overview_view"),
        "partners_json": index.url + index.reverse_subpage("partners_data_view", args=["json"]),
        "partners_csv": index.url + index.reverse_subpage("partners_data_view", args=["csv"]),
        "partnerships_json": index.url + index.reverse_subpage("partnerships_data_view", args=["json"]),
        "partnerships_csv": index.url + index.reverse_subpage("partnerships_data_view", args=["csv"]),
    }


def overview(request, index):
    summary = overview_summary(index, request)
    page_obj = Paginator(summary["partnerships"], OVERVIEW_PARTNERSHIPS_PER_PAGE).get_page(request.GET.get("page"))
    context = index.get_context(request)
    context.update(
        {
            "page_obj": page_obj,
            "partnerships": list(page_obj),
            "map_html": summary["map"],
            "partners_on_the_map_html": summary["partners_on_the_map"],
            "figures": summary["figures"],
            "headline": summary["headline"],
            "links": links(index),
        }
    )
    return TemplateResponse(request, "partnerships/overview.html", context)
