"""The events' admin: the snippets (organisations, programme changes) and, for the Secretariat, the
registrations list, the places per day and the export of an event's registrations. Registered in
wagtail_hooks.py."""

from urllib.parse import urlencode

import django_filters

from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import InspectView
from wagtail.admin.widgets.button import Button
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from home.admin_display import (
    AnswerList,
    InspectTitleColumn,
    LocalDateTimeColumn,
    admin_datetime,
    question_labels,
)
from home.i18n import in_reader_language
from home.viewsets import BaseSnippetViewSet, TranslatableSnippetViewSet
from privacy import exports
from privacy.viewsets import SecretariatIndexView, SecretariatView, SecretariatViewSet

from .models import EventDay, EventPage, Organisation, ProgrammeChange, Registration, RegistrationDay, RegistrationPage
from .places import capacities


class OrganisationViewSet(TranslatableSnippetViewSet):
    model = Organisation
    icon = "group"
    columns = ("name", "url")
    search_fields = ["name"]


class ProgrammeChangeViewSet(BaseSnippetViewSet):
    """Changes are written when a changed programme is published; here editors reword or remove them."""

    model = ProgrammeChange
    icon = "history"
    list_display = ["description", "event", "changed_at"]
    list_filter = ["event"]
    ordering = ["-changed_at"]


class EventsGroup(SnippetViewSetGroup):
    menu_label = _("Events")
    menu_icon = "date"
    menu_order = 260
    items = (OrganisationViewSet, ProgrammeChangeViewSet)


def day_choices():
    days = EventDay.objects.filter(locale__language_code=settings.LANGUAGE_CODE).select_related("page")
    return [(str(day.translation_key), f"{day.page.title} – {day}") for day in days.order_by("page__title", "date")]


def _keep(queryset, name, value):
    return queryset


def registration_events():
    """The source-language events that have a registration page, newest first."""
    pages = RegistrationPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).only("path")
    parent_paths = [page.path[: -EventPage.steplen] for page in pages]
    return EventPage.objects.filter(path__in=parent_paths).order_by("-start_date", "pk")


def event_choices():
    return [(str(event.pk), event.title) for event in registration_events()]


class RegistrationFilterSet(WagtailFilterSet):
    # A choice of known ids, not a ModelChoiceFilter: that one hands any digits to the database,
    # and an id too large for an integer column is an OverflowError (a 500), not "no such event".
    event = django_filters.ChoiceFilter(label=_("Event"), choices=event_choices)
    day = django_filters.ChoiceFilter(label=_("Day"), choices=day_choices, method=_keep)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=RegistrationDay.STATUSES, method=_keep)
    language = django_filters.ChoiceFilter(label=_("Language"), choices=settings.WAGTAIL_CONTENT_LANGUAGES)

    class Meta:
        model = Registration
        fields = ["event", "language"]

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        lookup = {}
        if self.form.cleaned_data.get("day"):
            lookup["day_key"] = self.form.cleaned_data["day"]
        if self.form.cleaned_data.get("status"):
            lookup["status"] = self.form.cleaned_data["status"]
        if lookup:
            queryset = queryset.filter(pk__in=RegistrationDay.objects.filter(**lookup).values("registration"))
        return queryset


class DaysColumn(Column):
    def get_value(self, instance):
        return days_text(instance)


def days_text(registration: Registration) -> str:
    """The registered days with their status, day titles in the admin's language."""
    rows = registration.day_summary(language=translation.get_language())
    return ", ".join(f"{row['day'].title}: {row['status_label']}" for row in rows)


class RegistrationInspectView(InspectView):
    def get_field_label(self, field_name, field):
        if field_name == "days":
            return _("Days")
        return super().get_field_label(field_name, field)

    def get_answers_display_value(self):
        return AnswerList(self.object.page, self.object.answers)

    def get_consent_at_display_value(self):
        return admin_datetime(self.object.consent_at)

    def get_created_at_display_value(self):
        return admin_datetime(self.object.created_at)

    def get_days_display_value(self):
        return days_text(self.object) or "–"


class RegistrationIndexView(SecretariatIndexView):
    """Wagtail's listing export would write a file with no columns (the viewset has no
    list_export); `?export=` goes to the summary's export instead, which neutralises formulas."""

    @cached_property
    def columns(self):
        # The name leads to what the person sent (the inspect view); editing stays in the "…" menu.
        name, *others = super().columns
        inspect = InspectTitleColumn(
            name.name,
            label=name.label,
            sort_key=name.sort_key,
            url_name=self.inspect_url_name,
            buttons_for=self.get_list_buttons,
        )
        return [inspect, *others]

    @cached_property
    def filtered_event(self) -> str | None:
        event = self.request.GET.get("event", "")
        return event if event in {pk for pk, _title in event_choices()} else None

    def get(self, request, *args, **kwargs):
        if self.is_export:
            if self.filtered_event:
                return redirect(summary_export_url(self.filtered_event, request.GET["export"]))
            return redirect("events_registrations_summary")
        return super().get(request, *args, **kwargs)

    @cached_property
    def header_more_buttons(self):
        buttons = [
            Button(_("Places per day"), url=reverse("events_registrations_summary"), icon_name="table", priority=80)
        ]
        if self.filtered_event:
            for priority, export_format in enumerate(["xlsx", "csv"], start=90):
                buttons.append(
                    Button(
                        _("Export this event (%(format)s)") % {"format": export_format.upper()},
                        url=summary_export_url(self.filtered_event, export_format),
                        icon_name="download",
                        priority=priority,
                    )
                )
        return buttons


