"""Admin hooks: the partnerships' snippets, the interest cases under the Secretariat menu, and the
dashboard panel of draft partner profiles (partnerships/viewsets.py)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from .viewsets import DraftProfilesPanel, LinkCaseView, PartnershipsGroup, create_partner_view, interest_case_viewset

register_snippet(PartnershipsGroup)


@hooks.register("register_admin_viewset")
def register_interest_case_viewset():
    return interest_case_viewset


@hooks.register("construct_homepage_panels")
def add_draft_profiles_panel(request, panels):
    panels.append(DraftProfilesPanel(request.user))


@hooks.register("register_secretariat_menu_item")
def register_interest_cases_menu_item():
    return interest_case_viewset.get_menu_item()


@hooks.register("register_secretariat_menu_item")
def register_case_export_menu_item():
    return MenuItem(
        _("Export cases"),
        reverse("partnerships_cases_export", args=["xlsx"]),
        icon_name="download",
        order=253,
    )


@hooks.register("register_admin_urls")
def register_case_urls():
    return [
        path(
            "interest-cases-export/<str:export_format>/",
            interest_case_viewset.export_view,
            name="partnerships_cases_export",
        ),
        path("interest-cases-actions/<int:pk>/partner/", create_partner_view, name="partnerships_case_partner"),
        path("interest-cases-actions/<int:pk>/link/", LinkCaseView.as_view(), name="partnerships_case_link"),
    ]
