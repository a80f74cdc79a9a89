from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        import wagtail_localize.models

        from . import (
            chrome_cache,  # noqa: F401  (connects the invalidation signals)
            mail,  # noqa: F401  (registers the check for queued mail of unknown kinds)
        )
        from .text import slugify_ascii

        # wagtail-localize passes translated slugs through Django's slugify, which drops every
        # Cyrillic letter; the official romanisation table keeps them as Latin letters instead.
        wagtail_localize.models.slugify = slugify_ascii
