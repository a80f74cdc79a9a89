from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

SECRETARIAT_GROUP = "Secretariat"
SECRETARIAT_PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin"),
    ("events", "registration", "view_registration"),
    ("events", "registration", "change_registration"),
]


def ensure_secretariat_group(sender=None, using="default", **kwargs):
    """The group that alone sees registrations (and Wagtail's form submissions). Created after every
    migrate, also on a fresh or flushed database, so that it always exists with these permissions."""
    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission

    # This app's post_migrate runs before auth's has created its permissions; create them first.
    create_permissions(apps.get_app_config("events"), verbosity=0, using=using)
    group, _created = Group.objects.using(using).get_or_create(name=SECRETARIAT_GROUP)
    for app_label, _model, codename in SECRETARIAT_PERMISSIONS:
        permission = Permission.objects.using(using).filter(content_type__app_label=app_label, codename=codename)
        group.permissions.add(*permission)


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.signals import page_published

        from home.erasure import register_eraser
        from home.mail import register_mail_kind

        from . import registration
        from .changes import record_programme_changes
        from .retention import erase_registrations

        # Connected here rather than by decorator so that the receiver exists exactly once, however
        # often the module is imported.
        page_published.connect(record_programme_changes, dispatch_uid="events.record_programme_changes")
        post_migrate.connect(ensure_secretariat_group, sender=self)
        register_eraser("registrations", erase_registrations)
        register_mail_kind(registration.REGISTRANT_MAIL, registration.render_registration_mail)
        register_mail_kind(registration.SECRETARIAT_MAIL, registration.render_secretariat_mail)
