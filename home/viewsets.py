"""Admin viewset bases shared by the apps: translatable snippets. The Secretariat's records have theirs
in privacy/viewsets.py."""

from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import ObjectList, PublishingPanel, extract_panel_definitions_from_model_class
from wagtail.admin.ui.tables import LiveStatusTagColumn, LocaleColumn
from wagtail.snippets.views.snippets import SnippetViewSet


class BaseSnippetViewSet(SnippetViewSet):
    """Wagtail's, with the breadcrumbs' first item named per request: Wagtail names it when the
    viewset is registered, so everyone read it in the language of that moment."""

    @property
    def breadcrumbs_items(self):
        return [{"url": reverse_lazy("wagtailadmin_home"), "label": _("Home")}, *super().breadcrumbs_items[1:]]


class TranslatableSnippetViewSet(BaseSnippetViewSet):
    """A translatable snippet in the admin: filtered by language, with its language and publishing
    status in the list, and a publishing schedule beside its own fields."""

    list_filter = ["locale"]

    @property
    def list_display(self):
        # Lazy labels: Wagtail's defaults are translated when the column is made, at start-up, in English.
        return [*self.columns, LocaleColumn(label=_("Locale")), LiveStatusTagColumn(label=_("Status"))]

    columns: tuple = ("__str__",)

    def get_edit_handler(self):
        panels = getattr(self.model, "panels", None) or extract_panel_definitions_from_model_class(self.model)
        return ObjectList([*panels, PublishingPanel(heading=_("Publishing schedule"))]).bind_to_model(self.model)
