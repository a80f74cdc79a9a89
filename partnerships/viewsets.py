"""The partnerships' admin: the snippets (partnerships, themes), the Secretariat's interest cases with
their matches, links and export, and the dashboard panel of draft profiles made from cases.
Registered in wagtail_hooks.py."""

import django_filters

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.utils import get_user_display_name
from wagtail.admin.views.generic import InspectView
from wagtail.admin.views.generic.models import EditView
from wagtail.models import Locale
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from home.admin_display import AnswerList, LocalDateTimeColumn, admin_datetime, answer_rows
from home.viewsets import BaseSnippetViewSet, TranslatableSnippetViewSet
from privacy.secretariat import may_handle_personal_data
from privacy.viewsets import SecretariatIndexView, SecretariatView, SecretariatViewSet

from .models import CaseStatus, Country, InterestCase, PartnerPage, Partnership, Theme
from .models.cases import theme_names
from .pipeline import OTHER_COUNTRY, create_draft_partner, link_partnership, suggested_matches


class ThemeViewSet(TranslatableSnippetViewSet):
    model = Theme
    icon = "tag"
    columns = ("name", "slug")
    search_fields = ["name"]


class PartnershipViewSet(BaseSnippetViewSet):
    model = Partnership
    icon = "group"
    list_display = ["__str__", "status", "date_signed"]
    list_filter = ["status"]


class PartnershipsGroup(SnippetViewSetGroup):
    menu_label = _("Partnerships")
    menu_icon = "group"
    menu_order = 260
    items = (PartnershipViewSet, ThemeViewSet)


# --- Interest cases: the secretariat's pipeline (Secretariat only) ----------------------------------


def _theme_filter_choices():
    return Theme.objects.slug_choices(get_language() or settings.LANGUAGE_CODE)


class InterestCaseFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=CaseStatus.choices)
    country = django_filters.ChoiceFilter(label=_("Country"), choices=Country.choices)
    language = django_filters.ChoiceFilter(label=_("Language"), choices=settings.WAGTAIL_CONTENT_LANGUAGES)
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
        context["history"] = case.events.select_related("user")  # labels and names: CaseEvent
        context["matches"] = [
            {**match, **{key: theme_names(match[key]) for key in ("gives", "gets", "shared")}}
            for match in suggested_matches(case)
        ]
        context["offered"] = case.theme_names(case.themes_offered)
        context["needed"] = case.theme_names(case.themes_needed)
        context["answers"] = answer_rows(case.page, case.answers)
        context["can_act"] = self.user_has_permission("change")
        context["link_choices"] = link_choices(case)
        return context


def link_choices(case):
    """Every open case and every nb partner profile of the other country, for linking by hand."""
    other = OTHER_COUNTRY.get(case.country)
    if other is None:
        return []
    cases = InterestCase.objects.filter(country=other).exclude(status=CaseStatus.CLOSED).exclude(pk=case.pk)
    partners = PartnerPage.objects.filter(country=other, locale=Locale.get_default())
    return [(f"case:{c.pk}", f"{c} – {_('case')}") for c in cases.order_by("organisation")] + [
        (f"partner:{p.pk}", f"{p.title} – {_('partner profile')}") for p in partners.order_by("title")
    ]


def link_target(case, target: str):
    """The case or partner profile that `target` ("case:<id>", "partner:<id>") names, if the case's own
    choices offer it: an id from anywhere else ("case:abc", a number too large for the column) would
    reach the database and fail there."""
    if target not in {value for value, _label in link_choices(case)}:
        return None
    kind, _sep, target_pk = target.partition(":")
    if kind == "case":
        return InterestCase.objects.filter(pk=int(target_pk)).first()
    return PartnerPage.objects.filter(pk=int(target_pk)).first()


class AssigneeChoiceField(forms.ModelChoiceField):
    """People by name, as the case's history names them, not by username."""

    def label_from_instance(self, obj):
        return get_user_display_name(obj)


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

    def get_assignee_display_value(self):
        return get_user_display_name(self.object.assignee) if self.object.assignee else "–"


class InterestCaseIndexView(SecretariatIndexView):
    """`?export=` on the listing (Wagtail's download buttons, the form page's submissions list) leads
    to the cases' export address, which the Secretariat menu names, with the listing's filters."""

    def get(self, request, *args, **kwargs):
        if self.is_export:
            filters = request.GET.copy()
            export_format = filters.pop("export")[-1]
            url = reverse("partnerships_cases_export", args=[export_format])
            return redirect(url + "?" + filters.urlencode() if filters else url)
        return super().get(request, *args, **kwargs)


class InterestCaseExportView(SecretariatIndexView):
    """Wagtail's listing export of the cases at an address of its own, formula-safe, with the themes
    by their names in the exporting user's language (they are stored as slugs)."""

    custom_field_preprocess = {
        name: {SecretariatIndexView.FORMAT_CSV: theme_names, SecretariatIndexView.FORMAT_XLSX: theme_names}
        for name in ("themes_offered", "themes_needed")
    }

    def setup(self, request, *args, export_format, **kwargs):
        super().setup(request, *args, **kwargs)
        if export_format not in self.FORMATS:
            raise Http404
        self.is_export = True
        self.export_format = export_format

    def render_to_response(self, context, **response_kwargs):
        response = self.as_spreadsheet(context["object_list"], self.export_format)
        if not response.streaming:
            return response
        # The cases are few; one complete file is what a browser, a test or a proxy expects.
        whole = HttpResponse(b"".join(response.streaming_content), content_type=response["Content-Type"])
        whole["Content-Disposition"] = response["Content-Disposition"]
        return whole


