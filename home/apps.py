from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save


def sync_site_after_migrate(sender, **kwargs) -> None:
    from .sites import sync_default_site

    sync_default_site()


def grant_translator_snippet_permissions_after_migrate(sender, **kwargs) -> None:
    from .translation_permissions import grant_translator_snippet_permissions

    grant_translator_snippet_permissions()


def grant_translator_rights_on_new_home(sender, instance, created, raw=False, **kwargs) -> None:
    """A language's home page gets its translators' page rights when it is made: on a fresh database the
    groups (a data migration) exist before any page does."""
    if created and not raw and instance.depth == 2:
        from .translation_permissions import grant_translator_page_permissions

        grant_translator_page_permissions(instance)


class HomeConfig(AppConfig):
    name = "home"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.contrib.auth.models import Group

        from wagtail.models import Task, Workflow
        from wagtail.workflows import get_task_types

        from . import (
            admin_names,
            content_cache,  # noqa: F401  (connects the invalidation signals)
        )

        admin_names.connect([Group, Workflow, Task, *get_task_types()])
        post_migrate.connect(sync_site_after_migrate, sender=self)
        # After every app's migrate, not only ours: a snippet model's permissions exist once its own app is done.
        post_migrate.connect(grant_translator_snippet_permissions_after_migrate)
        post_save.connect(grant_translator_rights_on_new_home, sender=self.get_model("HomePage"))
