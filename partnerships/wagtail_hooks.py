import django_filters

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import linebreaksbr
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.views.generic.models import EditView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from home import exports
from home.admin_display import AnswerList, LocalDateTimeColumn, admin_datetime, answer_rows

from .models import CaseStatus, Country, InterestCase, InterestFormPage, PartnerPage, Partnership, Theme
from .pipeline import OTHER_COUNTRY, create_draft_partner, link_partnership, suggested_matches


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    list_display = ["name", "slug", "locale", "live"]
    list_filter = ["locale"]
    search_fields = ["name"]


class PartnershipViewSet(SnippetViewSet):
    model = Partnership
    icon = "group"
    list_display = ["__str__", "status", "date_signed"]
    list_filter = ["status"]


class PartnershipsGroup(SnippetViewSetGroup):
    menu_label = _("Partnerships")
    menu_icon = "group"
    menu_order = 260
    items = (PartnershipViewSet, ThemeViewSet)


register_snippet(PartnershipsGroup)


# --- Interest cases: the secretariat's pipeline (Secretariat only) ----------------------------------

VIEW_CASES = "partnerships.view_interestcase"
CHANGE_CASES = "partnerships.change_interestcase"


def _theme_filter_choices():
    return Theme.objects.slug_choices(settings.LANGUAGE_CODE)


class InterestCaseFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=CaseStatus.choices)
    country = django_filters.ChoiceFilter(label=_("Country"), choices=Country.choices)
    language = django_filters.ChoiceFilter(label=_("Language"), choices=settings.LANGUAGES)
    theme = django_filters.ChoiceFilter(label=_("Theme"), choices=_theme_filter_choices, method="filter_theme")

    class Meta:
        model = InterestCase
        fields = ["status", "country", "language"]

    def filter_theme(self, queryset, name, value):
        # Themes are JSON lists of slugs; SQLite has no JSON containment lookup, so match in Python.
        ids = [
            pk
            for pk, offered, needed in queryset.values_list("pk", "themes_offered", "themes_needed")
            if value in (offered or []) or value in (needed or [])
        ]
        return queryset.filter(pk__in=ids)


class CaseEditView(EditView):
    template_name = "partnerships/admin/case_edit.html"

    def save_instance(self):
        instance = self.form.save(commit=False)
        instance.save(changed_by=self.request.user)
        return instance

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        case = self.object
        context["case"] = case
        context["history"] = case.events.select_related("user")
        context["matches"] = suggested_matches(case)
        context["offered"] = case.theme_names(case.themes_offered)
        context["needed"] = case.theme_names(case.themes_needed)
        context["answers"] = answer_rows(case.page, case.answers)
        context["can_act"] = self.request.user.has_perm(CHANGE_CASES)
        context["link_choices"] = link_choices(case)
        return context


def link_choices(case):
    """Every open case and every nb partner profile of the other country, for linking by hand."""
    other = OTHER_COUNTRY.get(case.country)
    if other is None:
        return []
    cases = InterestCase.objects.filter(country=other).exclude(status=CaseStatus.CLOSED).exclude(pk=case.pk)
    partners = PartnerPage.objects.filter(country=other, locale__language_code=settings.LANGUAGE_CODE)
    return [(f"case:{c.pk}", f"{c} – {_('case')}") for c in cases.order_by("organisation")] + [
        (f"partner:{p.pk}", f"{p.title} – {_('partner profile')}") for p in partners.order_by("title")
    ]


class CaseInspectView(InspectView):
    def get_answers_display_value(self):
        return AnswerList(self.object.page, self.object.answers)

    def get_themes_offered_display_value(self):
        return self.object.theme_names(self.object.themes_offered) or "–"

    def get_themes_needed_display_value(self):
        return self.object.theme_names(self.object.themes_needed) or "–"

    def get_message_display_value(self):
        return linebreaksbr(self.object.message) or "–"

    def get_notes_display_value(self):
        return linebreaksbr(self.object.notes) or "–"

    def get_consent_at_display_value(self):
        return admin_datetime(self.object.consent_at)

    def get_created_at_display_value(self):
        return admin_datetime(self.object.created_at)

    def get_updated_at_display_value(self):
        return admin_datetime(self.object.updated_at)


class InterestCaseIndexView(IndexView):
    """Wagtail's listing export would write a file with no columns (the viewset has no
    list_export); `?export=` goes to the cases export instead, which neutralises formulas."""

    def get(self, request, *args, **kwargs):
        if self.is_export:
            return redirect("partnerships_cases_export", request.GET["export"])
        return super().get(request, *args, **kwargs)

    @cached_property
    def header_more_buttons(self):
        return [
            Button(
                _("Export all cases (%(format)s)") % {"format": export_format.upper()},
                url=reverse("partnerships_cases_export", args=[export_format]),
                icon_name="download",
                priority=priority,
            )
            for priority, export_format in enumerate(["xlsx", "csv"], start=90)
        ]


class InterestCaseViewSet(ModelViewSet):
    model = InterestCase
    icon = "form"
    # Sidebar labels longer than about 130 px are cut off ("Interesse for sama…"); these fit in
    # nb, uk and en (tests/events/test_secretariat.py measures them in Chromium).
    menu_label = _("Interest cases")
    menu_order = 252
    add_to_admin_menu = True
    url_prefix = "interest-cases"
    list_display = [
        "organisation",
        "country",
        "kind",
        "status",
        "assignee",
        "language",
        LocalDateTimeColumn("created_at", label=_("Received"), sort_key="created_at"),
    ]
    filterset_class = InterestCaseFilterSet
    search_fields = ["organisation", "contact_person", "email", "region"]
    form_fields = ["status", "assignee", "notes"]
    inspect_view_enabled = True
    inspect_view_class = CaseInspectView
    inspect_view_fields = [
        "organisation",
        "kind",
        "country",
        "region",
        "contact_person",
        "email",
        "phone",
        "contact_language",
        "language",
        "themes_offered",
        "themes_needed",
        "size",
        "message",
        "answers",
        "status",
        "assignee",
        "notes",
        "partner_page",
        "consent_at",
        "created_at",
        "updated_at",
    ]
    copy_view_enabled = False
    add_view_enabled = False
    edit_view_class = CaseEditView
    index_view_class = InterestCaseIndexView

    def get_queryset(self, request):
        return InterestCase.objects.select_related("assignee")


