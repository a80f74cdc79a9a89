from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.signals import page_published

        from .changes import record_programme_changes

        # Connected here rather than by decorator so that the receiver exists exactly once, however
        # often the module is imported.
        page_published.connect(record_programme_changes, dispatch_uid="events.record_programme_changes")
