"""Admin viewset bases shared by the apps."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import ObjectList, PublishingPanel, extract_panel_definitions_from_model_class
from wagtail.admin.ui.tables import LiveStatusTagColumn, LocaleColumn
from wagtail.snippets.views.snippets import SnippetViewSet


class TranslatableSnippetViewSet(SnippetViewSet):
    """A translatable snippet in the admin: filtered by language, with its language and publishing
    status in the list, and a publishing schedule beside its own fields."""

    list_filter = ["locale"]

    @property
    def list_display(self):
        return [*self.columns, LocaleColumn(), LiveStatusTagColumn()]

    columns: tuple = ("__str__",)

    def get_edit_handler(self):
        panels = getattr(self.model, "panels", None) or extract_panel_definitions_from_model_class(self.model)
        return ObjectList([*panels, PublishingPanel(heading=_("Publishing schedule"))]).bind_to_model(self.model)
