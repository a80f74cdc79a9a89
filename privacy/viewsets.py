"""Admin viewset bases for the Secretariat's records: only the Secretariat sees them, and their exports
carry no spreadsheet formulas."""

import datetime

from django.core.exceptions import FieldDoesNotExist
from django.db import models

from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import policy_registry, register_permission_policy

from home.admin_display import RestrictedAdminPage

from .exports import export_time, neutralise, xlsx_text, zoned_heading
from .secretariat import may_handle_personal_data, secretariat_policy


class SafeSpreadsheetExportMixin:
    """Wagtail's listing export with formulas kept out of what visitors typed: in CSV a value that
    starts with = + - @ a tab or a carriage return gets a leading apostrophe, and the file starts
    with a byte-order mark so that Excel reads UTF-8 (Cyrillic, æøå); in XLSX text cells lose the
    control characters the format forbids (Wagtail already writes them as text, never "f"). Times
    are in the admin's zone, which their column's heading names (Wagtail wrote UTC), as the
    registrations' export writes them (privacy/exports.py)."""

    def get_heading(self, queryset, field):
        heading = super().get_heading(queryset, field)
        try:
            is_time = isinstance(queryset.model._meta.get_field(field), models.DateTimeField)
        except FieldDoesNotExist:
            is_time = False
        return zoned_heading(heading) if is_time else heading

    def preprocess_field_value(self, field, value, export_format):
        if isinstance(value, datetime.datetime):
            value = export_time(value)
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV:
            return neutralise(value)
        return xlsx_text(value) if isinstance(value, str) else value

    def stream_csv(self, queryset):
        yield "\ufeff"
        yield from super().stream_csv(queryset)


class SecretariatIndexView(SafeSpreadsheetExportMixin, IndexView):
    pass


class SecretariatViewSet(ModelViewSet):
    """Records of what visitors sent (registrations, partnership interest): only the Secretariat (and
    superusers) may see, change and export them; nobody adds them by hand. They are listed under the
    Secretariat menu and exported through the formula-safe export."""

    add_to_admin_menu = False
    index_view_class = SecretariatIndexView
    copy_view_enabled = False
    inspect_view_enabled = True
    export_filename = "export"

    def register_permissions(self):
        # Registered as Wagtail 8 asks (not by overriding `permission_policy`), before the base
        # viewset would create the default policy that lets anyone with model permissions in.
        if not policy_registry.get_by_type(self.model, fallback=False):
            register_permission_policy(self.model, secretariat_policy(self.model), exact_class=True)
        super().register_permissions()


class SecretariatView(RestrictedAdminPage):
    """An admin page of the Secretariat's own (counts, case work): refused to everyone else."""

    def may_enter(self, user) -> bool:
        return may_handle_personal_data(user)
