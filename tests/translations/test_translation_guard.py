"""One guard in front of every wagtail-localize admin URL (translations/guard.py): each URL is
classified by what it does, one it has not classified is refused, and per role the rights hold by URL
and POST, the views the project never subclassed (preview, reports, snippet API, locales) included."""

import pytest

from django.http import HttpResponse
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, include, path

from wagtail import hooks
from wagtail.models import Locale
from wagtail.users.models import UserProfile
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.operations import TranslationCreator

from config import urls as site_urls
from home.factories import FooterFactory, StandardPageFactory, homes_in_every_language
from tests.roles import roles, sign_in, user_in
from translations.guard import RULES, rule_for
from translations.permissions import TRANSLATOR_GROUPS

pytestmark = pytest.mark.django_db


# --- Nothing of wagtail-localize's unclassified ------------------------------------------------------


def patterns_under(resolver_patterns, namespaces=()):
    """(namespace, url name, route, the view's module) for every URL pattern, included ones too."""
    for pattern in resolver_patterns:
        if isinstance(pattern, URLResolver):
            inner = (*namespaces, pattern.namespace) if pattern.namespace else namespaces
            yield from patterns_under(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            view = getattr(pattern.callback, "view_class", pattern.callback)
            yield ":".join(namespaces), pattern.name, str(pattern.pattern), view.__module__


def from_wagtail_localize(function) -> bool:
    return function.__module__.split(".")[0] == "wagtail_localize"


def library_url_patterns():
    """The patterns wagtail-localize itself registers: its admin URL hooks and its admin viewsets."""
    patterns = []
    for register in hooks.get_hooks("register_admin_urls"):
        if from_wagtail_localize(register):
            patterns += patterns_under(register())
    for register in hooks.get_hooks("register_admin_viewset"):
        if from_wagtail_localize(register):
            viewsets = register()
            for viewset in viewsets if isinstance(viewsets, list | tuple) else [viewsets]:
                patterns += patterns_under(viewset.get_urlpatterns(), (viewset.url_namespace,))
    return patterns


def test_every_url_wagtail_localize_registers_is_classified():
    patterns = library_url_patterns()
    unclassified = [(namespace, name, route) for namespace, name, route, _ in patterns if not rule_for(namespace, name)]
    assert {name for _, name, _, _ in patterns} >= {
        "preview_translation",
        "translations_report",
        "snippets_api_listing",
    }
    assert unclassified == []


def test_every_url_of_the_site_that_reaches_wagtail_localize_is_classified():
    """Also the project's subclasses at the library's paths, and a library view mounted elsewhere."""
    patterns = list(patterns_under(get_resolver().url_patterns))
    localize = [p for p in patterns if p[3].split(".")[0] == "wagtail_localize" or p[0].split(":")[0] in RULES]
    unclassified = [(namespace, name, route) for namespace, name, route, _ in localize if not rule_for(namespace, name)]
    assert {module for *_, module in localize} >= {"translations.views", "wagtail_localize.locales.views"}
    assert unclassified == []


# A view wagtail-localize might add in an upgrade, before anyone classified it.
answered = []


def view_nobody_classified(request, **kwargs):
    answered.append(request.path)
    return HttpResponse("the new view answered")


urlpatterns = [
    *site_urls.urlpatterns,
    path(
        "localize-new/",  # outside the admin's catch-all: the namespace is what the guard reads
        include(
            (
                [
                    path("<int:translation_id>/", view_nobody_classified, name="new_view"),
                    path("nested/", include(([path("", view_nobody_classified, name="preview_translation")], "inner"))),
                ],
                "wagtail_localize",
            )
        ),
    ),
]


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("url", ["/localize-new/1/", "/localize-new/nested/"])
def test_a_url_in_the_namespace_that_is_not_classified_is_refused_even_to_a_superuser(world, url):
    response = client_for(world, "superuser").post(url)
    assert response.status_code == 403
    assert answered == []


# --- Per role, by URL and POST ---------------------------------------------------------------------------

ROLES = ("visitor", "editor", "moderator", "translator_uk", "translator_en", "secretariat", "superuser")
AT_TRANSLATION_WORK = {"editor", "moderator", "translator_uk", "translator_en", "superuser"}
TRANSLATE_PAGES_INTO = {
    "uk": {"editor", "moderator", "translator_uk", "superuser"},
    "en": {"editor", "moderator", "translator_en", "superuser"},
}
PUBLISH_PAGES_IN = {"uk": {"moderator", "superuser"}, "en": {"moderator", "superuser"}}
# Nobody but the translators has rights on the footer snippet, and superusers.
TRANSLATE_FOOTERS_INTO = {"uk": {"translator_uk", "superuser"}, "en": {"translator_en", "superuser"}}
SEE_FOOTERS = {"translator_uk", "translator_en", "superuser"}
ONLY_SUPERUSERS = {"superuser"}


@pytest.fixture(scope="module")
def world(module_transaction):
    """Every role; a live nb page and an nb footer, each sent for translation into uk and en (drafts)."""
    homes = homes_in_every_language()
    page = StandardPageFactory(parent=homes["nb"], title="Vennskapskommuner", slug="vennskapskommuner")
    footer = FooterFactory(locale=Locale.objects.get(language_code="nb"))
    targets = Locale.objects.exclude(language_code="nb")
    for instance in (page, footer):
        TranslationCreator(None, list(targets)).create_translations(instance)
    people = {
        **roles(),
        "translator_uk": user_in("translator_uk", TRANSLATOR_GROUPS["uk"]),
        "translator_en": user_in("translator_en", TRANSLATOR_GROUPS["en"]),
        "superuser": user_in("root"),
    }
    people["superuser"].is_superuser = True
    people["superuser"].save()
    return {"page": page, "footer": footer, "people": people}


def client_for(world, role) -> Client:
    client = Client()
    if world["people"][role] is not None:
        sign_in(client, world["people"][role])
    return client


def source_of(instance) -> TranslationSource:
    return TranslationSource.objects.get(object_id=instance.translation_key, locale=instance.locale)


def translation_of(instance, code) -> Translation:
    return Translation.objects.get(source=source_of(instance), target_locale__language_code=code)


def uk_page_translation(world):
    return translation_of(world["page"], "uk").pk


def uk_page(world):
    return world["page"].get_translation(Locale.objects.get(language_code="uk")).pk


# (what is asked, method, the URL from the world, who may)
CASES = [
    ("translation editor's strings", "get", lambda w: "/admin/localize/jsi18n/", AT_TRANSLATION_WORK),
    ("translations report", "get", lambda w: "/admin/localize/reports/translations/", AT_TRANSLATION_WORK),
    (
        "translations report results",
        "get",
        lambda w: "/admin/localize/reports/translations/results/",
        AT_TRANSLATION_WORK,
    ),
    ("footer snippets API", "get", lambda w: "/admin/localize/api/snippets/home/footer/", SEE_FOOTERS),
    (
        "a footer in the snippets API",
        "get",
        lambda w: f"/admin/localize/api/snippets/home/footer/{w['footer'].pk}/",
        SEE_FOOTERS,
    ),
    (
        "partnerships in the snippets API",
        "get",
        lambda w: "/admin/localize/api/snippets/partnerships/partnership/",
        ONLY_SUPERUSERS,
    ),
    (
        "preview of the uk draft",
        "get",
        lambda w: f"/admin/localize/translate/{uk_page_translation(w)}/preview/",
        TRANSLATE_PAGES_INTO["uk"],
    ),
    (
        "preview of the uk draft in a mode",
        "get",
        lambda w: f"/admin/localize/translate/{uk_page_translation(w)}/preview/default/",
        TRANSLATE_PAGES_INTO["uk"],
    ),
    (
        "PO file of the en draft",
        "get",
        lambda w: f"/admin/localize/translate/{translation_of(w['page'], 'en').pk}/pofile/download/",
        TRANSLATE_PAGES_INTO["en"],
    ),
    (
        "PO file of the uk footer",
        "get",
        lambda w: f"/admin/localize/translate/{translation_of(w['footer'], 'uk').pk}/pofile/download/",
        TRANSLATE_FOOTERS_INTO["uk"],
    ),
    (
        "stop the uk translation",
        "post",
        lambda w: f"/admin/localize/translate/{uk_page_translation(w)}/disable/?next=/admin/pages/",
        TRANSLATE_PAGES_INTO["uk"],
    ),
    ("translate the page", "get", lambda w: f"/admin/localize/submit/page/{w['page'].pk}/", AT_TRANSLATION_WORK),
    (
        "translate the footer",
        "get",
        lambda w: f"/admin/localize/submit/snippet/home/footer/{w['footer'].pk}/",
        SEE_FOOTERS,
    ),
    ("sync the page", "get", lambda w: f"/admin/localize/update/{source_of(w['page']).pk}/", AT_TRANSLATION_WORK),
    ("sync the footer", "post", lambda w: f"/admin/localize/update/{source_of(w['footer']).pk}/", SEE_FOOTERS),
    (
        "convert the uk draft to an alias of the live page",
        "get",
        lambda w: f"/admin/localize/page/{uk_page(w)}/convert_to_alias/",
        PUBLISH_PAGES_IN["uk"],
    ),
    ("the site's languages", "get", lambda w: "/admin/locales/", ONLY_SUPERUSERS),
    ("add a language", "post", lambda w: "/admin/locales/new/", ONLY_SUPERUSERS),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("asked", "method", "url", "allowed"), CASES, ids=[case[0] for case in CASES])
def test_rights_per_role(world, role, asked, method, url, allowed):
    response = getattr(client_for(world, role), method)(url(world))
    if role == "visitor":
        assert response.status_code == 302
        assert response.url.startswith("/admin/login/")
    elif role in allowed:
        assert response.status_code != 403
        assert not (response.status_code == 302 and response.url in ("/admin/", "/admin/login/"))
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("role", ROLES[1:])
def test_the_reports_menu_offers_the_translations_report_to_who_may_open_it(world, role):
    dashboard = client_for(world, role).get("/admin/").content.decode()
    assert ('"/admin/localize/reports/translations/"' in dashboard) == (role in AT_TRANSLATION_WORK)


def test_the_refusal_is_in_the_users_admin_language(world):
    translator = world["people"]["translator_en"]
    profile = UserProfile.get_for_user(translator)
    profile.preferred_language = "uk"
    profile.save()

    response = client_for(world, "translator_en").get(
        f"/admin/localize/translate/{uk_page_translation(world)}/preview/"
    )

    assert response.status_code == 403
    assert "Це стосується мови, на яку ви не перекладаєте." in response.content.decode()
    assert '<html lang="uk"' in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/admin/localize/translate/999999/preview/",
        "/admin/localize/update/999999/",
        "/admin/localize/submit/snippet/partnerships/partnership/1/",  # not translatable
        "/admin/localize/api/snippets/home/nothing/",
    ],
)
def test_a_url_naming_nothing_answers_404(world, url):
    # Django's LocaleMiddleware sends any 404 on to the /nb/ address first, which is a 404 too.
    assert client_for(world, "superuser").get(url, follow=True).status_code == 404
