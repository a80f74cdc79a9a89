from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Organisation, ProgrammeChange


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
