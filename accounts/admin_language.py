"""The admin answers in each user's own admin language from the first line of a request to the last.

Wagtail switches to the language a user chose (Account → Preferences) only around its views, so what
happens outside them spoke the browser's language (Accept-Language): the "no permission" message
Wagtail writes after a view refused, a 403 page, the CSRF failure page. `AdminLanguageMiddleware`
switches for the whole request instead. Before anyone has signed in (the login form, the lockout page
after too many wrong passwords) the admin speaks the language of whoever last used it in this browser,
which a cookie remembers; never the account of the username typed, which would tell a stranger that
the account exists. The names of groups, workflows and tasks are translated too (accounts/admin_names.py).
"""

from django.conf import settings
from django.utils import translation

from . import admin_names
from .two_factor import ADMIN_PREFIX


def admin_language_cookie() -> str:
    return f"{settings.LANGUAGE_COOKIE_NAME}_admin"


def preferred_admin_language(user) -> str | None:
    """The language the user chose for the admin, if they chose one of ours."""
    profile = getattr(user, "wagtail_userprofile", None) if user.is_authenticated else None
    language = profile.preferred_language if profile else None
    return language if language in dict(settings.WAGTAILADMIN_PERMITTED_LANGUAGES) else None


class AdminLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(ADMIN_PREFIX):
            return self.get_response(request)
        chosen = preferred_admin_language(request.user)
        remembered = request.COOKIES.get(admin_language_cookie())
        if remembered not in dict(settings.WAGTAILADMIN_PERMITTED_LANGUAGES) or request.user.is_authenticated:
            remembered = None  # someone who never chose gets Wagtail's default: the browser's language
        language = chosen or remembered
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        with admin_names.translated():
            response = self.get_response(request)
        if chosen and chosen != request.COOKIES.get(admin_language_cookie()):
            response.set_cookie(
                admin_language_cookie(),
                chosen,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=True,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response
