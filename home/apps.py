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


def redirects_for_published_pages(create_redirects):
    """Wagtail's automatic redirects on a slug change, except for a page that was never published: it
    had no address anyone could have used. A new translation gets its own slug right after
    wagtail-localize copies the source page, and would otherwise leave a redirect per page."""

    def handler(instance_before, instance, **kwargs):
        if instance_before.first_published_at is None and not instance_before.live:
            return None
        return create_redirects(instance_before=instance_before, instance=instance, **kwargs)

    return handler


class HomeConfig(AppConfig):
    name = "home"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.contrib.auth.models import Group

        import wagtail.contrib.redirects.signal_handlers as redirect_handlers
        import wagtail_localize.models
        from wagtail.models import Page, Site, Task, Workflow
        from wagtail.models.i18n import LocaleManager
        from wagtail.query import PageQuerySet
        from wagtail.workflows import get_task_types

        from . import (
            admin_names,
            chrome_cache,  # noqa: F401  (connects the invalidation signals)
            mail,  # noqa: F401  (registers the check for queued mail of unknown kinds)
            routing,
        )
        from .text import slugify_ascii

        ensure_local_folders()
        admin_names.connect([Group, Workflow, Task, *get_task_types()])
        post_migrate.connect(sync_site_after_migrate, sender=self)
        # After every app's migrate, not only ours: a snippet model's permissions exist once its own app is done.
        post_migrate.connect(grant_translator_snippet_permissions_after_migrate)
        post_save.connect(grant_translator_rights_on_new_home, sender=self.get_model("HomePage"))
        # wagtail-localize passes translated slugs through Django's slugify, which drops every
        # Cyrillic letter; the official romanisation table keeps them as Latin letters instead.
        wagtail_localize.models.slugify = slugify_ascii
        # Wagtail asks the database for every view restriction each time a list calls `.public()`
        # (four times on some pages); the chrome cache keeps the same list until a restriction or a
        # page changes.
        PageQuerySet.private_q = lambda queryset: chrome_cache.private_q()
        # Routing, `Locale.get_active()` and `get_default()` each look a locale up by its code, up to
        # ten times a request; locales change about never.
        LocaleManager.get_for_language = chrome_cache.locale_for_language
        # Two queries to route a request instead of two per level of the path, the Site from the cache.
        Site._find_for_request = staticmethod(routing.find_site_for_request)
        Page.route_for_request = staticmethod(routing.route_for_request)
        Page.route = routing.route
        # Runs before wagtail.contrib.redirects connects its handler, which then connects this one.
        redirect_handlers.autocreate_redirects_on_slug_change = redirects_for_published_pages(
            redirect_handlers.autocreate_redirects_on_slug_change
        )
