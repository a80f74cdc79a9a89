"""Wagtail serves page paths made of slugs ending in "/" only. Calendar files and feeds need a file
name with a dot (calendar.ics, changes.atom) so that calendar and feed readers accept them; these
paths go to Wagtail's serve view all the same, and the pages' routes (RoutablePageMixin) answer."""

from django.urls import re_path

from wagtail import views as wagtail_views

urlpatterns = [
    re_path(
        r"^((?:[\w\-]+/)+(?:calendar\.ics|changes\.atom|sessions/\d+\.ics))$",
        wagtail_views.serve,
        name="events_file",
    ),
]
