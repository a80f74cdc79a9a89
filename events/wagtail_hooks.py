"""Admin: the registrations list (Secretariat only), counts and exports, and the guards that keep
registrations out of editors' and translators' reach and away from page deletion."""

import django_filters

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from home import form_handling

from .models import EventDay, EventPage, Organisation, ProgrammeChange
from .registration import Registration, RegistrationDay, RegistrationPage


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    list_display = ["name", "url", "locale", "live"]
    list_filter = ["locale"]
    search_fields = ["name"]


class ProgrammeChangeViewSet(SnippetViewSet):
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


register_snippet(EventsGroup)


VIEW_PERMISSION = "events.view_registration"


def day_choices():
    days = EventDay.objects.filter(locale__language_code=settings.LANGUAGE_CODE).select_related("page")
    return [(str(day.translation_key), f"{day.page.title} – {day}") for day in days.order_by("page__title", "date")]


def _keep(queryset, name, value):
    return queryset


class RegistrationFilterSet(WagtailFilterSet):
    event = django_filters.ModelChoiceFilter(
        label=_("Event"), queryset=EventPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
    )
    day = django_filters.ChoiceFilter(label=_("Day"), choices=day_choices, method=_keep)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=RegistrationDay.STATUSES, method=_keep)
    language = django_filters.ChoiceFilter(label=_("Language"), choices=settings.LANGUAGES)

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
        return ", ".join(f"{row['day'].title}: {row['status_label']}" for row in instance.day_summary())


class RegistrationViewSet(ModelViewSet):
    model = Registration
    icon = "form"
    menu_label = _("Registrations")
    menu_order = 250
    add_to_admin_menu = True
    url_prefix = "registrations"
    list_display = ["name", "email", "language", DaysColumn("days", label=_("Days")), "created_at"]
    filterset_class = RegistrationFilterSet
    search_fields = ["name", "email"]
    form_fields = ["name", "email", "language"]
    inspect_view_enabled = True
    inspect_view_fields = ["event", "name", "email", "language", "answers", "consent_at", "created_at"]
    copy_view_enabled = False

    def get_queryset(self, request):
        return Registration.objects.select_related("event").prefetch_related("days")


registration_viewset = RegistrationViewSet("registrations")


@hooks.register("register_admin_viewset")
def register_registration_viewset():
    return registration_viewset


# --- Counts per day and exports --------------------------------------------------------------------


def event_summaries():
    """[{event, days: [{day, capacity, confirmed, waiting, cancelled}]}] for events with a form."""
    summaries = []
    events = EventPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).order_by("-start_date")
    for event in events:
        if not RegistrationPage.objects.child_of(event).exists():
            continue
        days = list(event.days.all())
        rows = RegistrationDay.objects.filter(day_key__in=[d.translation_key for d in days]).values_list(
            "day_key", "status"
        )
        counts = {}
        for key, status in rows:
            counts[(key, status)] = counts.get((key, status), 0) + 1
        summaries.append(
            {
                "event": event,
                "days": [
                    {
                        "day": day,
                        "capacity": day.capacity,
                        "confirmed": counts.get((day.translation_key, RegistrationDay.CONFIRMED), 0),
                        "waiting": counts.get((day.translation_key, RegistrationDay.WAITING), 0),
                        "cancelled": counts.get((day.translation_key, RegistrationDay.CANCELLED), 0),
                    }
                    for day in days
                ],
            }
        )
    return summaries


def export_rows(event: EventPage):
    """(header, rows) for one event: one row per registration, one column per day and per question."""
    days = list(event.days.all())
    registration_page = RegistrationPage.objects.child_of(event).first()
    questions = [(f.clean_name, f.label) for f in registration_page.form_fields.all()] if registration_page else []
    registrations = list(Registration.objects.filter(event=event).prefetch_related("days"))
    known = {key for key, _label in questions}
    for registration in registrations:
        for key in registration.answers:
            if key not in known:
                known.add(key)
                questions.append((key, key))
    header = [
        str(_("Registered")),
        str(_("Name")),
        str(_("Email")),
        str(_("Language")),
        *[f"{day.date:%d.%m.%Y} {day.title}" for day in days],
        *[label for _key, label in questions],
    ]
    status_labels = dict(RegistrationDay.STATUSES)
    rows = []
    for registration in registrations:
        status = {row.day_key: str(status_labels[row.status]) for row in registration.days.all()}
        answers = registration.answers or {}
        rows.append(
            [
                registration.created_at.isoformat(timespec="seconds"),
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


def summary_view(request):
    if not request.user.has_perm(VIEW_PERMISSION):
        raise PermissionDenied
    export = request.GET.get("format")
    if export in {"csv", "xlsx"}:
        event = EventPage.objects.filter(pk=request.GET.get("event"), locale__language_code=settings.LANGUAGE_CODE)
        event = event.first()
        if event is None:
            raise PermissionDenied
        header, rows = export_rows(event)
        filename = f"registrations-{event.slug}"
        if export == "csv":
            return form_handling.csv_response(filename, header, rows)
        return form_handling.xlsx_response(filename, header, rows)
    return TemplateResponse(
        request,
        "events/admin/registrations_summary.html",
        {
            "summaries": event_summaries(),
            "help_text": form_handling.EXPORT_HELP_TEXT,
            "header_title": _("Registrations per day"),
        },
    )


@hooks.register("register_admin_urls")
def register_summary_url():
    return [path("registrations-summary/", summary_view, name="events_registrations_summary")]


class SecretariatMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW_PERMISSION)


@hooks.register("register_admin_menu_item")
def register_summary_menu_item():
    return SecretariatMenuItem(
        _("Registrations per day"), reverse("events_registrations_summary"), icon_name="table", order=251
    )


# --- Guards ---------------------------------------------------------------------------------------


@hooks.register("filter_form_submissions_for_user")
def only_secretariat_sees_form_submissions(user, editable_forms):
    """Page edit rights would otherwise let every editor and translator read and export all form
    submissions of the pages they can edit (reference/security.md §0 item 10)."""
    if user.has_perm(VIEW_PERMISSION):
        return editable_forms
    return editable_forms.none()


def pages_with_registrations(pages) -> bool:
    """True if any of `pages` (or their descendants), in any language, holds registrations."""
    keys = set()
    for page in pages:
        subtree = page.get_descendants(inclusive=True).type(RegistrationPage, EventPage)
        keys.update(subtree.values_list("translation_key", flat=True))
    if not keys:
        return False
    return Registration.objects.filter(Q(page__translation_key__in=keys) | Q(event__translation_key__in=keys)).exists()


REFUSED = _(
    "This page (or a page below it) has registrations. It cannot be deleted; unpublish it instead, and "
    "ask the secretariat to export and erase the registrations first."
)


@hooks.register("before_delete_page")
def refuse_deleting_pages_with_registrations(request, page):
    if pages_with_registrations([page]):
        messages.error(request, REFUSED)
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    return None


@hooks.register("before_bulk_action")
def refuse_bulk_deleting_pages_with_registrations(request, action_type, objects, action_class_instance):
    if action_type == "delete" and objects and isinstance(objects[0], Page) and pages_with_registrations(objects):
        messages.error(request, REFUSED)
        return redirect("wagtailadmin_explore", objects[0].get_parent().pk)
    return None
