"""The partner and story lists with their filters, the overview (map and figures) and the open data.

Every list runs a fixed number of queries whatever its length: related rows (themes, translations,
stories) are fetched once for the whole page of items and joined in Python.
"""

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.paginator import Paginator
from django.db.models import CharField, Q, Value
from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from home import content_cache
from home.i18n import default_locale
from home.models import with_comment_counts
from home.pagination import lazy_list_page
from home.sites import absolute_url
from home.text import name_sort_key
from privacy import exports

from . import map as map_module
from .forms import PartnerFilterForm, StoryFilterForm, cleaned
from .map import build_map
from .models import (
    PartnerPage,
    Partnership,
    PartnershipStatus,
    StoryPage,
    Theme,
)

PARTNERS_PER_PAGE = 24
STORIES_PER_PAGE = 12
# The overview's list of partnerships is read a page at a time; the map and figures count them all.
OVERVIEW_PARTNERSHIPS_PER_PAGE = 50


# Translations of the source-language pages that partnerships point at


def localized_partners(source_ids, locale) -> dict[int, PartnerPage]:
    """{source page pk: the live partner page in `locale`, else the source page}, in one query, for
    the source pages that are live and public; a draft or private source page is left out. Only the
    ids of the source pages are needed, so the partnerships need not select their partners' rows.
    The partners' descriptions (StreamField JSON) are not read: the places that name partnerships
    show the partners' titles and links only."""
    source_ids = {pk for pk in source_ids if pk is not None}
    keys = PartnerPage.objects.filter(pk__in=source_ids).values("translation_key")
    visible = (
        PartnerPage.objects.live()
        .public()
        .filter(Q(locale=locale, translation_key__in=keys) | Q(pk__in=source_ids))
        .defer_streamfields()
    )
    translated, live_sources = {}, {}
    for page in visible:
        if page.pk in source_ids:
            live_sources[page.pk] = page
        if page.locale_id == locale.pk:
            translated[page.translation_key] = page
    return {pk: translated.get(page.translation_key, page) for pk, page in live_sources.items()}


@dataclass
class PartnershipView:
    """A partnership as a reader in one language sees it."""

    partnership: Partnership
    norwegian: PartnerPage
    ukrainian: PartnerPage
    coordinator: PartnerPage | None
    themes: list = field(default_factory=list)
    stories: list = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"{self.norwegian.title} – {self.ukrainian.title}"

    @property
    def agreement_name(self) -> str:
        return self.partnership.name_in()

    @property
    def status(self) -> str:
        return self.partnership.status

    @property
    def status_label(self) -> str:
        return self.partnership.get_status_display()


def describe_partnerships(partnerships, locale, details: bool = True) -> list[PartnershipView]:
    """Partnerships with partners, themes and stories in `locale`: three queries besides reading the
    partnerships, for any number (one without the `details`, themes and stories, for a list that only
    names them). The partnerships' own partner rows are not read (their localized pages are), so
    there is no need to select them.
    A partnership one of whose partners is not a live, public page is left out (its draft profile
    may carry what a visitor typed), and so is a coordinator that is not."""
    partnerships = list(partnerships)
    if not partnerships:
        return []
    sources = []
    for p in partnerships:
        sources += [p.norwegian_partner_id, p.ukrainian_partner_id, p.coordinator_id]
    partners = localized_partners(sources, locale)
    partnerships = [
        p for p in partnerships if p.norwegian_partner_id in partners and p.ukrainian_partner_id in partners
    ]
    if not partnerships:
        return []
    themes = defaultdict(list)
    stories = defaultdict(list)
    if details:
        labels = Theme.objects.labels(locale.language_code)
        for row in Partnership.themes.through.objects.filter(partnership__in=partnerships).order_by("theme_id"):
            if row.theme_id in labels:
                themes[row.partnership_id].append(labels[row.theme_id])
        # The stories are named and linked, never shown: their bodies are not read.
        for story in (
            StoryPage.objects.live()
            .public()
            .filter(locale=locale, partnership__in=partnerships)
            .defer_streamfields()
            .order_by("-date")
        ):
            stories[story.partnership_id].append(story)
    return [
        PartnershipView(
            partnership=p,
            norwegian=partners[p.norwegian_partner_id],
            ukrainian=partners[p.ukrainian_partner_id],
            coordinator=partners.get(p.coordinator_id),
            themes=themes[p.pk],
            stories=stories[p.pk],
        )
        for p in partnerships
    ]


def partnerships_of(index):
    """The partnerships whose partners are listed under `index` (in any language)."""
    keys = partners_of(index).values("translation_key")
    return (
        Partnership.objects.public()
        .filter(Q(norwegian_partner__translation_key__in=keys) | Q(ukrainian_partner__translation_key__in=keys))
        .select_related("norwegian_partner", "ukrainian_partner", "coordinator", "agreement_document")
        .order_by("norwegian_partner__title", "ukrainian_partner__title")
    )


