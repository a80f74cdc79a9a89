"""Django's paginator, without the COUNT query when the whole list fits on its first page; and
whether a page shows the list pages its address asks for (what caches may keep per page number)."""

from collections.abc import Iterable

from django.core import paginator
from django.utils.functional import SimpleLazyObject


class Paginator(paginator.Paginator):
    """Most lists of the site (news, search results) are shorter than a page: fetching one row more
    than a page tells whether there is more, so such a list costs one query instead of a COUNT and
    then the rows. A longer list, or any later page, is counted as Django does."""

    def get_page(self, number):
        if self.orphans or "count" in self.__dict__ or not _asks_first_page(number):
            return super().get_page(number)
        rows = list(self.object_list[: self.per_page + 1])
        if len(rows) > self.per_page:
            page = super().get_page(1)
            # The rows are fetched already; the page shows the first of them.
            page.object_list = rows[: self.per_page]
            return page
        self.__dict__["count"] = len(rows)  # `count` is a cached property: no COUNT query follows
        return paginator.Page(rows, 1, self)


def _asks_first_page(number) -> bool:
    """Whether `get_page(number)` would show page 1: no number, 1, or junk (Django shows page 1 then);
    a number past the end shows the last page, which for a short list is the first too, but knowing
    that needs the count."""
    try:
        return int(number) == 1
    except (TypeError, ValueError):
        return True


def lazy_list_page(request, paginator: paginator.Paginator, prepare=None) -> dict:
    """{"page_obj", and the items as `items`} of the page the request asks for, read only when a
    template first uses them: a list kept whole in the cache (templatetags/fragment_cache.py) costs no query.
    `prepare(items)` adds what the cards show besides the rows (themes, partnerships)."""

    def read():
        page_obj = paginator.get_page(request.GET.get("page"))
        items = list(page_obj)
        if prepare is not None:
            prepare(items)
        return page_obj, items

    page = SimpleLazyObject(read)
    return {"page_obj": SimpleLazyObject(lambda: page[0]), "items": SimpleLazyObject(lambda: page[1])}


# The query parameters of the site's pagers (components/pagination.html): "upcoming" is the event
# list's second pager.
PAGER_PARAMETERS = frozenset({"page", "upcoming"})


def shows_asked_pages(request, shown: Iterable) -> bool:
    """Whether each page number the request asks for is the number of a list page among `shown` (the
    values a page was drawn with). Django's paginator answers a number past the end with the last
    page and junk with the first, and a page without a list ignores the number: kept per number, any
    of those would make a cache entry of its own for every number anyone cares to ask."""
    asked = [request.GET[name] for name in PAGER_PARAMETERS if name in request.GET]
    if not asked:
        return True
    numbers = {str(value.number) for value in shown if isinstance(value, paginator.Page)}
    return all(number in numbers for number in asked)
