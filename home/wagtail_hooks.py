from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from .models import Footer, NavigationMenu, Person
from .viewsets import TranslatableSnippetViewSet


class NavigationMenuViewSet(TranslatableSnippetViewSet):
    model = NavigationMenu
    icon = "list-ul"
    columns = ("name",)


class FooterViewSet(TranslatableSnippetViewSet):
    model = Footer
    icon = "placeholder"


class PersonViewSet(TranslatableSnippetViewSet):
    model = Person
    icon = "user"
    columns = ("name", "title", "organisation")
    search_fields = ["name", "organisation"]


class SiteContentGroup(SnippetViewSetGroup):
    menu_label = _("Site content")
    menu_icon = "site"
    menu_order = 250
    items = (NavigationMenuViewSet, FooterViewSet, PersonViewSet)


register_snippet(SiteContentGroup)
