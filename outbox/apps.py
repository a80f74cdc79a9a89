from django.apps import AppConfig


class OutboxConfig(AppConfig):
    """Every mail the site sends: written to the outbox in the transaction that causes it, rendered by
    its kind and sent by the task worker (docs/ops.md)."""

    name = "outbox"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import kinds  # noqa: F401  (registers the check for queued mail of unknown kinds)
