from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

# Only the Secretariat group (events.apps) sees and works on partnership interest cases.
SECRETARIAT_CASE_PERMISSIONS = [
    ("partnerships", "interestcase", "view_interestcase"),
    ("partnerships", "interestcase", "change_interestcase"),
]


def grant_secretariat_case_permissions(sender=None, using="default", **kwargs):
    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission

    from home.secretariat import SECRETARIAT_GROUP

    create_permissions(apps.get_app_config("partnerships"), verbosity=0, using=using)
    group, _created = Group.objects.using(using).get_or_create(name=SECRETARIAT_GROUP)
    for app_label, _model, codename in SECRETARIAT_CASE_PERMISSIONS:
        group.permissions.add(
            *Permission.objects.using(using).filter(content_type__app_label=app_label, codename=codename)
        )


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = _("Partnerships")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from home.erasure import register_eraser
        from home.mail import register_mail_kind

        from . import interest

        post_migrate.connect(grant_secretariat_case_permissions, sender=self)
        register_eraser("interest cases", interest.erase_person)
        register_mail_kind(interest.CONFIRMATION_MAIL, interest.render_confirmation)
        register_mail_kind(interest.SECRETARIAT_MAIL, interest.render_secretariat)
