"""A new event from an earlier one ("copy last year's event"): one form in the admin makes a draft of
the event on a new first day, with its days and programme moved by the same number of days, and its
registration form with the questions and the places per day; and hands both to the translators as
drafts in the languages the earlier event had, starting from last year's translation of every text
that did not change. Built on Wagtail's `Page.copy()`; Wagtail's own "Copy" of an event leads here
(wagtail_hooks.py), so an event is never copied with last year's dates."""

import datetime

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import AdminDateInput
from wagtail.coreutils import find_available_slug
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource
from wagtail_localize.operations import TranslationCreator

from home.i18n import source_of
from home.text import slugify_ascii
from translations.permissions import may_translate
from translations.views import language_names

from .models import DayCapacity, EventDay, EventPage, ProgrammeSession, RegistrationPage

A_YEAR_ON = datetime.timedelta(weeks=52)  # the same weekday: a Tuesday conference stays on a Tuesday


def suggested_first_day(event: EventPage, today: datetime.date | None = None) -> datetime.date:
    """The same weekday a year after the event's first day, a year further until it is ahead."""
    today = today or timezone.localdate()
    first_day = event.start_date + A_YEAR_ON
    while first_day <= today:
        first_day += A_YEAR_ON
    return first_day


def suggested_title(event: EventPage, first_day: datetime.date) -> str:
    """The event's title with its year made the new one's."""
    return event.title.replace(str(event.start_date.year), str(first_day.year))


def translation_languages(event: EventPage, user) -> list[Locale]:
    """The languages the event was translated into that `user` may hand a new page to translators in."""
    if not user.has_perm("wagtail_localize.submit_translation"):
        return []
    locales = Locale.objects.filter(pk__in=event.get_translations().values("locale")).order_by("language_code")
    return [locale for locale in locales if may_translate(user, event, locale)]


@transaction.atomic
def copy_event(
    event: EventPage, *, title: str, first_day: datetime.date, user, languages=()
) -> tuple[EventPage, RegistrationPage | None]:
    """A draft of `event` on `first_day` under the same index, with its registration form, both sent
    for translation into `languages` as drafts. Speakers are left out: they are chosen anew."""
    shift = first_day - event.start_date
    parent = event.get_parent()

    def move_to_the_new_dates(_page, _copy, _relation, child):
        if isinstance(child, EventDay | ProgrammeSession):
            child.date += shift
        if isinstance(child, ProgrammeSession):
            child.speakers.set([])

    new_event = event.copy(
        to=parent,
        update_attrs={
            "title": title,
            "draft_title": title,
            "slug": find_available_slug(parent, slugify_ascii(title) or "arrangement"),
            "start_date": event.start_date + shift,
            "end_date": event.end_date + shift,
            "change_note": "",
        },
        keep_live=False,
        copy_revisions=False,
        user=user,
        process_child_object=move_to_the_new_dates,
    ).specific

    registration = RegistrationPage.objects.child_of(event).first()
    new_registration = None
    if registration is not None:
        # The places follow the days, which the copy gave new keys: the n-th day's places to the n-th.
        new_keys = dict(
            zip(
                event.days.order_by("sort_order", "pk").values_list("translation_key", flat=True),
                new_event.days.order_by("sort_order", "pk").values_list("translation_key", flat=True),
                strict=True,
            )
        )

        def places_to_the_new_days(_page, _copy, _relation, child):
            if isinstance(child, DayCapacity):
                child.day_key = new_keys.get(child.day_key, child.day_key)

        new_registration = registration.copy(
            to=new_event,
            update_attrs={
                "opens_at": registration.opens_at and registration.opens_at + shift,
                "closes_at": registration.closes_at and registration.closes_at + shift,
            },
            keep_live=False,
            copy_revisions=False,
            user=user,
            process_child_object=places_to_the_new_days,
        ).specific

    if languages:
        pairs = [(event, new_event)] + ([(registration, new_registration)] if new_registration else [])
        for old, new in pairs:
            source, _created = TranslationSource.get_or_create_from_instance(new)
            carry_translations(old, source, languages)
        translator = TranslationCreator(user, list(languages))
        for _old, new in pairs:
            # Organisers and people are last year's, translated (or not) as they were.
            translator.create_translations(new, include_related_objects=False)
    return new_event, new_registration


