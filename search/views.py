from django.db.models import Q
from django.template.response import TemplateResponse

from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Locale, Page
from wagtail.search.utils import normalise_query_string

from home import content_cache
from home.i18n import active_locale
from home.pagination import Paginator

from .backends import backend_for
from .excerpt import highlighted_excerpt, texts_of
from .query import clean_query, match_keys, query_variants, search_query

RESULTS_PER_PAGE = 10


def promoted_query_strings() -> frozenset[str]:
    """Every query string an editor has promoted something for: most searches have none, and then
    look for no promotions in the database."""
    return content_cache.get_or_set(
        "search-promoted-queries",
        "",
        lambda: frozenset(SearchPromotion.objects.values_list("query__query_string", flat=True)),
    )


def promotions(query: str, locale: Locale) -> list[SearchPromotion]:
    """Editors' picks for the query or any other spelling of it, in the promotions' order: pages in the
    reader's language (an editor promotes each translation for its own language) and external links."""
    query_strings = {normalise_query_string(variant) for variant in query_variants(query)}
    query_strings &= promoted_query_strings()
    if not query_strings:
        return []
    picks = (
        SearchPromotion.objects.filter(query__query_string__in=query_strings)
        .filter(Q(page__isnull=True) | Q(page__in=Page.objects.live().public().filter(locale=locale)))
        .select_related("page")
        .order_by("sort_order", "pk")
    )
    seen, unique = set(), []
    for pick in picks:
        key = pick.page_id or pick.external_link_url
        if key not in seen:
            seen.add(key)
            unique.append(pick)
    return unique


def search(request):
    """Search the pages of the visitor's language only, each name in all its spellings; the editors'
    picks for the query first."""
    query = clean_query(request.GET.get("query", ""))
    locale = active_locale()
    results, picks = Page.objects.none(), []
    backend_query = search_query(query) if query else None
    if backend_query is not None:
        picks = promotions(query, locale)
        promoted_pages = [pick.page_id for pick in picks if pick.page_id]
        # Plain pages: a result shows its title, its address and an excerpt, whose texts are kept.
        pages = Page.objects.live().public().filter(locale=locale).exclude(id__in=promoted_pages)
        results = backend_for(locale.language_code).search(backend_query, pages)
    page_of_results = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    keys = match_keys(query) if query else frozenset()
    texts = texts_of(page_of_results)
    hits = [{"page": page, "excerpt": highlighted_excerpt(texts[page.pk], keys)} for page in page_of_results]
    promoted = [
        {
            "title": pick.title,
            "page": pick.page,
            "url": pick.external_link_url,
            "description": pick.description,
        }
        for pick in picks
    ]
    context = {
        "query": query,
        "results": page_of_results,
        "hits": hits,
        # Editors' picks head the first page of results only.
        "promoted": promoted if page_of_results.number == 1 else [],
    }
    return TemplateResponse(request, "search/search.html", context)
