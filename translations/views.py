"""wagtail-localize's submit and sync views, subclassed through their public methods so that their forms
follow the rule of translations/permissions.py, and the hooks that guard its translation editor.

The subclasses are mounted at wagtail-localize's own paths and names, ahead of its URLs
(translations/wagtail_hooks.py), so every link and `reverse("wagtail_localize:…")` lands here. Who may open
them at all, like every other wagtail-localize URL, is decided by translations/guard.py; here
only what the forms offer and accept. The translation editor itself is reached through Wagtail's page
and snippet edit views, so its publish action is guarded by hooks that run before wagtail-localize's.
"""

import contextlib

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.models import Page
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.models import Translation
from wagtail_localize.views import submit_translations, update_translations
from wagtail_localize.views.edit_translation import apply_machine_translation
from wagtail_localize.views.report import TranslationsReportFilterSet, TranslationsReportView

from home.i18n import language_name_in_sentence

from .permissions import may_change_snippet_in, may_publish_translation, may_translate


class NamedTranslationsReportFilterSet(TranslationsReportFilterSet):
    """wagtail-localize's translations report leaves two filters unnamed, and django-filter names them
    from the model's field names ("Source locale"), in English for everybody."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["source_locale"].label = gettext_lazy("Source language")
        self.filters["target_locale"].label = gettext_lazy("Target language")


class NamedTranslationsReportView(TranslationsReportView):
    filterset_class = NamedTranslationsReportFilterSet


class GuardedSubmitMixin:
    """Offers only the languages the user may translate into, and refuses any other that is posted (the
    form shows again, with the field's error). A translator's one language comes ticked."""

    def get_form(self):
        form = super().get_form()
        field = form.fields["locales"]
        allowed = [locale for locale in field.queryset if may_translate(self.request.user, self.object, locale)]
        field.queryset = field.queryset.filter(pk__in=[locale.pk for locale in allowed])
        if len(allowed) == 1:
            form.fields["select_all"].widget = forms.HiddenInput()
            if not form.is_bound:
                form.initial["locales"] = allowed
        return form

    def form_valid(self, form):
        if not all(may_translate(self.request.user, self.object, locale) for locale in form.cleaned_data["locales"]):
            raise PermissionDenied
        return super().form_valid(form)


class SubmitPageTranslationView(GuardedSubmitMixin, submit_translations.SubmitPageTranslationView):
    pass


class SubmitSnippetTranslationView(GuardedSubmitMixin, submit_translations.SubmitSnippetTranslationView):
    pass


class UpdateTranslationsForm(update_translations.UpdateTranslationsForm):
    """wagtail-localize's sync form, with "Publish immediately" only for those who may publish in at least
    one of the languages synced, and refused (the form shown again) when ticked while one of them is a
    language where the user may not publish."""

    def __init__(self, *args, not_publishable=(), offer_publishing=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.not_publishable = not_publishable
        if not offer_publishing:
            del self.fields["publish_translations"]

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("publish_translations") and self.not_publishable:
            raise forms.ValidationError(
                _(
                    "You may not publish in %(languages)s, so nothing was synced. "
                    "Submit again without “Publish immediately” to sync as a draft."
                )
                % {"languages": language_names(self.not_publishable)}
            )
        return cleaned_data


class UpdateTranslationsView(update_translations.UpdateTranslationsView):
    """ "Sync translated pages/snippets" for the languages the user may translate into, and only those:
    the others are left as they are, named on the form, so that a translator can sync their own language
    of a page that also exists in languages they do not work in. Publishing is an explicit request: it is
    offered only to those who may publish, and a language among those where the user may not publish
    shows the form again with the reason, rather than publishing some and silently not others."""

    @cached_property
    def source_instance(self):
        return self.object.get_source_instance()

    def enabled_translations(self):
        return self.object.translations.filter(enabled=True).select_related("source", "target_locale")

    def own_translations(self):
        return [
            t
            for t in self.enabled_translations()
            if may_translate(self.request.user, self.source_instance, t.target_locale)
        ]

    def others_locales(self):
        own = {t.pk for t in self.own_translations()}
        return [t.target_locale for t in self.enabled_translations() if t.pk not in own]

    def get(self, request, *args, **kwargs):
        if self.others_locales():
            messages.warning(request, left_out_message(self.others_locales()))
        return super().get(request, *args, **kwargs)

    @cached_property
    def form(self):
        """One form per request: the context and the POST handling read the same, errors included."""
        own = self.own_translations()
        not_publishable = [
            t.target_locale
            for t in own
            if not may_publish_translation(self.request.user, self.source_instance, t.target_locale)
        ]
        return UpdateTranslationsForm(
            self.request.POST if self.request.method == "POST" else None,
            not_publishable=not_publishable,
            offer_publishing=len(not_publishable) < len(own),
        )

    def get_form(self):
        return self.form

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        own = {t.target_locale_id for t in self.own_translations()}
        context["translations"] = [row for row in context["translations"] if row["locale"].pk in own]
        return context

    def post(self, request, **kwargs):
        if self.form.is_bound and not self.form.is_valid():
            # wagtail-localize's template shows no form errors: the reason goes where the admin shows messages.
            for error in self.form.non_field_errors():
                messages.error(request, error)
        return super().post(request, **kwargs)

    @transaction.atomic
    def form_valid(self, form):
        # wagtail-localize's form_valid acts on every enabled translation. Asked for a plain sync it
        # changes only what all languages share (the source's strings, and its view restriction mirrored
        # onto each translation); machine translation and publishing are then done for the user's own.
        wants = {
            name: form.cleaned_data.get(name, False) for name in ("publish_translations", "use_machine_translation")
        }
        form.cleaned_data.update(dict.fromkeys(wants, False))
        response = super().form_valid(form)
        own = self.own_translations()
        if wants["use_machine_translation"]:
            machine_translator = get_machine_translator()
            for translation in own:
                apply_machine_translation(translation.id, self.request.user, machine_translator)
        if wants["publish_translations"]:
            for translation in own:
                # As wagtail-localize does: a translation that fails validation stays a draft.
                with contextlib.suppress(ValidationError):
                    translation.save_target(user=self.request.user, publish=True)
        if self.others_locales():
            messages.warning(self.request, left_out_message(self.others_locales()))
        return response


def language_names(locales) -> str:
    return ", ".join(language_name_in_sentence(locale.language_code) for locale in locales)


def left_out_message(locales) -> str:
    return _("Not synced, as you do not translate into them: %(languages)s.") % {"languages": language_names(locales)}


def guard_translation_editor_publish(request, instance):
    """Runs before wagtail-localize's own before_edit_page/before_edit_snippet hook, which answers the
    translation editor's POSTs; its publish action checks publish rights on the target but not that the
    source is live and public, nor, for snippets, the language."""
    if request.method != "POST" or request.POST.get("action") != "publish":
        return
    translation = translation_of(instance)
    if translation is None:
        return
    source = translation.source.get_source_instance()
    if not may_publish_translation(request.user, source, translation.target_locale):
        raise PermissionDenied


SUBMIT_FOR_MODERATION = "submit-for-moderation"


def submit_translation_for_moderation(request, page):
    """The translation editor's "Submit for moderation" (templates/wagtail_localize/admin/
    edit_translation.html): wagtail-localize's editor can only publish, so a translator without publish
    rights had no way to hand their work to a moderator. Writes the translated strings into a new
    revision of the page and starts the page's workflow on it."""
    if request.method != "POST" or request.POST.get("action") != SUBMIT_FOR_MODERATION:
        return None
    translation = translation_of(page)
    if translation is None:
        return None
    source = translation.source.get_source_instance()
    if not may_translate(request.user, source, translation.target_locale):
        raise PermissionDenied
    page = Page.objects.get(pk=page.pk).specific
    workflow = page.get_workflow()
    if workflow is None:
        messages.error(request, _("This page has no moderation workflow; ask a moderator to publish it."))
    elif page.workflow_in_progress:
        messages.warning(request, _("This translation is already awaiting moderation."))
    else:
        save_draft_of_live_page(translation, page, request.user)
        page.refresh_from_db()
        workflow.start(page, request.user)
        messages.success(request, _("The translation has been submitted for moderation."))
    return redirect(request.path)


