from django.apps import apps
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from . import content_cache
from .admin_listings import RedirectIndexView
from .form_pages import PublicFormPage
from .models import Footer, NavigationMenu, Person
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


@hooks.register("register_admin_urls", order=-1)
def register_listings_with_translated_filters():
    # Ahead of Wagtail's own patterns at the same paths, as for the translation views (which include
    # the translations report, translations/wagtail_hooks.py); every link to them still names Wagtail's.
    return [
        path("redirects/", RedirectIndexView.as_view(), name="s2pu_redirects_index"),
        path("redirects/results/", RedirectIndexView.as_view(results_only=True), name="s2pu_redirects_results"),
    ]


@hooks.register("before_serve_page")
def locale_from_cache(page, request, serve_args, serve_kwargs):
    """The served page's locale from the content cache: the templates, the language switcher and the
    localised routes all read `page.locale`, which would otherwise be a query of its own."""
    content_cache.prime_locale(page)
