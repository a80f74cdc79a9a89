"""The read-only API (Wagtail API v2) at /api/v2/: live public pages in every language (`?locale=uk`),
images and documents outside restricted collections. Each page type lists its public fields in
`api_fields`; what visitors send (registrations, interest, form answers) is not a page field and is
never served here. Wagtail's viewsets answer only GET and HEAD."""

from django.http import Http404
from django.utils import translation

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Site

from search.query import unsearchable

SEARCH_OPERATORS = {"and", "or"}
# Far past any listing this site will have; a larger offset overflows the database's integers.
MAX_OFFSET = 1_000_000


class RefusesBadQueries:
    """A 400 for what Wagtail would pass on to the database or the search backend and fail on with a
    500: a NUL character (PostgreSQL text cannot hold one, nor SQLite's full-text query), a search
    holding what the site's own search removes from a query (search.query.unsearchable: a double quote
    ends SQLite's full-text term), an unknown search operator, or an offset past any integer the
    database takes. Checked before any view runs: the site filter queries the database early."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if any("\x00" in value for _name, values in request.GET.lists() for value in values):
            raise BadRequestError("query parameters cannot hold NUL characters")
        if any(unsearchable(char) for char in request.GET.get("search", "")):
            raise BadRequestError("search cannot hold double quotes or control characters")
        operator = request.GET.get("search_operator")
        if operator is not None and operator not in SEARCH_OPERATORS:
            raise BadRequestError("search_operator must be 'and' or 'or'")
        offset = request.GET.get("offset", "0")
        if offset.isdecimal() and int(offset) > MAX_OFFSET:
            raise BadRequestError(f"offset cannot be higher than {MAX_OFFSET}")


class PublicPagesAPIViewSet(RefusesBadQueries, PagesAPIViewSet):
    def find_object(self, queryset, request):
        """`?html_path=` as visitors see the address: `/uk/pro-nas/` is routed from the site's home in
        uk, since the language prefix is Django's (i18n_patterns), not a page's slug. Wagtail's find
        view routes the whole path from the site's root page, which finds no page of a site with
        language prefixes; a prefixless path is left to it."""
        path = request.GET.get("html_path", "")
        language = translation.get_language_from_path(path)
        site = Site.find_for_request(request)
        if language is None or site is None:
            return super().find_object(queryset, request)
        components = [component for component in path.split("/") if component][1:]
        with translation.override(language):
            try:
                page, _args, _kwargs = site.root_page.localized.specific.route(request, components)
            except Http404:
                return None
        return page if queryset.filter(id=page.id).exists() else None


class PublicImagesAPIViewSet(RefusesBadQueries, ImagesAPIViewSet):
    pass


class PublicDocumentsAPIViewSet(RefusesBadQueries, DocumentsAPIViewSet):
    pass


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
