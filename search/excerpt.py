"""The text shown under a search result. One function, so that highlighting can wrap it later."""

from django.utils.html import strip_tags
from django.utils.text import Truncator

from wagtail.fields import StreamValue

EXCERPT_WORDS = 30
# What a page says about itself, best first; every page type has some of these.
SUMMARY_FIELDS = ("search_description", "intro", "summary")
BODY_FIELDS = ("body", "description")


def excerpt(page, words: int = EXCERPT_WORDS) -> str:
    """The page's search description, else its introduction or summary, else the start of its body
    text: plain text (tags stripped), at most `words` words, in the page's own language."""
    for name in SUMMARY_FIELDS:
        text = getattr(page, name, "")
        if isinstance(text, str) and text.strip():
            return Truncator(strip_tags(text)).words(words)
    for name in BODY_FIELDS:
        value = getattr(page, name, None)
        if isinstance(value, StreamValue):
            text = " ".join(value.stream_block.get_searchable_content(value))
        elif isinstance(value, str):
            text = strip_tags(value)
        else:
            continue
        if text.strip():
            return Truncator(" ".join(text.split())).words(words)
    return ""