interest_case_viewset = InterestCaseViewSet("interest_cases")


@hooks.register("register_admin_viewset")
def register_interest_case_viewset():
    return interest_case_viewset


def case_export_rows(cases):
    header = [
        str(_("Received")),
        str(_("Organisation")),
        str(_("Kind")),
        str(_("Country")),
        str(_("Region")),
        str(_("Contact person")),
        str(_("Email")),
        str(_("Phone")),
        str(_("Themes you can offer")),
        str(_("Themes you need")),
        str(_("Size")),
        str(_("Message")),
        str(_("Contact language")),
        str(_("Language")),
        str(_("Status")),
        str(_("Internal notes")),
    ]
    rows = [
        [
            case.created_at.isoformat(timespec="seconds"),
            case.organisation,
            case.get_kind_display(),
            case.get_country_display(),
            case.region,
            case.contact_person,
            case.email,
            case.phone,
            ", ".join(case.themes_offered),
            ", ".join(case.themes_needed),
            "" if case.size is None else case.size,
            case.message,
            case.contact_language,
            case.language,
            case.get_status_display(),
            case.notes,
        ]
        for case in cases
    ]
    return header, rows


def _case_or_403(request, pk, permission=VIEW_CASES):
    if not request.user.has_perm(permission):
        raise PermissionDenied
    return get_object_or_404(InterestCase, pk=pk)


def export_cases_view(request, fmt):
    if not request.user.has_perm(VIEW_CASES):
        raise PermissionDenied
    if fmt not in {"csv", "xlsx"}:
        raise Http404
    header, rows = case_export_rows(InterestCase.objects.order_by("created_at", "pk"))
    if fmt == "csv":
        return exports.csv_response("interest-cases", header, rows)
    return exports.xlsx_response("interest-cases", header, rows)


@require_POST
def create_partner_view(request, pk):
    case = _case_or_403(request, pk, CHANGE_CASES)
    try:
        page = create_draft_partner(case, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Draft partner profile created: %(title)s") % {"title": page.title})
    return redirect("interest_cases:edit", case.pk)


@require_POST
def link_view(request, pk):
    case = _case_or_403(request, pk, CHANGE_CASES)
    target = request.POST.get("target", "")
    # Only what the case's own choices offer: an id from anywhere else ("case:abc", a number too
    # large for the column) would reach the database and fail there.
    kind, _sep, target_pk = target.partition(":")
    if target not in {value for value, _label in link_choices(case)}:
        other = None
    elif kind == "case":
        other = InterestCase.objects.filter(pk=int(target_pk)).first()
    else:
        other = PartnerPage.objects.filter(pk=int(target_pk)).first()
    if other is None:
        messages.error(request, _("Choose a case or partner to link with."))
        return redirect("interest_cases:edit", case.pk)
    try:
        partnership = link_partnership(case, other, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if Partnership.objects.public().filter(pk=partnership.pk).exists():
            messages.success(request, _("Partnership created: %(name)s") % {"name": partnership})
        else:
            messages.success(
                request,
                _(
                    "Partnership created: %(name)s. The public sees it only once both partner profiles are "
                    "published by someone with publish rights."
                )
                % {"name": partnership},
            )
    return redirect("interest_cases:edit", case.pk)


class SecretariatMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW_CASES)


@hooks.register("register_admin_menu_item")
def register_case_export_menu_item():
    # Exported through home.exports, which neutralises formulas (Wagtail's own listing export
    # does not), so the listing has no export of its own.
    return SecretariatMenuItem(
        _("Export cases"),
        reverse("partnerships_cases_export", args=["xlsx"]),
        icon_name="download",
        order=253,
    )


@hooks.register("register_admin_urls")
def register_case_urls():
    return [
        path("interest-cases-export/<str:fmt>/", export_cases_view, name="partnerships_cases_export"),
        path("interest-cases-actions/<int:pk>/partner/", create_partner_view, name="partnerships_case_partner"),
        path("interest-cases-actions/<int:pk>/link/", link_view, name="partnerships_case_link"),
    ]


# --- Guards ---------------------------------------------------------------------------------------

REFUSED = _(
    "This page (or a page below it) has partnership interest cases. It cannot be deleted; unpublish it "
    "instead, and ask the secretariat to export and erase the cases first."
)


def pages_with_cases(pages) -> bool:
    keys = set()
    for page in pages:
        subtree = page.get_descendants(inclusive=True).type(InterestFormPage)
        keys.update(subtree.values_list("translation_key", flat=True))
    return bool(keys) and InterestCase.objects.filter(page__translation_key__in=keys).exists()


@hooks.register("before_delete_page")
def refuse_deleting_pages_with_cases(request, page):
    if pages_with_cases([page]):
        messages.error(request, REFUSED)
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    return None


@hooks.register("before_bulk_action")
def refuse_bulk_deleting_pages_with_cases(request, action_type, objects, action_class_instance):
    if action_type == "delete" and objects and isinstance(objects[0], Page) and pages_with_cases(objects):
        messages.error(request, REFUSED)
        return redirect("wagtailadmin_explore", objects[0].get_parent().pk)
    return None
