from django.apps import apps
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import include, path, reverse, reverse_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import DismissibleMenuItem, MenuItem
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from . import content_cache, source_pages, translation_dashboard, translation_guard, translation_views, two_factor
from .admin_listings import RedirectIndexView
from .form_pages import PublicFormPage
from .models import Footer, NavigationMenu, Person
from .translation_permissions import may_change_snippet_in
from .viewsets import TranslatableSnippetViewSet


class NavigationMenuViewSet(TranslatableSnippetViewSet):
    model = NavigationMenu
    icon = "list-ul"
    columns = ("name",)


class FooterViewSet(TranslatableSnippetViewSet):
    model = Footer
    icon = "placeholder"


class PersonViewSet(TranslatableSnippetViewSet):
    model = Person
    icon = "user"
    columns = ("name", "title", "organisation")
    search_fields = ["name", "organisation"]


class SiteContentGroup(SnippetViewSetGroup):
    menu_label = _("Site content")
    menu_icon = "site"
    menu_order = 250
    items = (NavigationMenuViewSet, FooterViewSet, PersonViewSet)


register_snippet(SiteContentGroup)


# --- Pages holding what visitors sent are never deleted from the admin ----------------------------

REFUSED_DELETION = _(
    "This page (or a page below it) holds what visitors sent through it. It cannot be deleted; unpublish it "
    "instead, and ask the secretariat to export and erase those records first."
)


def pages_with_submissions(pages) -> bool:
    """True if any of `pages` or their descendants, in any language, is a public form page whose
    records exist (they are stored on the source-language page)."""
    form_page_models = [model for model in apps.get_models() if issubclass(model, PublicFormPage)]
    for page in pages:
        for form_page in page.get_descendants(inclusive=True).type(*form_page_models).specific():
            if form_page.get_submissions().exists():
                return True
    return False


@hooks.register("before_delete_page")
def refuse_deleting_pages_with_submissions(request, page):
    if pages_with_submissions([page]):
        messages.error(request, REFUSED_DELETION)
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    return None


@hooks.register("before_bulk_action")
def refuse_bulk_deleting_pages_with_submissions(request, action_type, objects, action_class_instance):
    if action_type == "delete" and objects and isinstance(objects[0], Page) and pages_with_submissions(objects):
        messages.error(request, REFUSED_DELETION)
        return redirect("wagtailadmin_explore", objects[0].get_parent().pk)
    return None


@hooks.register("before_delete_page")
def confirm_deleting_a_source_with_translations(request, page):
    return source_pages.confirm_deleting_a_source_with_translations(request, page)


@hooks.register("after_move_page")
def move_translations_with_source(request, page):
    source_pages.move_translations_with_source(request, page)


# --- Translation: nobody translates or publishes past their rights (home/translation_permissions.py) ---


@hooks.register("register_admin_urls", order=-1)
def register_listings_with_translated_filters():
    # Ahead of Wagtail's own patterns at the same paths, as for the translation views below (which
    # include the translations report); every link to them still names Wagtail's.
    return [
        path("redirects/", RedirectIndexView.as_view(), name="s2pu_redirects_index"),
        path("redirects/results/", RedirectIndexView.as_view(results_only=True), name="s2pu_redirects_results"),
    ]


@hooks.register("register_admin_urls", order=-1)
def register_guarded_translation_urls():
    # Wagtail adds the hooks' URLs in hook order; order=-1 puts these before wagtail-localize's own
    # patterns at the same paths, so the first match, and every link to them, is the subclass. The
    # guard (home/translation_guard.py) covers their namespace as it covers wagtail-localize's.
    return [path("localize/", include((translation_views.urlpatterns, translation_guard.PROJECT_SUBCLASSES_NAMESPACE)))]


@hooks.register("construct_reports_menu")
def offer_translation_reports_only_to_who_may_open_them(request, menu_items):
    # wagtail-localize shows its "Translations" report to everyone in the admin; the guard refuses it
    # to those not at translation work (the Secretariat).
    menu_items[:] = [item for item in menu_items if translation_guard.may_open(request.user, item.url)]


@hooks.register("before_edit_page", order=-1)
def guard_page_translation_publish(request, page):
    translation_views.guard_translation_editor_publish(request, page)
    return translation_views.submit_translation_for_moderation(request, page)


