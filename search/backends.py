"""Wagtail's database search backend, with PostgreSQL's stemming in each page's own language.

Wagtail's PostgreSQL backend (modelsearch.backends.database.postgres) takes one text search
configuration, `SEARCH_CONFIG`, for indexing and querying alike, and keeps one index row per object.
Here each object with a locale is indexed with its language's configuration (`LANGUAGE_CONFIGS`,
e.g. norwegian for nb, so that "kommunene" and "kommune" share the lexeme "kommun"), and the site's
search (search.views) queries with the reader's language's configuration: `backend_for(language)`.
A search that names no language (the admin) matches the query in every configuration.

On SQLite (FTS5, no stemming) and other databases this is Wagtail's backend unchanged.
"""

from django.conf import settings
from django.db import connection

from wagtail.search.backends import get_search_backend
from wagtail.search.backends.database import SearchBackend as DatabaseSearchBackend


def SearchBackend(params):  # noqa: N802 -- the name Wagtail looks up in a backend module
    if connection.vendor == "postgresql":
        from .postgres import LanguagePostgresSearchBackend

        return LanguagePostgresSearchBackend(params)
    return DatabaseSearchBackend(params)


def language_configs() -> dict[str, str]:
    return settings.WAGTAILSEARCH_BACKENDS["default"].get("LANGUAGE_CONFIGS", {})


def backend_for(language_code: str):
    """The default backend, querying in the text search configuration of `language_code`."""
    config = language_configs().get(language_code)
    return get_search_backend("default", SEARCH_CONFIG=config) if config else get_search_backend("default")
