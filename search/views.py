import unicodedata

from django.core.paginator import Paginator
from django.template.response import TemplateResponse

from wagtail.models import Locale, Page

from .excerpt import excerpt

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200


def clean_query(raw: str) -> str:
    """The visitor's words as the search backend can take them. Control characters (NUL among them)
    end a string early in SQLite and are refused by PostgreSQL; a double quote inside a term breaks
    the FTS5 query that Wagtail's database backend builds on SQLite ("unterminated string"). Neither
    carries meaning for a word search, so both become spaces."""
    text = "".join(" " if char == '"' or unicodedata.category(char) == "Cc" else char for char in raw)
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def search(request):
    """Search the pages of the visitor's language only."""
    query = clean_query(request.GET.get("query", ""))
    results = Page.objects.none()
    if query:
        results = Page.objects.live().public().filter(locale=Locale.get_active()).specific().search(query)
    page_of_results = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    hits = [{"page": page, "excerpt": excerpt(page)} for page in page_of_results]
    return TemplateResponse(request, "search/search.html", {"query": query, "results": page_of_results, "hits": hits})
