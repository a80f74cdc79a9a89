"""Admin hooks: the events' snippets, and under the Secretariat menu the registrations list, the
places per day and the export of an event's registrations (events/viewsets.py); the copy of an event
to a new date (events/copy_event.py). Who may see them, the submissions filter and the guard against
deleting pages with registrations are home's (privacy.secretariat, home.wagtail_hooks)."""

from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets.button import Button
from wagtail.snippets.models import register_snippet

from .models import EventPage
from .viewsets import EventsGroup, RegistrationSummaryView, registration_viewset

register_snippet(EventsGroup)


@hooks.register("register_admin_viewset")
def register_registration_viewset():
    return registration_viewset


@hooks.register("register_admin_urls")
def register_summary_url():
    return [path("registrations-summary/", RegistrationSummaryView.as_view(), name="events_registrations_summary")]


@hooks.register("register_secretariat_menu_item")
def register_registrations_menu_item():
    return registration_viewset.get_menu_item(order=100)


@hooks.register("register_secretariat_menu_item")
def register_summary_menu_item():
    return MenuItem(_("Places per day"), reverse("events_registrations_summary"), icon_name="table", order=110)


# --- A new event from an earlier one (events/copy_event.py) ----------------------------------------


@hooks.register("register_admin_urls")
def register_copy_event_url():
    from .copy_event import CopyEventView

    return [path("events/<int:event_id>/copy/", CopyEventView.as_view(), name="events_copy_event")]


@hooks.register("before_copy_page")
def copy_events_to_a_new_date(request, page):
    # Wagtail's own copy would keep last year's dates and leave the registration form's places on days
    # the copy does not have.
    if page.specific_class is EventPage:
        return redirect("events_copy_event", page.pk)
    return None


def copy_event_button(page, user, priority):
    if page.specific_class is not EventPage or not page.permissions_for_user(user).can_copy():
        return []
    return [
        Button(
            _("New event from this one"),
            url=reverse("events_copy_event", args=[page.pk]),
            icon_name="copy",
            priority=priority,
        )
    ]


@hooks.register("register_page_header_buttons")
def event_header_buttons(page, user, view_name, next_url=None):
    return copy_event_button(page, user, priority=31)


@hooks.register("register_page_listing_more_buttons")
def event_listing_buttons(page, user, next_url=None):
    return copy_event_button(page, user, priority=21)