def carry_translations(old_page, new_source: TranslationSource, locales) -> None:
    """Last year's translation of each text the copy kept as it was (a day's title, a room, a question),
    so that translators start from it and translate only what changed."""
    segments = list(StringSegment.objects.filter(source=new_source).select_related("string", "context"))
    string_ids = {segment.string_id for segment in segments}
    for locale in locales:
        earlier = StringTranslation.objects.filter(
            locale=locale, translation_of_id__in=string_ids, context__object_id=old_page.translation_key
        ).order_by("updated_at")
        known = {translation.translation_of_id: translation.data for translation in earlier}
        for segment in segments:
            if segment.string_id in known:
                StringTranslation.objects.get_or_create(
                    translation_of=segment.string,
                    locale=locale,
                    context=segment.context,
                    defaults={
                        "data": known[segment.string_id],
                        "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                    },
                )


class CopyEventForm(forms.Form):
    title = forms.CharField(label=_("Title of the new event"), max_length=255)
    first_day = forms.DateField(
        label=_("First day of the new event"),
        widget=AdminDateInput,
        help_text=_("Every day and session moves by as many days as the first day does."),
    )
    translate = forms.BooleanField(label=_("Send to the translators"), required=False, initial=True)

    def __init__(self, *args, languages, **kwargs):
        super().__init__(*args, **kwargs)
        if languages:
            self.fields["translate"].help_text = _(
                "As drafts in %(languages)s, with last year's translation of every text that is unchanged."
            ) % {"languages": language_names(languages)}
        else:
            del self.fields["translate"]

    def clean_first_day(self):
        first_day = self.cleaned_data["first_day"]
        if first_day <= timezone.localdate():
            raise forms.ValidationError(_("Choose a day after today: the new event is still to come."))
        return first_day


class CopyEventView(WagtailAdminTemplateMixin, FormView):
    """The admin's "New event from this one": the form, then the new event's edit view."""

    template_name = "events/admin/copy_event.html"
    form_class = CopyEventForm
    page_title = _("New event from this one")

    @cached_property
    def event(self) -> EventPage:
        return source_of(get_object_or_404(EventPage, pk=self.kwargs["event_id"]))

    @cached_property
    def languages(self) -> list[Locale]:
        return translation_languages(self.event, self.request.user)

    def dispatch(self, request, *args, **kwargs):
        if not self.event.permissions_for_user(request.user).can_copy_to(self.event.get_parent(), recursive=True):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("wagtailadmin_explore", args=[self.event.get_parent().pk]),
                "label": self.event.get_parent().title,
            },
            {"url": reverse("wagtailadmin_pages:edit", args=[self.event.pk]), "label": self.event.title},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_initial(self):
        first_day = suggested_first_day(self.event)
        return {"first_day": first_day, "title": suggested_title(self.event, first_day)}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "languages": self.languages}

    def get_context_data(self, **kwargs):
        registration = RegistrationPage.objects.child_of(self.event).first()
        return {
            **super().get_context_data(**kwargs),
            "event": self.event,
            "registration": registration,
            "action_url": reverse("events_copy_event", args=[self.event.pk]),
        }

    def form_valid(self, form):
        languages = self.languages if form.cleaned_data.get("translate") else []
        new_event, new_registration = copy_event(
            self.event,
            title=form.cleaned_data["title"],
            first_day=form.cleaned_data["first_day"],
            user=self.request.user,
            languages=languages,
        )
        message = gettext("“%(title)s” is made as a draft from “%(earlier)s”.") % {
            "title": new_event.title,
            "earlier": self.event.title,
        }
        if new_registration is not None:
            message += " " + gettext("Its registration form, with the questions and places, is a draft too.")
        if languages:
            if new_registration is not None:
                done = gettext("The translators have both as work in %(languages)s.")
            else:
                done = gettext("The translators have it as work in %(languages)s.")
            message += " " + done % {"languages": language_names(languages)}
        messages.success(self.request, message)
        return redirect("wagtailadmin_pages:edit", new_event.pk)
