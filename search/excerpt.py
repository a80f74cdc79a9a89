"""The text shown under a search result: the page's summary, or the part of its text where the
reader's words occur, with those words marked."""

import re

from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from wagtail.blocks import ChoiceBlock, ChooserBlock, ListBlock, StreamBlock, StructBlock
from wagtail.fields import StreamValue
from wagtail.models import Page

from home import content_cache

from .query import word_key

EXCERPT_WORDS = 30
# Words shown before the first match when the excerpt starts inside a longer text.
LEAD_WORDS = 5
# A word shorter than this is marked only when it is the reader's word exactly: "i" must not mark
# every word that starts with an i.
MIN_STEM = 4
# What a page says about itself, best first; every page type has some of these.
SUMMARY_FIELDS = ("search_description", "intro", "summary")
BODY_FIELDS = ("body", "description")
WORD = re.compile(r"\w+")


def page_texts(page) -> list[str]:
    """The page's texts that can be shown as an excerpt, in plain text, best first."""
    texts = []
    for name in SUMMARY_FIELDS:
        text = getattr(page, name, "")
        if isinstance(text, str) and text.strip():
            texts.append(" ".join(strip_tags(text).split()))
    for name in BODY_FIELDS:
        value = getattr(page, name, None)
        if isinstance(value, StreamValue):
            text = " ".join(stored_searchable_content(value.stream_block, list(value.raw_data)))
        elif isinstance(value, str):
            text = strip_tags(value)
        else:
            continue
        if text.strip():
            texts.append(" ".join(text.split()))
    return texts


def texts_of(pages) -> dict[int, list[str]]:
    """{page pk: its texts (page_texts)} for a list of results, kept in the content cache until content
    changes: the results then need only the rows the search read, not each page type's own table."""

    def read(ids):
        return {page.pk: page_texts(page) for page in Page.objects.filter(pk__in=ids).specific()}

    return content_cache.get_or_set_many("search-texts", "", [page.pk for page in pages], read)


def stored_searchable_content(block, raw) -> list[str]:
    """What `block.get_searchable_content` gives, read from the stored value `raw`: a chooser (page,
    image, document) gives no text, so its object is never fetched, where Wagtail's would fetch the
    chosen objects of every result in a query of its own. Nor does a choice: its label is an editor's
    setting (a heading's "Level 2"), not text a reader should meet in the middle of an excerpt."""
    if not getattr(block, "search_index", True) or isinstance(block, ChooserBlock | ChoiceBlock):
        return []
    if isinstance(block, StreamBlock):
        return [
            text
            for child in raw or []
            if child.get("type") in block.child_blocks
            for text in stored_searchable_content(block.child_blocks[child["type"]], child.get("value"))
        ]
    if isinstance(block, StructBlock):
        raw = raw or {}
        return [
            text
            for name, child in block.child_blocks.items()
            for text in (
                stored_searchable_content(child, raw[name])
                if name in raw
                else child.get_searchable_content(child.get_default())
            )
        ]
    if isinstance(block, ListBlock):
        # Stored as [{"type": "item", "value": …, "id": …}, …], or as bare values before Wagtail 2.16.
        items = [item["value"] if isinstance(item, dict) and item.get("type") == "item" else item for item in raw or []]
        return [text for item in items for text in stored_searchable_content(block.child_block, item)]
    return block.get_searchable_content(block.to_python(raw))


def excerpt(page, words: int = EXCERPT_WORDS) -> str:
    """The page's search description, else its introduction or summary, else the start of its body
    text: plain text (tags stripped), at most `words` words, in the page's own language."""
    texts = page_texts(page)
    return Truncator(texts[0]).words(words) if texts else ""


def is_match(word: str, keys: frozenset[str]) -> bool:
    """Whether a word of the text is one of the reader's words, in any script, or a form of it
    (kommune ~ kommunene, as PostgreSQL's stemming finds them)."""
    key = word_key(word)
    if key in keys:
        return True
    return len(key) >= MIN_STEM and any(
        len(other) >= MIN_STEM and (key.startswith(other) or other.startswith(key)) for other in keys
    )


def highlighted_excerpt(texts: list[str], keys: frozenset[str], words: int = EXCERPT_WORDS) -> SafeString:
    """The first of a page's texts (page_texts) where one of the reader's words occurs (else its first
    text), cut to `words` words around the first match, HTML-escaped, with each match in <mark>."""
    if not texts:
        return mark_safe("")
    for text in texts:
        tokens = text.split(" ")
        first = next((i for i, token in enumerate(tokens) if any(is_match(w, keys) for w in WORD.findall(token))), None)
        if first is not None:
            break
    else:
        tokens, first = texts[0].split(" "), 0
    start = max(0, first - LEAD_WORDS) if first >= words - LEAD_WORDS else 0
    shown = tokens[start : start + words]
    before = "…" if start else ""
    after = "…" if start + words < len(tokens) else ""
    return highlight(before + " ".join(shown) + after, keys)


def highlight(text: str, keys: frozenset[str]) -> SafeString:
    """`text` HTML-escaped, with each word that matches one of `keys` in <mark>."""
    out, position = [], 0
    for match in WORD.finditer(text):
        if is_match(match.group(), keys):
            out.append(escape(text[position : match.start()]))
            out.append(f"<mark>{escape(match.group())}</mark>")
            position = match.end()
    out.append(escape(text[position:]))
    # A name of several words is one mark: "<mark>Kryvyi Rih</mark>".
    marked = re.sub(r"</mark>(\s+)<mark>", r"\1", "".join(out))
    return mark_safe(marked)  # noqa: S308 -- every piece of the page's text is escaped above
