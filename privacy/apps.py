from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    """Personal data: who may see it (the Secretariat), how long it is kept, how it is exported and
    how one person is erased everywhere (docs/ops.md)."""

    name = "privacy"
    default_auto_field = "django.db.models.BigAutoField"
