from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Footer, NavigationMenu, Person


class NavigationMenuViewSet(SnippetViewSet):
    model = NavigationMenu
    icon = "list-ul"
    list_display = ["name", "locale", "live"]
    list_filter = ["locale"]


class FooterViewSet(SnippetViewSet):
    model = Footer
    icon = "placeholder"
    list_display = ["__str__", "locale", "live"]
    list_filter = ["locale"]


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    list_display = ["name", "title", "organisation", "locale", "live"]
    list_filter = ["locale"]
    search_fields = ["name", "organisation"]


class SiteContentGroup(SnippetViewSetGroup):
    menu_label = _("Site content")
    menu_icon = "site"
    menu_order = 250
    items = (NavigationMenuViewSet, FooterViewSet, PersonViewSet)


register_snippet(SiteContentGroup)
