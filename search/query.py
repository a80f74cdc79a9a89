"""What a reader's words are searched as: the words themselves, romanised, and every other spelling
of a place name they contain (search.aliases), so that "Kiev", "Kyiv" and "Київ" find the same pages
in every language."""

import re
import unicodedata
from functools import cache

from wagtail.search.query import Or, PlainText

from home.text import romanise

from .aliases import PLACE_NAMES

MAX_QUERY_LENGTH = 200
# Each variant is one more OR-ed branch of the full-text query; a query naming several places should
# not grow without bound.
MAX_VARIANTS = 12
WORD = re.compile(r"\w+")


def unsearchable(char: str) -> bool:
    """Whether the search backends cannot take `char` inside a word. Control characters (NUL among
    them) end a string early in SQLite and are refused by PostgreSQL; a double quote inside a term
    breaks the FTS5 query that Wagtail's database backend builds on SQLite ("unterminated string").
    Neither carries meaning for a word search."""
    return char == '"' or unicodedata.category(char) == "Cc"


def clean_query(raw: str) -> str:
    """The visitor's words as the search backend can take them: unsearchable characters become spaces."""
    text = "".join(" " if unsearchable(char) else char for char in raw)
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


@cache
def _spelling_patterns() -> tuple[tuple[re.Pattern, tuple[str, ...]], ...]:
    """(pattern matching any spelling of a place as whole words, all its spellings), longest spelling
    first within each group so that "Krivoy Rog" is replaced whole."""
    patterns = []
    for group in PLACE_NAMES:
        spellings = sorted({*group, *(romanise(name) for name in group)}, key=len, reverse=True)
        alternatives = "|".join(re.escape(spelling) for spelling in spellings)
        patterns.append((re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE), tuple(spellings)))
    return tuple(patterns)


def query_variants(query: str) -> list[str]:
    """The query, its romanisation, and the same with each place name written in each of its
    spellings; without repeats, the query itself first."""
    # anyascii turns some characters into the quotes and controls clean_query removes (“ → ").
    variants = list(dict.fromkeys(filter(None, [query, clean_query(romanise(query))])))
    for pattern, spellings in _spelling_patterns():
        for variant in list(variants):
            if pattern.search(variant):
                for spelling in spellings:
                    variants.append(clean_query(pattern.sub(lambda _match, name=spelling: name, variant)))
        variants = list(dict.fromkeys(variants))
    return variants[:MAX_VARIANTS]


def search_query(query: str):
    """The backend query: all words of one variant, any of the variants; None when no variant has a
    word to search for (punctuation only, or a soft sign that romanises to nothing)."""
    variants = [PlainText(variant, operator="and") for variant in query_variants(query) if WORD.search(variant)]
    if not variants:
        return None
    return variants[0] if len(variants) == 1 else Or(variants)


def match_keys(query: str) -> frozenset[str]:
    """The words of every variant, romanised and case-folded: a word of a page's text is a match when
    its own key is one of these (search.excerpt.highlight)."""
    keys = (word_key(word) for variant in query_variants(query) for word in WORD.findall(variant))
    return frozenset(key for key in keys if key)


def word_key(word: str) -> str:
    return romanise(word).casefold()
