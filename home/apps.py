import logging
from pathlib import Path

from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import post_migrate

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


class HomeConfig(AppConfig):
    name = "home"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import (
            content_cache,  # noqa: F401  (connects the invalidation signals)
            frontend_purge,  # noqa: F401  (connects the front cache's purges)
            mail,  # noqa: F401  (registers the check for queued mail of unknown kinds)
            reference_index,
            release,  # noqa: F401  (notes when this process started serving)
        )

        ensure_local_folders()
        post_migrate.connect(sync_site_after_migrate, sender=self)
        reference_index.connect()