def themes_by_page(model, pages, *fields) -> dict[int, dict[str, list]]:
    """{page pk: {field: [localized themes, in the editors' order]}} for ParentalManyToMany theme
    fields, in one query for all the fields (a UNION of their link tables)."""
    result: dict = defaultdict(lambda: defaultdict(list))
    ids = [page.pk for page in pages]
    if not ids:
        return result
    rows = None
    for name in fields:
        through = model._meta.get_field(name).remote_field.through
        source_column = next(f.attname for f in through._meta.fields if f.attname.endswith("page_id"))
        links = (
            through.objects.filter(**{f"{source_column}__in": ids})
            .annotate(theme_field=Value(name, output_field=CharField()))
            .values_list(source_column, "theme_id", "theme_field")
        )
        rows = links if rows is None else rows.union(links, all=True)
    labels = Theme.objects.labels()
    for page_id, theme_id, name in rows:
        if theme_id in labels:
            result[page_id][name].append(labels[theme_id])
    for by_field in result.values():
        for themes in by_field.values():
            themes.sort(key=lambda theme: (theme.sort_order, theme.name))
    return result


def partners_of(index):
    return PartnerPage.objects.child_of(index).live().public()


def by_name(partners, language: str) -> list:
    """`partners` in the order a reader of `language` looks names up (home.text.name_sort_key), which
    no database collation gives alike: SQLite puts "s2pU" after every capital."""
    return sorted(partners, key=lambda partner: name_sort_key(partner.title, language))


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


# Overview: the map and the figures


def bar_rows(counter: Counter, labels: dict | None = None, keep_order=None) -> list[dict]:
    keys = keep_order if keep_order is not None else sorted(counter, key=lambda k: (-counter[k], str(k)))
    biggest = max(counter.values(), default=0) or 1
    return [
        {"label": (labels or {}).get(key, key), "value": counter[key], "width": round(100 * counter[key] / biggest, 1)}
        for key in keys
    ]


# Statuses that mean an agreement was signed, whether or not its date was recorded.
SIGNED_STATUSES = {PartnershipStatus.AGREEMENT_SIGNED, PartnershipStatus.ACTIVE, PartnershipStatus.ENDED}
YEAR_NOT_RECORDED = "not-recorded"


def figures(views: list[PartnershipView]) -> dict:
    statuses = Counter(view.status for view in views)
    regions = Counter()
    for view in views:
        for partner in (view.norwegian, view.ukrainian):
            if partner.region:
                regions[partner.region] += 1
    # A signed agreement without a recorded date still counts, in a row of its own; counting dated
    # agreements only made the chart say "no data" while agreements were signed.
    years = Counter(
        view.partnership.date_signed.year if view.partnership.date_signed else YEAR_NOT_RECORDED
        for view in views
        if view.partnership.date_signed or view.status in SIGNED_STATUSES
    )
    year_order = sorted(year for year in years if year != YEAR_NOT_RECORDED)
    if YEAR_NOT_RECORDED in years:
        year_order.append(YEAR_NOT_RECORDED)
    return {
        "by_status": bar_rows(statuses, dict(PartnershipStatus.choices), keep_order=list(PartnershipStatus.values)),
        "by_region": bar_rows(regions),
        "by_year": bar_rows(
            years,
            {YEAR_NOT_RECORDED: _("Date not recorded")},
            keep_order=year_order,
        ),
    }


MAP_CATEGORY_LABELS = {
    map_module.MUNICIPALITY_NO: _("Norwegian municipalities and counties"),
    map_module.MUNICIPALITY_UA: _("Ukrainian hromadas and oblasts"),
    map_module.ORGANISATION: _("Organisations and businesses"),
}


def source_kinds(partners) -> dict[str, str]:
    """{translation key: kind} of the source-language versions of `partners`, in one query."""
    keys = {partner.translation_key for partner in partners}
    rows = PartnerPage.objects.filter(translation_key__in=keys, locale=default_locale()).values_list(
        "translation_key", "kind"
    )
    return {str(key): kind for key, kind in rows}


# The kinds of partner that count as municipalities in the figures: Norwegian municipalities and
# counties, Ukrainian hromadas and oblasts (the map's two municipal categories).
MUNICIPAL_KINDS = [
    kind for kind, category in map_module.CATEGORY_OF_KIND.items() if category != map_module.ORGANISATION
]


def headline_figures(index, views: list[PartnershipView] | None = None) -> dict[str, int]:
    """The two figures the overview and the front page show, both counted from the partnerships the
    page lists (as their stories tell them): partnerships signed (with a signed status or a recorded
    signing date, as in the chart by year) and the municipalities in them (by the kind of their
    source-language page). A municipality with a profile but no partnership is not counted: beside
    "partnerships signed" the figure reads as the municipalities taking part."""
    if views is None:
        views = describe_partnerships(partnerships_of(index), index.locale)
    partners = {partner.translation_key: partner for view in views for partner in (view.norwegian, view.ukrainian)}
    kinds = source_kinds(partners.values())
    return {
        "partnerships_signed": sum(
            1 for view in views if view.partnership.date_signed or view.status in SIGNED_STATUSES
        ),
        "municipalities": sum(1 for key in partners if kinds.get(str(key)) in MUNICIPAL_KINDS),
    }


