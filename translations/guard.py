"""One guard in front of every URL of wagtail-localize's admin: each is classified by what it does, and
one it has not classified is refused.

wagtail-localize checks rights view by view, and not all of them the same way (the preview and the PO
download check edit rights on a page's translation but only the model permission on a snippet; its
snippet API lists any snippet model to anyone in the admin), so a view added by an upgrade would be
open until someone noticed. Here every URL in its namespaces, and in the namespace of the project's
subclasses mounted at the same paths (translations/views.py), is looked up in RULES by name:

- READ: see translation work at all (the translators, the editors, the moderators, superusers);
- EDIT: translate into the language the URL acts on (`may_translate`); previewing a translation or
  downloading its PO file shows that language's draft, so it needs this too;
- PUBLISH: publish there (`may_publish_translation`);
- MANAGE_LANGUAGES: add, change or delete the site's locales (Wagtail's locale permission).

A name missing from RULES is refused for everyone, superusers included: tests/translations/
test_translation_guard.py walks the URLconf and fails on any such name, so an upgrade is classified
before it ships. Refusals are a 403 in the user's admin language; a visitor is sent to the login.
"""

from collections.abc import Callable, Iterable
from typing import NamedTuple
from urllib.parse import urlsplit

from django.contrib.admin.utils import unquote
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from django.views.defaults import page_not_found

from wagtail.models import Locale, Page, TranslatableMixin
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import locale_permission_policy
from wagtail.snippets.views.snippets import get_snippet_model_from_url_params
from wagtail.users.models import UserProfile
from wagtail_localize.models import Translation, TranslationSource

from .dashboard import may_see_translation_work
from .permissions import may_publish_translation, may_translate

READ = "read"
EDIT = "edit a language"
PUBLISH = "publish a language"
MANAGE_LANGUAGES = "manage languages"

WHY_REFUSED = {
    READ: _("Translation work is not part of your role."),
    EDIT: _("This concerns a language you do not translate into."),
    PUBLISH: _("This would publish in a language where you may not publish."),
    MANAGE_LANGUAGES: _("Only administrators manage the site’s languages."),
    None: _("This part of the translation tools has not been opened for use on this site."),
}


class Rule(NamedTuple):
    does: str
    allows: Callable[..., bool]  # (user, **the URL's kwargs) -> bool; Http404 for a missing object


# --- What a URL acts on: [(the source page or snippet, a target language)] ---------------------------


def languages_other_than(instance) -> list[tuple[object, Locale]]:
    return [(instance, locale) for locale in Locale.objects.exclude(pk=instance.locale_id)]


def page_to_submit(page_id, **kwargs):
    return languages_other_than(get_object_or_404(Page, pk=page_id).specific)


def snippet_to_submit(app_label, model_name, pk, **kwargs):
    model = get_snippet_model_from_url_params(app_label, model_name)
    if not issubclass(model, TranslatableMixin):
        raise Http404
    return languages_other_than(get_object_or_404(model, pk=unquote(pk)))


def translations_of_source(translation_source_id, **kwargs):
    source = get_object_or_404(TranslationSource, pk=translation_source_id)
    instance = source.get_source_instance()
    return [
        (instance, t.target_locale) for t in source.translations.filter(enabled=True).select_related("target_locale")
    ]


def one_translation(translation_id, **kwargs):
    found = get_object_or_404(Translation.objects.select_related("source", "target_locale"), pk=translation_id)
    return [(found.source.get_source_instance(), found.target_locale)]


# --- The checks ---------------------------------------------------------------------------------------


def at_translation_work(user, **kwargs) -> bool:
    return may_see_translation_work(user)


def translates_into_any(targets: Callable[..., Iterable]) -> Callable[..., bool]:
    def allows(user, **kwargs):
        return may_see_translation_work(user) and any(
            may_translate(user, source, locale) for source, locale in targets(**kwargs)
        )

    return allows


def sees_snippet_model(user, app_label, model_name, **kwargs) -> bool:
    """wagtail-localize's snippet chooser API: whoever may see the model in the snippets admin."""
    if not may_see_translation_work(user):
        return False
    model = get_snippet_model_from_url_params(app_label, model_name)
    return ModelPermissionPolicy(model).user_has_any_permission(user, ["add", "change", "delete", "view"])


