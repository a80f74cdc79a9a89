from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = _("Partnerships")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from outbox.kinds import register_mail_kind
        from privacy.erasure import register_eraser

        from . import front_page, mail, pipeline
        from .models.cases import CONFIRMATION_MAIL, SECRETARIAT_MAIL

        register_eraser("interest cases", pipeline.erase_person)
        register_mail_kind(CONFIRMATION_MAIL, mail.render_confirmation)
        register_mail_kind(SECRETARIAT_MAIL, mail.render_secretariat)
        register_mail_kind(mail.DRAFT_PROFILE_MAIL, mail.render_draft_profile)
        front_page.register()