def partners_on_the_map(index) -> tuple[list[PartnerPage], dict[str, str]]:
    """The partners with coordinates, and their source-language kinds, which decide their markers."""
    partners = by_name(
        partners_of(index).filter(latitude__isnull=False, longitude__isnull=False), index.locale.language_code
    )
    return partners, source_kinds(partners)


def overview_summary(index, request) -> dict:
    """What the overview shows of every partnership and partner at once, from the content cache: the
    map with its text alternative (the partners by category) as HTML, the figures, and the rows of
    the list of partnerships. Drawing a marker per partner and a line per partnership is nearly the
    whole cost of the page with a couple of hundred partners, so it is done once per language and
    again only when content changes (any saved page, partnership or theme empties the cache)."""
    language = index.locale.language_code

    def build():
        with translation.override(language):
            return build_overview_summary(index, request)

    return content_cache.get_or_set(f"partnership-overview:{index.pk}", language, build)


def build_overview_summary(index, request) -> dict:
    views = describe_partnerships(partnerships_of(index), index.locale, details=False)
    partners, kinds = partners_on_the_map(index)

    def listed(page) -> dict:
        return {"title": page.title, "url": page.get_url(request=request), "region": page.region}

    by_category = defaultdict(list)
    for partner in partners:
        by_category[map_module.category(kinds.get(str(partner.translation_key), partner.kind))].append(listed(partner))
    groups = [
        {"category": key, "label": MAP_CATEGORY_LABELS[key], "partners": by_category[key]}
        for key in map_module.CATEGORIES
        if by_category[key]
    ]
    return {
        "map": render_to_string("components/partnerships/map.html", {"map": build_map(partners, views, kinds)}),
        "partners_on_the_map": render_to_string(
            "components/partnerships/map_partners.html", {"partners_by_category": groups}
        ),
        "figures": figures(views),
        "headline": headline_figures(index, views),
        "partnerships": [
            {
                "norwegian": listed(view.norwegian),
                "ukrainian": listed(view.ukrainian),
                "status_label": str(view.status_label),
            }
            for view in views
        ],
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


# Open data


def plain(value):
    if isinstance(value, Decimal):
        return float(value)
    return value


def data_response(request, rows: list[dict], name: str, fmt: str) -> HttpResponse:
    if fmt == "json":
        body = json.dumps({"count": len(rows), "results": rows}, ensure_ascii=False, indent=2, default=str)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
    elif fmt == "csv":
        columns = list(rows[0]) if rows else []
        cells = [[" ".join(v) if isinstance(v, list) else v for v in row.values()] for row in rows]
        response = exports.csv_response(name, columns, cells)
    else:
        raise Http404
    response["Access-Control-Allow-Origin"] = "*"
    return response


def partners_data(request, index, fmt):
    partners = by_name(partners_of(index), index.locale.language_code)
    themes = themes_by_page(PartnerPage, partners, "themes_offered", "themes_needed")
    rows = [
        {
            "id": partner.pk,
            "translation_key": str(partner.translation_key),
            "name": partner.title,
            "kind": partner.kind,
            "kind_label": str(partner.get_kind_display()),
            "country": partner.country,
            "region": partner.region,
            "population": partner.population,
            "website": partner.website,
            "contact_email": partner.contact_email,
            "contact_phone": partner.contact_phone,
            "latitude": plain(partner.latitude),
            "longitude": plain(partner.longitude),
            "looking_for_partner": partner.looking_for_partner,
            "themes_offered": [t.slug for t in themes[partner.pk]["themes_offered"]],
            "themes_needed": [t.slug for t in themes[partner.pk]["themes_needed"]],
            "url": absolute_url(partner.get_url(request=request)),
        }
        for partner in partners
    ]
    return data_response(request, rows, f"partners-{index.locale.language_code}", fmt)


def partnerships_data(request, index, fmt):
    views = describe_partnerships(partnerships_of(index), index.locale)

    def url(page):
        return absolute_url(page.get_url(request=request)) if page else ""

    rows = [
        {
            "id": view.partnership.pk,
            "title": view.title,
            "name": view.partnership.name_in(index.locale.language_code),
            "norwegian_partner": view.norwegian.title,
            "norwegian_partner_url": url(view.norwegian),
            "ukrainian_partner": view.ukrainian.title,
            "ukrainian_partner_url": url(view.ukrainian),
            "project_manager": view.coordinator.title if view.coordinator else "",
            "status": view.status,
            "status_label": str(view.status_label),
            "date_signed": view.partnership.date_signed.isoformat() if view.partnership.date_signed else None,
            "themes": [t.slug for t in view.themes],
            "agreement_document": url_of_document(request, view.partnership.agreement_document),
            "stories": [url(story) for story in view.stories],
        }
        for view in views
    ]
    return data_response(request, rows, f"partnerships-{index.locale.language_code}", fmt)


def url_of_document(request, document) -> str:
    return absolute_url(document.url) if document else ""