def converts_to_alias(user, page_id, **kwargs) -> bool:
    """An alias mirrors its source's content and live status: converting a translation publishes (or
    unpublishes) in the target tree whenever either page is live, and only changes a draft otherwise."""
    if not may_see_translation_work(user):
        return False
    page = get_object_or_404(Page, pk=page_id, alias_of_id__isnull=True)
    source = TranslationSource.objects.filter(
        object_id=page.translation_key,
        specific_content_type=page.content_type_id,
        translations__target_locale=page.locale_id,
    ).first()
    if source is None:
        raise Http404
    source_page = Page.objects.filter(translation_key=page.translation_key, locale_id=source.locale_id).first()
    if source_page is None:
        raise Http404
    if source_page.live or page.live:
        return may_publish_translation(user, source_page, page.locale)
    return may_translate(user, source_page, page.locale)


def manages_languages(user, **kwargs) -> bool:
    return locale_permission_policy.user_has_any_permission(user, ["add", "change", "delete"])


# --- The table ----------------------------------------------------------------------------------------

EDIT_THE_TRANSLATION = Rule(EDIT, translates_into_any(one_translation))

WAGTAIL_LOCALIZE = {
    "javascript_catalog": Rule(READ, at_translation_work),
    "translations_report": Rule(READ, at_translation_work),
    "translations_report_results": Rule(READ, at_translation_work),
    "snippets_api_listing": Rule(READ, sees_snippet_model),
    "snippets_api_detail": Rule(READ, sees_snippet_model),
    # The form offers only the languages the user may translate into (translations/views.py).
    "submit_page_translation": Rule(EDIT, translates_into_any(page_to_submit)),
    "submit_snippet_translation": Rule(EDIT, translates_into_any(snippet_to_submit)),
    # Acts on the user's own languages; "Publish immediately" is checked per language on its form.
    "update_translations": Rule(EDIT, translates_into_any(translations_of_source)),
    "edit_string_translation": EDIT_THE_TRANSLATION,
    "edit_override": EDIT_THE_TRANSLATION,
    "download_pofile": EDIT_THE_TRANSLATION,
    "upload_pofile": EDIT_THE_TRANSLATION,
    "machine_translate": EDIT_THE_TRANSLATION,
    "preview_translation": EDIT_THE_TRANSLATION,
    "stop_translation": EDIT_THE_TRANSLATION,
    "convert_to_alias": Rule(PUBLISH, converts_to_alias),
}

MANAGE_THE_LOCALES = Rule(MANAGE_LANGUAGES, manages_languages)

LOCALES = {
    name: MANAGE_THE_LOCALES
    for name in ("index", "index_results", "add", "edit", "delete", "copy", "usage", "history", "history_results")
}

# The project's subclasses (translations/views.py) carry the library's names at the same paths.
PROJECT_SUBCLASSES_NAMESPACE = "s2pu_localize_forms"

RULES: dict[str, dict[str, Rule]] = {
    "wagtail_localize": WAGTAIL_LOCALIZE,
    PROJECT_SUBCLASSES_NAMESPACE: WAGTAIL_LOCALIZE,
    "wagtaillocales": LOCALES,
}


def rule_for(namespace: str, url_name: str | None) -> Rule | None:
    """The rule of a URL by its full namespace: one nested inside a guarded namespace has none."""
    return RULES.get(namespace, {}).get(url_name)


def may_open(user, url: str) -> bool:
    """Whether the guard lets `user` through to `url` (True for an address it does not guard), so that
    a menu does not offer what would be refused."""
    try:
        match = resolve(urlsplit(url).path)
    except Resolver404:
        return True
    if not RULES.keys() & set(match.namespaces):
        return True
    rule = rule_for(match.namespace, match.url_name)
    try:
        return rule is not None and rule.allows(user, **match.kwargs)
    except (Http404, ObjectDoesNotExist):
        return False


class TranslationGuardMiddleware:
    """Runs after URL resolution (process_view), so it sees which named URL is asked for and its kwargs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or not RULES.keys() & set(match.namespaces):
            return None
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))
        rule = rule_for(match.namespace, match.url_name)
        with translation.override(UserProfile.get_for_user(request.user).get_preferred_language()):
            try:
                if rule is not None and rule.allows(request.user, **view_kwargs):
                    return None
            except (Http404, ObjectDoesNotExist) as missing:
                # The object the URL names is gone (the source of a translation too): as the view would say.
                return never_cached(page_not_found(request, missing, template_name="wagtailadmin/404.html"))
            return refusal(request, rule)


def refusal(request, rule: Rule | None):
    reason = WHY_REFUSED[rule.does if rule else None]
    return never_cached(render(request, "translations/admin/translation_refused.html", {"reason": reason}, status=403))


def never_cached(response):
    add_never_cache_headers(response)
    return response
