"""Deleting or moving a source page never silently destroys or strands translated work.

Wagtail deletes and moves one language's page only (its cascade to translations belongs to
simple_translation, which this site does not use), and wagtail-localize's tree sync covers alias
locales only. So:

- deleting a source page whose translations (of it or of a page below it) exist asks for an explicit
  confirmation that names them; they are kept, as pages of their own, never deleted with it;
- moving a source page moves each translation under the parent's translation in the same language,
  where that exists, so that the trees keep the same shape; where it does not, the translation stays
  and the user is told;
- deleting a translation leaves the source, and the translated strings stay stored
  (WAGTAILLOCALIZE_DISABLE_ON_DELETE), so translating the page again brings them back.
"""

from django.conf import settings
from django.contrib import messages
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from wagtail.actions.move_page import MovePageAction
from wagtail.models import Locale, Page

CONFIRM_FIELD = "confirm_translations"


def is_source(page: Page) -> bool:
    return page.locale_id == Locale.get_default().pk


def translations_left_behind(page: Page) -> list[Page]:
    """The translations (not aliases) of `page` and of every page below it, in the other languages."""
    keys = page.get_descendants(inclusive=True).values("translation_key")
    return list(
        Page.objects.filter(translation_key__in=keys, alias_of__isnull=True)
        .exclude(locale_id=page.locale_id)
        .select_related("locale")
        .order_by("locale__language_code", "path")
    )


def confirm_deleting_a_source_with_translations(request, page):
    """Wagtail's delete view, unless the translations it would leave without a source were confirmed."""
    if not is_source(page):
        return None
    translations = translations_left_behind(page)
    if not translations or (request.method == "POST" and request.POST.get(CONFIRM_FIELD)):
        return None
    if request.method == "POST":
        messages.error(request, _("Confirm that the translations listed are kept without their source."))
    total_pages = page.get_descendant_count() + 1
    return TemplateResponse(
        request,
        "translations/admin/confirm_delete_source.html",
        {
            "page": page,
            "translations": translations,
            "confirm_field": CONFIRM_FIELD,
            "next": request.GET.get("next") or request.POST.get("next", ""),
            "total_pages": total_pages,
            "type_to_confirm_before_delete": total_pages
            >= getattr(settings, "WAGTAILADMIN_UNSAFE_PAGE_DELETION_LIMIT", 10),
            "wagtail_site_name": getattr(settings, "WAGTAIL_SITE_NAME", "wagtail"),
        },
    )


def move_translations_with_source(request, page):
    """After a source page is moved: each translation goes under the new parent's translation."""
    if not is_source(page):
        return
    page = Page.objects.get(pk=page.pk)
    parent = page.get_parent()
    stranded = []
    for translation in page.get_translations().filter(alias_of__isnull=True):
        if translation.get_parent().translation_key == parent.translation_key:
            continue
        new_parent = parent.get_translation_or_none(translation.locale)
        if new_parent is None:
            stranded.append(translation)
            continue
        # The user moved the source; its translations follow it even where the user has no rights
        # (their content and live status do not change, only where they sit).
        MovePageAction(translation, new_parent, pos="last-child", user=request.user).execute(
            skip_permission_checks=True
        )
    if stranded:
        messages.warning(
            request,
            _("Not moved, as the new parent has no translation in their language: %(pages)s.")
            % {"pages": ", ".join(f"{t.title} ({t.locale.get_display_name()})" for t in stranded)},
        )
