"""The overview's map and figures: the partnerships counted by status, region and year, the two
headline figures the front page shows too, and the partners on the map; built once per language
and kept in the content cache."""

from collections import Counter, defaultdict

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from home import content_cache
from home.i18n import default_locale

from . import map as map_module
from .map import build_map
from .models import PartnerPage, PartnershipStatus
from .models.pages import PartnershipView, describe_partnerships
from .queries import by_name, partners_of, partnerships_of


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