def save_draft_of_live_page(translation, page, user):
    """wagtail-localize's save_target(publish=False) also writes the translated fields into the page's
    own row, which is what readers are served: a live translation would show unapproved text at once.
    Keep the row as it was, pointing at the new revision as an unpublished change, as Wagtail's own
    "save draft" does."""
    translation.save_target(user=user, publish=False)
    if not page.live:
        return
    revision = Page.objects.get(pk=page.pk).latest_revision
    page.latest_revision = revision
    page.has_unpublished_changes = True
    page.draft_title = revision.as_object().title
    page.save(clean=False)


def translation_of(instance) -> Translation | None:
    """The enabled wagtail-localize translation whose target is `instance`, if any."""
    return (
        Translation.objects.filter(
            source__object_id=instance.translation_key, target_locale_id=instance.locale_id, enabled=True
        )
        .select_related("source", "target_locale")
        .first()
    )


def guard_snippet_language(request, instance):
    """A translator changes snippets in their own language only, in the translation editor or not."""
    if hasattr(instance, "locale_id") and not may_change_snippet_in(request.user, type(instance), instance.locale):
        raise PermissionDenied


# The library's paths and names: translations/guard.py looks these names up in the same table.
urlpatterns = [
    path("submit/page/<int:page_id>/", SubmitPageTranslationView.as_view(), name="submit_page_translation"),
    path(
        "submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
        SubmitSnippetTranslationView.as_view(),
        name="submit_snippet_translation",
    ),
    path("update/<int:translation_source_id>/", UpdateTranslationsView.as_view(), name="update_translations"),
    # The report with its filters named per request (NamedTranslationsReportView, above), under the guard as well.
    path("reports/translations/", NamedTranslationsReportView.as_view(), name="translations_report"),
    path(
        "reports/translations/results/",
        NamedTranslationsReportView.as_view(results_only=True),
        name="translations_report_results",
    ),
]
