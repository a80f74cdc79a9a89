import logging
from pathlib import Path

from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import post_migrate, post_save

logger = logging.getLogger("s2pu")


def local_folders() -> list[Path]:
    """Every folder on this machine that the settings point at: the var folder, each SQLite database's
    folder, media, the mail folder of the file backend, the file cache and collected static files."""
    folders = [Path(settings.VAR_DIR), Path(settings.STATIC_ROOT)]
    for database in settings.DATABASES.values():
        name = str(database.get("NAME") or "")
        if database["ENGINE"].endswith("sqlite3") and name and name != ":memory:" and not name.startswith("file:"):
            folders.append(Path(name).parent)
        test_name = str((database.get("TEST") or {}).get("NAME") or "")
        if database["ENGINE"].endswith("sqlite3") and test_name and test_name != ":memory:":
            folders.append(Path(test_name).parent)
    if settings.STORAGES["default"]["BACKEND"].endswith("FileSystemStorage"):
        folders.append(Path(settings.MEDIA_ROOT))
    if settings.EMAIL_BACKEND.endswith("filebased.EmailBackend"):
        folders.append(Path(settings.EMAIL_FILE_PATH))
    for cache in settings.CACHES.values():
        if cache["BACKEND"].endswith("FileBasedCache"):
            folders.append(Path(cache["LOCATION"]))
    return folders


def ensure_local_folders() -> None:
    # Before anything opens them: SQLite cannot create the folder of its database file, and a fresh
    # clone has no var/ at all.
    for folder in local_folders():
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:  # a read-only image where the operator made the folders elsewhere
            logger.warning("cannot create %s: %s", folder, error)


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
            frontend_purge,  # noqa: F401  (connects the front cache's purges)
            mail,  # noqa: F401  (registers the check for queued mail of unknown kinds)
            reference_index,
            release,  # noqa: F401  (notes when this process started serving)
        )

        ensure_local_folders()
        admin_names.connect([Group, Workflow, Task, *get_task_types()])
        post_migrate.connect(sync_site_after_migrate, sender=self)
        # After every app's migrate, not only ours: a snippet model's permissions exist once its own app is done.
        post_migrate.connect(grant_translator_snippet_permissions_after_migrate)
        post_save.connect(grant_translator_rights_on_new_home, sender=self.get_model("HomePage"))
        reference_index.connect()
