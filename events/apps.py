from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.signals import page_published

        from outbox.kinds import register_mail_kind
        from privacy.erasure import register_eraser

        from . import front_page, mail
        from .changes import record_programme_changes
        from .retention import erase_registrations

        # Connected here rather than by decorator so that the receiver exists exactly once, however
        # often the module is imported.
        page_published.connect(record_programme_changes, dispatch_uid="events.record_programme_changes")
        register_eraser("registrations", erase_registrations)
        register_mail_kind(mail.REGISTRANT_MAIL, mail.render_registration_mail)
        register_mail_kind(mail.SECRETARIAT_MAIL, mail.render_secretariat_mail)
        front_page.register()
