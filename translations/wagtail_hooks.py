from django.core.exceptions import PermissionDenied
from django.urls import include, path, reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Locale, TranslatableMixin

from . import dashboard, guard, source_pages, views
from .permissions import may_change_snippet_in

# --- Deleting and moving a source page with translations (translations/source_pages.py) -------------
# Registered after the core's refusal to delete pages holding what visitors sent (INSTALLED_APPS
# order): a page that may not be deleted at all asks for no confirmation first.


@hooks.register("before_delete_page")
def confirm_deleting_a_source_with_translations(request, page):
    return source_pages.confirm_deleting_a_source_with_translations(request, page)


@hooks.register("after_move_page")
def move_translations_with_source(request, page):
    source_pages.move_translations_with_source(request, page)


# --- Nobody translates or publishes past their rights (translations/permissions.py) ------------------


@hooks.register("register_admin_urls", order=-1)
def register_guarded_translation_urls():
    # Wagtail adds the hooks' URLs in hook order; order=-1 puts these before wagtail-localize's own
    # patterns at the same paths, so the first match, and every link to them, is the subclass. The
    # guard (translations/guard.py) covers their namespace as it covers wagtail-localize's.
    return [path("localize/", include((views.urlpatterns, guard.PROJECT_SUBCLASSES_NAMESPACE)))]


@hooks.register("construct_reports_menu")
def offer_translation_reports_only_to_who_may_open_them(request, menu_items):
    # wagtail-localize shows its "Translations" report to everyone in the admin; the guard refuses it
    # to those not at translation work (the Secretariat).
    menu_items[:] = [item for item in menu_items if guard.may_open(request.user, item.url)]


@hooks.register("before_edit_page", order=-1)
def guard_page_translation_publish(request, page):
    views.guard_translation_editor_publish(request, page)
    return views.submit_translation_for_moderation(request, page)


@hooks.register("before_edit_snippet", order=-1)
def guard_snippet_translation(request, instance):
    views.guard_snippet_language(request, instance)
    views.guard_translation_editor_publish(request, instance)


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
        views.guard_snippet_language(request, instance)


# --- Translation status: the dashboard, the admin home panel, marking a change as minor ---------------


class TranslationDashboardMenuItem(MenuItem):
    def is_shown(self, request):
        return dashboard.may_see_translation_work(request.user)


@hooks.register("register_admin_urls")
def register_translation_dashboard_urls():
    return [
        path("translations/", dashboard.TranslationDashboardView.as_view(), name="translation_dashboard"),
        path("translations/minor/<int:page_id>/", dashboard.mark_minor, name="translation_mark_minor"),
    ]


@hooks.register("register_admin_menu_item")
def register_translation_dashboard_menu_item():
    return TranslationDashboardMenuItem(
        _("Translations"), reverse_lazy("translation_dashboard"), icon_name="globe", name="translations", order=260
    )


@hooks.register("construct_homepage_panels")
def add_translation_work_panel(request, panels):
    if dashboard.is_translator(request.user):
        panels.append(dashboard.TranslationWorkPanel(request.user))


# --- A menu item named once, in the language of the first request ------------------------------------
# Wagtail builds each menu's items once per process; wagtail-localize's report names itself then, so
# every user saw it in the language of whoever opened the admin first. Each request gets a fresh one.


@hooks.register("construct_reports_menu")
def name_the_translations_report_per_request(request, menu_items):
    url = reverse("wagtail_localize:translations_report")
    for index, item in enumerate(menu_items):
        if item.url == url:
            menu_items[index] = MenuItem(
                _("Translations"), url, name=item.name, icon_name=item.icon_name, order=item.order
            )