class RegistrationViewSet(SecretariatViewSet):
    model = Registration
    icon = "form"
    menu_label = _("Registrations")
    url_prefix = "registrations"
    list_display = [
        "name",
        "email",
        "language",
        DaysColumn("days", label=_("Days")),
        LocalDateTimeColumn("created_at", label=_("Registered"), sort_key="created_at"),
    ]
    filterset_class = RegistrationFilterSet
    search_fields = ["name", "email"]
    form_fields = ["name", "email", "language"]
    index_view_class = RegistrationIndexView
    inspect_view_class = RegistrationInspectView
    inspect_view_fields = ["event", "name", "email", "language", "days", "answers", "consent_at", "created_at"]

    def get_queryset(self, request):
        return Registration.objects.select_related("event").prefetch_related("days")


registration_viewset = RegistrationViewSet("registrations")


# --- Counts per day and exports --------------------------------------------------------------------


def event_summaries():
    """[{event, title, days: [{day, capacity, confirmed, waiting, cancelled}]}] for events with a form.
    Counted on the source event's days; the event and its days are named in the admin user's language
    where the event is live in it (`title`, each row's `day`)."""
    summaries = []
    events = list(registration_events())
    shown = in_reader_language(EventPage, events)
    for event in events:
        version = shown.get(event.translation_key, event)
        days = list(event.days.all())
        shown_days = {day.translation_key: day for day in version.days.all()} if version.pk != event.pk else {}
        places = capacities([day.translation_key for day in days])
        rows = RegistrationDay.objects.filter(day_key__in=[d.translation_key for d in days]).values_list(
            "day_key", "status"
        )
        counts = {}
        for key, status in rows:
            counts[(key, status)] = counts.get((key, status), 0) + 1
        summaries.append(
            {
                "event": event,
                "title": version.title,
                "days": [
                    {
                        "day": shown_days.get(day.translation_key, day),
                        "capacity": places[day.translation_key],
                        "confirmed": counts.get((day.translation_key, RegistrationDay.CONFIRMED), 0),
                        "waiting": counts.get((day.translation_key, RegistrationDay.WAITING), 0),
                        "cancelled": counts.get((day.translation_key, RegistrationDay.CANCELLED), 0),
                    }
                    for day in days
                ],
            }
        )
    return summaries


def days_named_in(days: list[EventDay], language: str) -> list[EventDay]:
    """`days` (the source event's) as their translation into `language` names them, where it does."""
    translated = {
        day.translation_key: day
        for day in EventDay.objects.filter(
            translation_key__in=[day.translation_key for day in days], locale__language_code=language
        ).exclude(title="")
    }
    return [translated.get(day.translation_key, day) for day in days]


def export_rows(event: EventPage):
    """(header, rows) for one event: one row per registration, one column per day and per question,
    headed in the admin's language (days and questions as the event's translation into it names
    them, else as the source does), times in the admin's zone."""
    days = list(event.days.all())
    registration_page = RegistrationPage.objects.child_of(event).first()
    questions = list(question_labels(registration_page).items())
    registrations = list(Registration.objects.filter(event=event).prefetch_related("days"))
    known = {key for key, _label in questions}
    for registration in registrations:
        for key in sorted(registration.answers):  # jsonb (PostgreSQL) keeps no key order
            if key not in known:
                known.add(key)
                questions.append((key, key))
    header = [
        exports.zoned_heading(_("Registered")),
        str(_("Name")),
        str(_("Email")),
        str(_("Language")),
        *[f"{day.date:%d.%m.%Y} {day.title}" for day in days_named_in(days, translation.get_language())],
        *[label for _key, label in questions],
    ]
    status_labels = dict(RegistrationDay.STATUSES)
    rows = []
    for registration in registrations:
        status = {row.day_key: str(status_labels[row.status]) for row in registration.days.all()}
        answers = registration.answers or {}
        rows.append(
            [
                exports.export_time(registration.created_at),
                registration.name,
                registration.email,
                registration.language,
                *[status.get(day.translation_key, "") for day in days],
                *[_answer_text(answers.get(key)) for key, _label in questions],
            ]
        )
    return header, rows


def _answer_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)


class ExportForm(forms.Form):
    """What the summary's export links carry; anything else is a 400, never a 500."""

    format = forms.ChoiceField(choices=[("csv", "CSV"), ("xlsx", "XLSX")])
    event = forms.TypedChoiceField(coerce=int, choices=event_choices)


class RegistrationSummaryView(SecretariatView):
    """Places taken, free and waiting per day of every event with a registration page, and the
    one export of registrations, which cannot carry spreadsheet formulas."""

    template_name = "events/admin/registrations_summary.html"
    page_title = _("Places per day")
    header_icon = "table"

    def get(self, request, *args, **kwargs):
        if "format" not in request.GET:
            return super().get(request, *args, **kwargs)
        form = ExportForm(request.GET)
        if not form.is_valid():
            messages.error(request, _("This export does not exist: choose an event's XLSX or CSV button below."))
            return self.render_to_response(self.get_context_data(), status=400)
        event = EventPage.objects.get(pk=form.cleaned_data["event"])
        header, rows = export_rows(event)
        filename = f"registrations-{event.slug}"
        if form.cleaned_data["format"] == "csv":
            return exports.csv_response(filename, header, rows)
        return exports.xlsx_response(filename, header, rows)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["summaries"] = event_summaries()
        context["help_text"] = exports.EXPORT_HELP_TEXT
        return context


def summary_export_url(event_pk, export_format: str) -> str:
    return reverse("events_registrations_summary") + "?" + urlencode({"format": export_format, "event": event_pk})