class InterestCaseViewSet(SecretariatViewSet):
    model = InterestCase
    icon = "form"
    # Sidebar labels longer than about 130 px are cut off ("Interesse for sama…"); these fit in
    # nb, uk and en (tests/events/test_secretariat.py measures them in Chromium).
    menu_label = _("Interest cases")
    menu_order = 252
    url_prefix = "interest-cases"
    list_display = [
        "organisation",
        "country",
        "kind",
        "status",
        Column(
            "assignee",
            label=_("Assignee"),
            accessor=lambda case: get_user_display_name(case.assignee) if case.assignee else "",
        ),
        "language",
        LocalDateTimeColumn("created_at", label=_("Received"), sort_key="created_at"),
    ]
    filterset_class = InterestCaseFilterSet
    search_fields = ["organisation", "contact_person", "email", "region"]
    form_fields = ["status", "assignee", "notes"]
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
    list_export = [
        "created_at",
        "organisation",
        "get_kind_display",
        "get_country_display",
        "region",
        "contact_person",
        "email",
        "phone",
        "themes_offered",
        "themes_needed",
        "size",
        "message",
        "contact_language",
        "language",
        "get_status_display",
        "notes",
    ]
    export_headings = {
        "get_kind_display": _("Kind"),
        "get_country_display": _("Country"),
        "get_status_display": _("Status"),
        "notes": _("Internal notes"),
    }
    export_filename = "interest-cases"
    add_view_enabled = False
    edit_view_class = CaseEditView
    index_view_class = InterestCaseIndexView

    def get_queryset(self, request):
        return InterestCase.objects.select_related("assignee")

    def formfield_for_dbfield(self, db_field, **kwargs):
        if db_field.name == "assignee":
            kwargs["form_class"] = AssigneeChoiceField
        return super().formfield_for_dbfield(db_field, **kwargs)

    @cached_property
    def export_view(self):
        return self.construct_view(InterestCaseExportView, **self.get_index_view_kwargs())


interest_case_viewset = InterestCaseViewSet("interest_cases")


def _case_for_secretariat(request, pk):
    if not interest_case_viewset.permission_policy.user_has_permission(request.user, "change"):
        raise PermissionDenied
    return get_object_or_404(InterestCase, pk=pk)


@require_POST
def create_partner_view(request, pk):
    case = _case_for_secretariat(request, pk)
    try:
        page = create_draft_partner(case, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Draft partner profile created: %(title)s") % {"title": page.title})
    return redirect("interest_cases:edit", case.pk)


class LinkCaseView(SecretariatView):
    """Linking a case into a partnership, in two steps: the choice posted from the case's page (its
    list, or a suggested match's button) leads to a confirmation naming both sides, and only the
    confirmed post makes the partnership; a careless click makes nothing."""

    template_name = "partnerships/admin/case_link_confirm.html"
    page_title = _("Link into a partnership")
    header_icon = "group"
    http_method_names = ["post"]

    def post(self, request, pk):
        case = get_object_or_404(InterestCase, pk=pk)
        target = request.POST.get("target", "")
        other = link_target(case, target)
        if other is None:
            messages.error(request, _("Choose a case or partner to link with."))
            return redirect("interest_cases:edit", case.pk)
        if not request.POST.get("confirmed"):
            return self.render_to_response(
                self.get_context_data(case=case, other=dict(link_choices(case))[target], target=target)
            )
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


# --- Draft partner profiles made from cases, on the dashboards of those who finish them ---------------

DRAFT_PANEL_ITEMS = 10


class DraftProfilesPanel(Component):
    """The partner profiles made from cases and not yet published: for whoever may edit one (a link to
    edit it) and for the Secretariat (a link to its case). Nothing to show, no panel."""

    name = "draft_partner_profiles"
    order = 85
    template_name = "partnerships/admin/draft_profiles_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        secretariat = may_handle_personal_data(self.user)
        cases = (
            InterestCase.objects.filter(partner_page__live=False)
            .select_related("partner_page")
            .order_by("-partner_page__latest_revision_created_at", "-pk")
        )
        rows = []
        for case in cases:
            page = case.partner_page
            may_edit = page.permissions_for_user(self.user).can_edit()
            if may_edit or secretariat:
                rows.append(
                    {
                        "title": page.title,
                        "made_at": admin_datetime(page.latest_revision_created_at),
                        "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk]) if may_edit else "",
                        "case_url": reverse("interest_cases:edit", args=[case.pk]) if secretariat else "",
                    }
                )
        return {"rows": rows[:DRAFT_PANEL_ITEMS], "count": len(rows)}

    def render_html(self, parent_context=None):
        context = self.get_context_data(parent_context)
        if not context["rows"]:
            return ""
        return super().render_html(parent_context)
