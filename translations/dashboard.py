"""What translators and editors see of the translations' state (translations/status.py): the
dashboard's page × language matrix, the status on each page's edit view, the "My translation work"
panel on a translator's admin home, and the way an editor marks a published change as minor."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from wagtail.admin.ui.components import Component
from wagtail.models import Locale, Page

from home.admin_display import RestrictedAdminPage

from .models import MinorEdit
from .permissions import TRANSLATOR_GROUPS, home_page_of, works_in
from .status import MISSING, SOURCE_CHANGED, UP_TO_DATE, target_locales, translation_matrix

ROWS_PER_PAGE = 100


def may_see_translation_work(user) -> bool:
    return bool(user.is_active and (user.is_superuser or user.has_perm("wagtail_localize.submit_translation")))


def is_translator(user) -> bool:
    """Translating is this person's work (a translators' group), not one thing among others they may do:
    editors and moderators may translate too, but their home page is about their own work."""
    return bool(user.is_active and user.groups.filter(name__in=TRANSLATOR_GROUPS.values()).exists())


def source_pages():
    """Every page of the source language's tree, its home page included, in tree order."""
    home = home_page_of(Locale.get_default())
    if home is None:
        return Page.objects.none()
    return Page.objects.descendant_of(home, inclusive=True).order_by("path")


class DashboardFilters(forms.Form):
    section = forms.TypedChoiceField(label=_("Section"), required=False, coerce=int, empty_value=None)
    page_type = forms.TypedChoiceField(label=_("Page type"), required=False, coerce=int, empty_value=None)
    language = forms.ChoiceField(label=_("Language"), required=False)
    needs_work = forms.BooleanField(label=_("Only what needs work"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", gettext("All"))]
        home = home_page_of(Locale.get_default())
        sections = home.get_children().order_by("path") if home else []
        self.fields["section"].choices = everything + [(page.pk, page.title) for page in sections]
        # Without order_by(), the tree order would make each (type, path) pair distinct: one type per page.
        type_ids = source_pages().order_by().values_list("content_type_id", flat=True).distinct()
        types = sorted(
            (ContentType.objects.get_for_id(type_id) for type_id in type_ids),
            key=lambda content_type: str(content_type.model_class()._meta.verbose_name),
        )
        self.fields["page_type"].choices = everything + [
            (content_type.pk, content_type.model_class()._meta.verbose_name.capitalize()) for content_type in types
        ]
        self.fields["language"].choices = everything + [
            (locale.language_code, locale.get_display_name()) for locale in target_locales()
        ]

    def filter(self, pages):
        if not self.is_valid():
            return pages
        section = self.cleaned_data["section"]
        if section:
            section_page = Page.objects.filter(pk=section).first()
            pages = pages.descendant_of(section_page, inclusive=True) if section_page else pages.none()
        if self.cleaned_data["page_type"]:
            pages = pages.filter(content_type_id=self.cleaned_data["page_type"])
        return pages

    def locales(self):
        code = self.cleaned_data.get("language") if self.is_valid() else ""
        return [locale for locale in target_locales() if not code or locale.language_code == code]


class TranslationDashboardView(RestrictedAdminPage):
    page_title = _("Translations")
    header_icon = "globe"
    template_name = "translations/admin/translation_dashboard.html"

    def may_enter(self, user) -> bool:
        return may_see_translation_work(user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filters = DashboardFilters(self.request.GET or None)
        locales = filters.locales()
        pages = filters.filter(source_pages())
        needs_work = filters.is_valid() and filters.cleaned_data["needs_work"]
        if needs_work:
            rows = [
                row
                for row in translation_matrix(pages, self.request.user, locales)
                if any(cell.state != UP_TO_DATE for cell in row.cells)
            ]
            paginator = Paginator(rows, ROWS_PER_PAGE)
            page_obj = paginator.get_page(self.request.GET.get("p"))
            rows = page_obj.object_list
        else:
            paginator = Paginator(pages, ROWS_PER_PAGE)
            page_obj = paginator.get_page(self.request.GET.get("p"))
            rows = translation_matrix(page_obj.object_list, self.request.user, locales)
        query = self.request.GET.copy()
        query.pop("p", None)
        context.update(
            filters=filters, locales=locales, rows=rows, page_obj=page_obj, query=query.urlencode(), page_query="p"
        )
        return context


# --- The admin home panel ------------------------------------------------------------------------------

WORK_PANEL_ITEMS = 10


class TranslationWorkPanel(Component):
    """On a translator's admin home: what needs work in their languages, and a way to start on it."""

    name = "translation_work"
    order = 90
    template_name = "translations/admin/translation_work_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        locales = [locale for locale in target_locales() if works_in(self.user, locale)]
        items = []
        for row in translation_matrix(source_pages(), self.user, locales):
            for cell in row.cells:
                if cell.state != UP_TO_DATE and cell.action_url:
                    items.append((row.source, cell))
        return {
            "items": items[:WORK_PANEL_ITEMS],
            "more": max(len(items) - WORK_PANEL_ITEMS, 0),
            "locales": locales,
            # A translator of one language needs no language column (and a phone has no room for it).
            "several_languages": len(locales) > 1,
            "dashboard_url": reverse("translation_dashboard") + "?needs_work=on",
        }

    def render_html(self, parent_context=None):
        context = self.get_context_data(parent_context)
        if not context["items"]:
            return ""
        return super().render_html(parent_context)


# --- On a page's edit view -----------------------------------------------------------------------------


def status_on_edit_view(page: Page, user) -> dict:
    """The page's translations' states (for a source page) or its own (for a translation), with the same
    permission-aware actions as the dashboard."""
    if page.pk is None:
        return {}
    source = (
        page
        if page.locale.language_code == settings.LANGUAGE_CODE
        else page.get_translation_or_none(Locale.get_default())
    )
    if source is None:
        return {}
    rows = translation_matrix([source], user)
    cells = rows[0].cells if rows else []
    if source.pk != page.pk:
        cells = [cell for cell in cells if cell.locale.pk == page.locale_id]
    outdated = source.pk == page.pk and any(cell.state == SOURCE_CHANGED for cell in cells)
    may_mark_minor = outdated and source.live_revision_id is not None and source.permissions_for_user(user).can_edit()
    return {
        "translation_cells": [cell for cell in cells if cell.state != MISSING or cell.action_url],
        "mark_minor_url": reverse("translation_mark_minor", args=[source.pk]) if may_mark_minor else "",
    }


@require_POST
def mark_minor(request, page_id):
    """Marks the source page's live revision as a minor change: its translations are up to date again
    (as far as that change goes)."""
    page = get_object_or_404(Page, pk=page_id, locale__language_code=settings.LANGUAGE_CODE)
    if page.live_revision_id is None or not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    MinorEdit.objects.get_or_create(revision_id=page.live_revision_id, defaults={"marked_by": request.user})
    messages.success(request, gettext("The last published change was marked as minor."))
    return redirect("wagtailadmin_pages:edit", page.pk)
