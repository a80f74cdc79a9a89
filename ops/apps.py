import logging
from pathlib import Path

from django.apps import AppConfig
from django.conf import settings

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


class OpsConfig(AppConfig):
    """Running the site: backups, health, the page cache and the front cache's purges, the task
    worker, the release served (docs/deployment.md, docs/ops.md)."""

    name = "ops"

    def ready(self):
        from . import (
            frontend_purge,  # noqa: F401  (connects the front cache's purges)
            reference_index,
            release,  # noqa: F401  (notes when this process started serving)
        )

        ensure_local_folders()
        reference_index.connect()
