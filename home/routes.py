"""Routes under a page (RoutablePageMixin) whose address segment is in the page's language.

`/nb/samarbeid/historier/`, `/uk/spivpratsia/istorii/` and `/en/partnerships/stories/` are one route of
one page model in three languages. Every language's segment is registered with the class's resolver, so
a segment of another language (the English ones were the only ones once) still resolves, and answers
with a permanent redirect to the segment of the page's own language instead of a duplicate of it.
"""

from django.conf import settings
from django.core import checks
from django.http import HttpResponsePermanentRedirect

from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from home import content_cache
from home.text import slugify_ascii

# Separates a route's name from the segment it is registered with, in the resolver's route names.
_SEGMENT_MARK = "@"


def localised_path(segments: dict[str, str], name: str | None = None):
    """Like routable_page's `path`, with the route's pattern in each language: {"nb": "historier/", …}.

    `reverse_subpage(name)` on a page gives the pattern of the page's own language."""

    def decorator(view_func):
        route_name = name or view_func.__name__
        for pattern in dict.fromkeys(segments.values()):
            path(pattern, name=f"{route_name}{_SEGMENT_MARK}{pattern}")(view_func)
        view_func.localised_segments = {route_name: dict(segments)}
        return view_func

    return decorator


def romanised(ukrainian: str) -> str:
    """A Ukrainian word as an ASCII segment, by the same table as the slugs: "історії" → "istorii/"."""
    return slugify_ascii(ukrainian) + "/"


class LocalisedRoutablePageMixin(RoutablePageMixin):
    @classmethod
    def localised_routes(cls) -> dict[str, dict[str, str]]:
        """{route name: {language code: pattern}} for every route declared with `localised_path`."""
        if "_localised_routes" not in cls.__dict__:
            routes: dict = {}
            for klass in reversed(cls.__mro__):
                for value in klass.__dict__.values():
                    routes.update(getattr(value, "localised_segments", {}))
            cls._localised_routes = routes
        return cls._localised_routes

    @classmethod
    def check(cls, **kwargs):
        return super().check(**kwargs) + cls.check_localised_segments()

    @classmethod
    def check_localised_segments(cls) -> list[checks.CheckMessage]:
        codes = [code for code, _name in settings.LANGUAGES]
        errors = []
        for name, segments in cls.localised_routes().items():
            missing = [code for code in codes if code not in segments]
            if missing:
                errors.append(
                    checks.Error(f"The route {name} has no segment for {', '.join(missing)}.", obj=cls, id="home.E001")
                )
        return errors

    @classmethod
    def subpage_in_language(cls, language: str, name: str, args=None, kwargs=None) -> str:
        """The route `name` as a path under a page of this model in `language` ("" for the page itself)."""
        segments = cls.localised_routes().get(name)
        if segments is not None:
            name = f"{name}{_SEGMENT_MARK}{segments[language]}"
        return cls.get_resolver().reverse(name, *(args or []), **(kwargs or {}))

    def reverse_subpage(self, name, args=None, kwargs=None):
        return self.subpage_in_language(content_cache.prime_locale(self).locale.language_code, name, args, kwargs)

    def subpage_url(self, name: str, *args) -> str:
        """The address of the route `name` under this page, in the page's language."""
        return self.url + self.reverse_subpage(name, args=list(args))

    def resolve_subpage(self, path):
        match = super().resolve_subpage(path)
        name, _mark, pattern = (match.url_name or "").partition(_SEGMENT_MARK)
        segments = self.localised_routes().get(name) if pattern else None
        if segments is not None and segments[content_cache.prime_locale(self).locale.language_code] != pattern:
            target = self.reverse_subpage(name, match.args, match.kwargs)
            match.func = lambda request, *args, **kwargs: self._redirect_to_subpage(request, target)
        return match

    def _redirect_to_subpage(self, request, subpage: str):
        # The query string is kept: a bookmarked filtered list or page 2 stays where it was.
        url = self.get_url(request=request) + subpage
        if request.GET:
            url += "?" + request.GET.urlencode()
        return HttpResponsePermanentRedirect(url)

    def route_name_and_arguments(self, request):
        """(route name, args, kwargs) of the route of this page that `request` was routed to, or None
        when it is the page itself or another page."""
        match = getattr(request, "routable_resolver_match", None)
        owner = getattr(getattr(match, "func", None), "__self__", None)
        if match is None or owner is None or owner.pk != self.pk:
            return None
        name = (match.url_name or "").partition(_SEGMENT_MARK)[0]
        return name, match.args, match.kwargs


def subpages_by_language(page, request) -> dict[str, str]:
    """{language code: the path after the page's own address} for the route of `page` that `request`
    is on, so that links to other languages lead to the same route; "" for the page itself."""
    codes = [code for code, _name in settings.LANGUAGES]
    route = page.route_name_and_arguments(request) if isinstance(page, LocalisedRoutablePageMixin) else None
    if route is None:
        return dict.fromkeys(codes, "")
    name, args, kwargs = route
    return {code: page.subpage_in_language(code, name, args, kwargs) for code in codes}
