"""The registration form of an event: the page (one dataset in three languages), the editor's extra
questions, and its admin form with the places on each of the event's days. What a submission does
(events.capacity) and what the form asks (events.forms) are services that import the records, never
this module: the page calls them."""

import datetime
import uuid
from urllib.parse import urlencode

from django import forms
from django.apps import apps
from django.db import models
from django.http import Http404
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import path
from wagtail.models import Locale, Page
from wagtail_localize.fields import SynchronizedField

from home.form_pages import PublicFormPage, PublicFormPageForm, personal, redirect_after_post
from home.forms import HONEYPOT_FIELD
from home.i18n import source_of
from home.models import BasePage, StableKeyFormField
from ops.page_cache import live

from .pages import EventPage
from .programme import EventDay
from .registrations import DayCapacity


class DayCapacitiesWidget(forms.MultiWidget):
    """One number per day of the event, each labelled with its day."""

    template_name = "events/admin/day_capacities_widget.html"

    def __init__(self, days: list[EventDay], attrs=None):
        self.days = days
        super().__init__([forms.NumberInput(attrs={"min": 0, "inputmode": "numeric"}) for _day in days], attrs)

    def decompress(self, value):
        value = value or {}
        return [value.get(str(day.translation_key)) for day in self.days]

    def get_context(self, name, value, attrs):
        from ..forms import day_choice_label

        context = super().get_context(name, value, attrs)
        for subwidget, widget, day in zip(context["widget"]["subwidgets"], self.widgets, self.days, strict=True):
            subwidget["label"] = day_choice_label(day)
            subwidget["html"] = widget.render(subwidget["name"], subwidget["value"], subwidget["attrs"])
        return context

    def render(self, name, value, attrs=None, renderer=None):
        # The project's templates, which Django's form renderer does not search; each input is still
        # drawn by the form renderer (get_context).
        return render_to_string(self.template_name, self.get_context(name, value, attrs))


class DayCapacitiesField(forms.MultiValueField):
    """{day key: places} for the days of the form's event; a day left empty has no limit."""

    def __init__(self, days: list[EventDay] = (), **kwargs):
        days = list(days)
        fields = [forms.IntegerField(min_value=0, required=False) for _day in days]
        kwargs.setdefault("label", _("Places per day"))
        kwargs.setdefault(
            "help_text", _("Empty means no limit. When a day is full, people who choose it join its waiting list.")
        )
        super().__init__(fields, widget=DayCapacitiesWidget(days), require_all_fields=False, required=False, **kwargs)
        self.days = days

    def clean(self, value):
        if isinstance(value, dict):  # a disabled field gives back its initial value as it is
            return value
        return super().clean(value)

    def compress(self, data_list):
        return {
            str(day.translation_key): places
            for day, places in zip(self.days, data_list or [None] * len(self.days), strict=True)
            if places is not None
        }


class RegistrationPageForm(PublicFormPageForm):
    """The registration form's admin form: with the places on each of its event's days, which live on
    the form (registration decides who gets a place), while the days themselves live on the event."""

    day_capacities = DayCapacitiesField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        event = self.parent_page or (self.instance.get_parent() if self.instance.pk else None)
        days = list(EventDay.objects.filter(page=event.pk).order_by("sort_order", "pk")) if event else []
        # Each day under its title in the admin's language where the event is translated into it.
        titles = dict(
            EventDay.objects.filter(
                translation_key__in=[day.translation_key for day in days], locale__language_code=get_language()
            ).values_list("translation_key", "title")
        )
        for day in days:
            day.title = titles.get(day.translation_key, day.title)
        source = self.instance.locale_id is None or self.instance.locale_id == Locale.get_default().pk
        self.fields["day_capacities"] = DayCapacitiesField(
            days,
            disabled=not source,
            **({} if source else {"help_text": _("Set on the Norwegian registration form, for every language.")}),
        )
        self.initial["day_capacities"] = self.instance.capacity_by_day()

    def save(self, commit=True):
        page = super().save(commit=False)
        if not self.fields["day_capacities"].disabled:
            page.day_capacities = [
                DayCapacity(day_key=uuid.UUID(key), capacity=places)
                for key, places in self.cleaned_data["day_capacities"].items()
            ]
        if commit:
            page.save()
            self.save_m2m()
        return page


class RegistrationFormField(StableKeyFormField):
    page = ParentalKey("events.RegistrationPage", on_delete=models.CASCADE, related_name="form_fields")

    reserved_keys = frozenset({"name", "email", "days", "consent", HONEYPOT_FIELD})
    reserved_message = _("Name, email, days and consent are built into the form; choose another label.")


