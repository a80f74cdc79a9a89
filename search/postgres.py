"""PostgreSQL full-text search with a text search configuration per language (see search.backends)."""

import copy
from collections import defaultdict

from modelsearch.backends.database.postgres.postgres import (
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)

from django.conf import settings

from wagtail.models import Locale


def language_configs() -> dict[str, str]:
    return settings.WAGTAILSEARCH_BACKENDS["default"].get("LANGUAGE_CONFIGS", {})


# Objects without a language (images, documents, other snippets) are indexed without stemming.
UNSTEMMED = "simple"


class LanguageIndex(PostgresIndex):
    def add_items(self, model, objs):
        """Index each object in the configuration of its language: one insert per configuration."""
        configs = self.backend.language_configs
        languages = dict(Locale.objects.values_list("pk", "language_code")) if configs else {}
        groups = defaultdict(list)
        for obj in objs:
            language = languages.get(getattr(obj, "locale_id", None))
            groups[configs.get(language, UNSTEMMED)].append(obj)
        backend = self.backend
        try:
            for config, group in groups.items():
                # ObjectIndexer reads the configuration from the backend it is given.
                self.backend = copy.copy(backend)
                self.backend.config = config
                super().add_items(model, group)
        finally:
            self.backend = backend


class LanguageQueryCompiler(PostgresSearchQueryCompiler):
    def build_tsquery(self, query, config=None):
        """Without a language, the query in every configuration the index was written in, OR-ed: an
        nb page's "kommun" is then found by "kommunene" as well as an uk page's "громади"."""
        if config is not None:
            return super().build_tsquery(query, config=config)
        configs = dict.fromkeys([UNSTEMMED, *language_configs().values()])
        combined = None
        for each in configs:
            tsquery = super().build_tsquery(query, config=each)
            if tsquery is not None:
                combined = tsquery if combined is None else combined | tsquery
        return combined


class LanguagePostgresSearchBackend(PostgresSearchBackend):
    index_class = LanguageIndex
    query_compiler_class = LanguageQueryCompiler

    def __init__(self, params):
        super().__init__(params)
        self.language_configs = dict(params.get("LANGUAGE_CONFIGS", {}))