@hooks.register("before_edit_snippet", order=-1)
def guard_snippet_translation(request, instance):
    translation_views.guard_snippet_language(request, instance)
    translation_views.guard_translation_editor_publish(request, instance)


@hooks.register("before_create_snippet", order=-1)
def guard_snippet_creation_language(request, model):
    # The language of a new snippet comes from ?locale= (the default language without it).
    if issubclass(model, TranslatableMixin):
        code = request.GET.get("locale") or request.POST.get("locale")
        locale = Locale.objects.filter(language_code=code).first() if code else Locale.get_default()
        if locale is None or not may_change_snippet_in(request.user, model, locale):
            raise PermissionDenied


@hooks.register("before_delete_snippet", order=-1)
def guard_snippet_deletion_language(request, instances):
    for instance in instances:
        translation_views.guard_snippet_language(request, instance)


# --- Translation status: the dashboard, the admin home panel, marking a change as minor ---------------


class TranslationDashboardMenuItem(MenuItem):
    def is_shown(self, request):
        return translation_dashboard.may_see_translation_work(request.user)


@hooks.register("register_admin_urls")
def register_translation_dashboard_urls():
    return [
        path(
            "translations/",
            translation_dashboard.TranslationDashboardView.as_view(),
            name="translation_dashboard",
        ),
        path("translations/minor/<int:page_id>/", translation_dashboard.mark_minor, name="translation_mark_minor"),
    ]


@hooks.register("register_admin_menu_item")
def register_translation_dashboard_menu_item():
    return TranslationDashboardMenuItem(
        _("Translations"), reverse_lazy("translation_dashboard"), icon_name="globe", name="translations", order=260
    )


@hooks.register("construct_homepage_panels")
def add_translation_work_panel(request, panels):
    if translation_dashboard.is_translator(request.user):
        panels.append(translation_dashboard.TranslationWorkPanel(request.user))


@hooks.register("before_serve_page")
def locale_from_cache(page, request, serve_args, serve_kwargs):
    """The served page's locale from the content cache: the templates, the language switcher and the
    localised routes all read `page.locale`, which would otherwise be a query of its own."""
    content_cache.prime_locale(page)


# --- Two-factor login (home/two_factor.py; its views are routed in config/urls.py) -----------------


@hooks.register("register_account_menu_item")
def offer_two_factor_enrolment(request):
    # Whoever enrolled may move to a new phone; anyone else may choose to enrol.
    if two_factor.authenticator_of(request.user) is not None:
        return {
            "url": reverse("two_factor_enrol"),
            "label": _("Move two-factor login to a new phone"),
            "help_text": _("Scan a new code with the authenticator app on another phone; the old one stops working."),
        }
    return {
        "url": reverse("two_factor_enrol"),
        "label": _("Set up two-factor login"),
        "help_text": _("Ask for a code from an authenticator app at every sign-in, besides the password."),
    }


@hooks.register("register_account_menu_item")
def offer_recovery_codes(request):
    if two_factor.authenticator_of(request.user) is None:
        return None
    return {
        "url": reverse("two_factor_recovery_codes"),
        "label": _("Recovery codes"),
        "help_text": _("Codes that stand in for the authenticator app when the phone is lost. Make new ones here."),
    }


# --- Menu items named once, in the language of the first request -----------------------------------
# Wagtail builds each menu's items once per process; these two name themselves then, so every user
# saw them in the language of whoever opened the admin first. Each request gets a fresh one instead.


@hooks.register("construct_reports_menu")
def name_the_translations_report_per_request(request, menu_items):
    url = reverse("wagtail_localize:translations_report")
    for index, item in enumerate(menu_items):
        if item.url == url:
            menu_items[index] = MenuItem(
                _("Translations"), url, name=item.name, icon_name=item.icon_name, order=item.order
            )


@hooks.register("construct_help_menu")
def name_whats_new_per_request(request, menu_items):
    prefix = "whats-new-in-wagtail-"
    for index, item in enumerate(menu_items):
        if item.name.startswith(prefix):
            version = item.name.removeprefix(prefix)
            menu_items[index] = DismissibleMenuItem(
                gettext("What's new in Wagtail %(version)s") % {"version": version},
                item.url,
                name=item.name,
                icon_name=item.icon_name,
                order=item.order,
                attrs={"target": "_blank", "rel": "noreferrer"},
            )