class RegistrationPage(PublicFormPage):
    """The registration form of one event, one dataset in three languages: a visitor registers on
    /nb/, /uk/ or /en/, and every registration lands on the source-language event and page
    (events.capacity). Name, email, day choice and consent are built in."""

    opens_at = models.DateTimeField(_("opens"), null=True, blank=True, help_text=_("Empty: open now."))
    closes_at = models.DateTimeField(
        _("closes"), null=True, blank=True, help_text=_("Empty: open until the event's first day begins.")
    )
    thank_you_text = models.TextField(_("text after registering"), blank=True)

    base_form_class = RegistrationPageForm
    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")], heading=_("Open for registration")),
        FieldPanel("day_capacities"),
        FieldPanel("privacy_page"),
        InlinePanel("form_fields", label=_("Extra questions")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [FieldPanel("to_address"), FieldPanel("subject")],
            heading=_("Notify the secretariat"),
        ),
    ]
    # One opening and closing time and one number of places for all three languages: translations copy
    # them and may not change them (and registration reads the source page's anyway).
    override_translatable_fields = BasePage.override_translatable_fields + [
        SynchronizedField("opens_at", overridable=False),
        SynchronizedField("closes_at", overridable=False),
        SynchronizedField("day_capacities", overridable=False),
    ]
    # When it is open, not what it asks or where answers go.
    api_fields = [APIField("intro"), APIField("opens_at"), APIField("closes_at")]
    parent_page_types = ["events.EventPage"]
    template = "events/registration_page.html"
    landing_page_template = "events/registration_done.html"
    form_name = "registration"
    builtin_keys = frozenset({"name", "email", "days"})
    done_salt = "events.registration.done"

    class Meta:
        verbose_name = _("registration page")

    # --- What the page belongs to ---------------------------------------------------------

    @cached_property
    def event(self) -> EventPage:
        """The event in this page's language (the parent), whole and with its locale, in one query."""
        return EventPage.objects.select_related("locale").get(path=self.path[: -self.steplen])

    @cached_property
    def source_event(self) -> EventPage:
        return source_of(self.event)

    def capacity_by_day(self) -> dict[str, int]:
        """{day key: places} as this page holds them (in memory while it is edited); no key, no limit."""
        return {str(row.day_key): row.capacity for row in self.day_capacities.all()}

    @cached_property
    def _days_and_capacities(self) -> tuple[list[EventDay], dict]:
        # The source event's days, each in this language where the translation has it (its title),
        # all on the source's dates, which are typed there only: a translation not yet synced offers
        # the days as they are. The places from the source page, which holds them for every language
        # (events.places). Both languages' days in one query.
        from ..places import capacities_of

        versions = EventDay.objects.filter(page__in={self.event.pk, self.source_event.pk}).order_by("sort_order", "pk")
        here = {day.translation_key: day for day in versions if day.page_id == self.event.pk}
        days = []
        for source_day in (day for day in versions if day.page_id == self.source_event.pk):
            day = here.get(source_day.translation_key, source_day)
            day.date = source_day.date
            days.append(day)
        return days, capacities_of(self.source_page, [day.translation_key for day in days])

    def event_days(self) -> list[EventDay]:
        return self._days_and_capacities[0]

    def closes(self) -> datetime.datetime:
        """When registration closes: the time set, else when the event's first day begins."""
        if self.source_page.closes_at is not None:
            return self.source_page.closes_at
        first_day = self.source_event.start_date
        return datetime.datetime.combine(first_day, datetime.time(), tzinfo=timezone.get_default_timezone())

    def has_ended(self) -> bool:
        """Whether the event's last day is over: then the page says so instead of offering a form."""
        return self.source_event.end_date < timezone.localdate()

    def is_open(self, now=None) -> bool:
        # The source page's times, so that a translation not yet synced can never open or close on its own.
        now = now or timezone.now()
        opens_at = self.source_page.opens_at
        return (opens_at is None or now >= opens_at) and now < self.closes() and not self.has_ended()

    def accepts_submissions(self) -> bool:
        return self.is_open()

    def contact_email(self) -> str:
        return self.source_event.contact_email

    def localized_url(self, page: Page, language: str) -> str:
        """`page`'s URL in `language` when that translation is live, else the page's own."""
        locale = Locale.objects.filter(language_code=language).first()
        translated = page.get_translation_or_none(locale) if locale else None
        return (translated if translated and translated.live else page).get_full_url() or ""

    # --- The form and what a submission does ----------------------------------------------

    def builtin_fields(self):
        # The services import the records, never this module; imported when used, because this module
        # loads while the package that names the records is still loading.
        from ..forms import registration_fields

        days, capacities = self._days_and_capacities
        return registration_fields(days, capacities)

    def get_submission_class(self):
        return apps.get_model("events", "Registration")

    def process_form_submission(self, form):
        """Store the registration and take its places; None when the email was registered for the
        event already (its manage link is sent again)."""
        from .. import capacity

        data = form.cleaned_data
        registration, created = capacity.register(
            self,
            name=data["name"],
            email=data["email"],
            language=self.locale.language_code,
            answers=self.editor_answers(form),
            day_keys=[uuid.UUID(key) for key in data["days"]],
        )
        return registration if created else None

    def render_landing_page(self, request, form_submission=None, *args, **kwargs):
        if form_submission is None:
            return redirect_after_post(self.url + self.reverse_subpage("already"))
        return super().render_landing_page(request, form_submission, *args, **kwargs)

    def get_landing_context(self, submission) -> dict:
        return {
            **super().get_landing_context(submission),
            "registration": submission,
            "days": submission.day_summary() if submission else [],
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["event"] = self.event
        context["event_ended"] = self.has_ended()
        return context

    def serve(self, request, *args, **kwargs):
        # Which days are full changes with every registration, and whether the form is open with
        # the clock: never a cached page (ops.page_cache).
        return live(super().serve(request, *args, **kwargs))

    # --- The registrant's own routes ------------------------------------------------------

    @path("already/", name="already")
    def already_route(self, request):
        context = self.get_context(request)
        context["already"] = True
        return personal(TemplateResponse(request, self.get_landing_page_template(request), context))

    def managed_registration(self, request, token: str, route: str):
        """(the registration the manage token names, None) or (None, a redirect to the same route in
        the registrant's own language); 404 for a token of another event or none."""
        request.sensitive_post_parameters = "__ALL__"
        registration = self.get_submission_class().with_manage_token(token)
        if registration is None or registration.page_id != self.source_page.pk:
            raise Http404
        if registration.language != self.locale.language_code:
            target = self.localized_url(self, registration.language)
            if target != self.get_full_url():
                return None, redirect(target.rstrip("/") + "/" + self.reverse_subpage(route, args=[token]).lstrip("/"))
        return registration, None

    def registrant_page(self, request, template: str, context: dict):
        response = personal(TemplateResponse(request, template, {**self.get_context(request), **context}))
        # same-origin, not no-referrer: with no-referrer browsers send "Origin: null" on the form post,
        # which Django's CSRF check refuses; the token still never leaves the site in a Referer.
        response["Referrer-Policy"] = "same-origin"
        return response

    @path("manage/<str:token>/", name="manage")
    def manage_route(self, request, token):
        from ..capacity import change_days
        from ..forms import ManageForm

        registration, elsewhere = self.managed_registration(request, token, "manage")
        if elsewhere:
            return elsewhere
        cancel_url = self.url + self.reverse_subpage("cancel", args=[token])
        if request.method == "POST" and "cancel" in request.POST:
            return redirect_after_post(cancel_url)  # a form from before cancelling asked first
        form = ManageForm(request.POST or None, days=self.event_days(), registration=registration)
        message = ""
        if request.method == "POST" and form.is_valid():
            change_days(registration, {uuid.UUID(key) for key in form.cleaned_data["days"]})
            return redirect_after_post(self.url + self.reverse_subpage("manage", args=[token]) + "?saved=1")
        if request.GET.get("saved"):
            message = gettext("Your changes are saved. We have sent you an email.")
        elif request.GET.get("cancelled"):
            message = gettext("Your registration is cancelled. We have sent you an email.")
        context = {"registration": registration, "form": form, "message": message, "cancel_url": cancel_url}
        return self.registrant_page(
            request, "events/registration_manage.html", {**context, "days": registration.day_summary()}
        )

    @path("manage/<str:token>/cancel/", name="cancel")
    def cancel_route(self, request, token):
        """Cancelling asks first: a GET (a link followed by a mail scanner too) only shows what would be
        given up; the POST from that page cancels."""
        from ..capacity import change_days

        registration, elsewhere = self.managed_registration(request, token, "cancel")
        if elsewhere:
            return elsewhere
        manage_url = self.url + self.reverse_subpage("manage", args=[token])
        if request.method == "POST":
            change_days(registration, set())
            return redirect_after_post(manage_url + "?cancelled=1")
        active = registration.active_day_keys()
        days = [row for row in registration.day_summary() if row["day"].translation_key in active]
        context = {"registration": registration, "days": days, "manage_url": manage_url}
        return self.registrant_page(request, "events/registration_cancel.html", context)

    # --- The Secretariat's side -----------------------------------------------------------

    def submissions_admin_url(self, export_format: str | None = None) -> str:
        query = {"event": self.source_event.pk}
        if export_format:
            query["export"] = export_format
        return reverse("registrations:index") + "?" + urlencode(query)
