"""wagtail-localize's admin views with the rule of home/translation_permissions.py enforced.

They are mounted at wagtail-localize's own paths, ahead of its URLs (home/wagtail_hooks.py), rather
than patched into the package: every link and `reverse("wagtail_localize:…")` keeps working and lands
here, an upgrade that changes a view cannot silently drop the check (tests/home/
test_translation_permissions.py posts to each path), and nothing depends on the package's internals
beyond the view classes it documents. The translation editor itself is reached through Wagtail's page
and snippet edit views, so its publish action is guarded by hooks that run before wagtail-localize's.
"""

import functools

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import path

from wagtail.models import Page
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.views import convert, edit_translation, submit_translations, update_translations

from .translation_permissions import may_change_snippet_in, may_publish_translation, may_translate


class GuardedSubmitMixin:
    """Offers only the languages the user may translate into, and refuses any other that is posted."""

    def get_form(self):
        form = super().get_form()
        field = form.fields["locales"]
        allowed = [locale.pk for locale in field.queryset if may_translate(self.request.user, self.object, locale)]
        field.queryset = field.queryset.filter(pk__in=allowed)
        return form

    def form_valid(self, form):
        if not all(may_translate(self.request.user, self.object, locale) for locale in form.cleaned_data["locales"]):
            raise PermissionDenied
        return super().form_valid(form)


class SubmitPageTranslationView(GuardedSubmitMixin, submit_translations.SubmitPageTranslationView):
    pass


class SubmitSnippetTranslationView(GuardedSubmitMixin, submit_translations.SubmitSnippetTranslationView):
    pass


class UpdateTranslationsView(update_translations.UpdateTranslationsView):
    """ "Sync translated pages": rewrites every enabled translation (their view restrictions at least),
    so the user must be allowed to translate into each of them, and to publish in each if asked to."""

    def post(self, request, **kwargs):
        source = self.object.get_source_instance()
        publish = bool(request.POST.get("publish_translations"))
        for translation in self.object.translations.filter(enabled=True).select_related("target_locale"):
            locale = translation.target_locale
            if not may_translate(request.user, source, locale):
                raise PermissionDenied
            if publish and not may_publish_translation(request.user, source, locale):
                raise PermissionDenied
        return super().post(request, **kwargs)


def _translation_guard(view):
    """For the editor's per-translation endpoints (strings, overrides, PO upload, machine translation,
    stop): wagtail-localize checks edit rights on pages but only the model permission on snippets."""

    @functools.wraps(view)
    def guarded(request, translation_id, *args, **kwargs):
        translation = get_object_or_404(Translation, id=translation_id)
        source = translation.source.get_source_instance()
        if not may_translate(request.user, source, translation.target_locale):
            raise PermissionDenied
        return view(request, translation_id, *args, **kwargs)

    return guarded


def convert_to_alias(request, page_id):
    """An alias mirrors its source's content and live status: converting a translation publishes (or
    unpublishes) in the target tree, so it needs publish rights there whenever either page is live."""
    page = get_object_or_404(Page, id=page_id, alias_of_id__isnull=True)
    if request.method == "POST":
        source = TranslationSource.objects.filter(
            object_id=page.translation_key,
            specific_content_type=page.content_type_id,
            translations__target_locale=page.locale_id,
        ).first()
        source_page = source and Page.objects.filter(translation_key=page.translation_key, locale=source.locale).first()
        if source_page is not None:
            if not may_translate(request.user, source_page, page.locale):
                raise PermissionDenied
            if (source_page.live or page.live) and not may_publish_translation(request.user, source_page, page.locale):
                raise PermissionDenied
    return convert.convert_to_alias(request, page_id)


def guard_translation_editor_publish(request, instance):
    """Runs before wagtail-localize's own before_edit_page/before_edit_snippet hook, which answers the
    translation editor's POSTs; its publish action checks publish rights on the target but not that the
    source is live and public, nor, for snippets, the language."""
    if request.method != "POST" or request.POST.get("action") != "publish":
        return
    translation = (
        Translation.objects.filter(
            source__object_id=instance.translation_key, target_locale_id=instance.locale_id, enabled=True
        )
        .select_related("source", "target_locale")
        .first()
    )
    if translation is None:
        return
    source = translation.source.get_source_instance()
    if not may_publish_translation(request.user, source, translation.target_locale):
        raise PermissionDenied


def guard_snippet_language(request, instance):
    """A translator changes snippets in their own language only, in the translation editor or not."""
    if hasattr(instance, "locale_id") and not may_change_snippet_in(request.user, type(instance), instance.locale):
        raise PermissionDenied


urlpatterns = [
    path(
        "submit/page/<int:page_id>/",
        SubmitPageTranslationView.as_view(),
    ),
    path(
        "submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
        SubmitSnippetTranslationView.as_view(),
    ),
    path("update/<int:translation_source_id>/", UpdateTranslationsView.as_view()),
    path(
        "translate/<int:translation_id>/strings/<int:string_segment_id>/edit/",
        _translation_guard(edit_translation.edit_string_translation),
    ),
    path(
        "translate/<int:translation_id>/overrides/<int:overridable_segment_id>/edit/",
        _translation_guard(edit_translation.edit_override),
    ),
    path("translate/<int:translation_id>/pofile/upload/", _translation_guard(edit_translation.upload_pofile)),
    path("translate/<int:translation_id>/machine_translate/", _translation_guard(edit_translation.machine_translate)),
    path("translate/<int:translation_id>/disable/", _translation_guard(edit_translation.stop_translation)),
    path("page/<int:page_id>/convert_to_alias/", convert_to_alias),
]
