from django.apps import AppConfig
from django.db.models.signals import post_migrate


def sync_site_after_migrate(sender, **kwargs) -> None:
    from .sites import sync_default_site

    sync_default_site()


class HomeConfig(AppConfig):
    name = "home"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import content_cache  # noqa: F401  (connects the invalidation signals)

        post_migrate.connect(sync_site_after_migrate, sender=self)
