"""A "News" item in the admin menu that opens the news list of the editor's language, so that writing
an article does not start with a walk through the page tree."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.sidebar import LinkMenuItem as LinkMenuItemComponent
from wagtail.models import Locale

from .models import NewsIndexPage


class NewsMenuItem(MenuItem):
    def is_shown(self, request):
        return self.index(request) is not None and super().is_shown(request)

    def index(self, request):
        if not hasattr(request, "_news_index"):
            indexes = NewsIndexPage.objects.select_related("locale")
            active = Locale.get_active()
            request._news_index = indexes.filter(locale=active).first() or indexes.first()
        return request._news_index

    def render_component(self, request):
        url = reverse("wagtailadmin_explore", args=[self.index(request).pk])
        return LinkMenuItemComponent(
            self.name, self.label, url, icon_name=self.icon_name, classname=self.classname, attrs=self.attrs
        )


@hooks.register("register_admin_menu_item")
def register_news_menu_item():
    return NewsMenuItem(_("News"), reverse("wagtailadmin_explore_root"), icon_name="doc-full", order=250)
