"""Romanisation and slugs (one function for page slugs, form-field keys and file names), and the
order in which names are listed.

Ukrainian follows the official national table (Cabinet of Ministers of Ukraine, resolution no. 55 of
27 January 2010), which differs from what generic transliterators (Django's admin JS, anyascii)
produce: "г" is "h", "зг" is "zgh", and є ї й ю я are written differently at the start of a word.
Norwegian æ ø å become ae o a. Anything else falls back to anyascii.
"""

import re
import unicodedata

from anyascii import anyascii

# Letters whose romanisation depends on being first in a word: (at start, elsewhere).
_UK_POSITIONAL = {
    "є": ("ye", "ie"),
    "ї": ("yi", "i"),
    "й": ("y", "i"),
    "ю": ("yu", "iu"),
    "я": ("ya", "ia"),
}
_UK_TABLE = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "ж": "zh", "з": "z",
    "и": "y", "і": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ь": "", "ʼ": "", "'": "", "’": "",
}  # fmt: skip
_NORWEGIAN = {"æ": "ae", "ø": "o", "å": "a"}
_APOSTROPHES = "ʼ'’"


def _is_word_start(text: str, index: int) -> bool:
    return index == 0 or not (text[index - 1].isalpha() or text[index - 1] in _APOSTROPHES)


def romanise(text: str) -> str:
    """Return `text` in Latin letters, keeping case where the source had it (Київ → Kyiv)."""
    out = []
    for index, char in enumerate(text):
        lower = char.lower()
        if lower in _UK_POSITIONAL:
            latin = _UK_POSITIONAL[lower][0 if _is_word_start(text, index) else 1]
        elif lower == "г" and index > 0 and text[index - 1].lower() == "з":
            latin = "gh"  # зг → zgh, so that it is not read as the digraph "zh"
        elif lower in _UK_TABLE:
            latin = _UK_TABLE[lower]
        elif lower in _NORWEGIAN:
            latin = _NORWEGIAN[lower]
        else:
            out.append(char if char.isascii() else anyascii(char))
            continue
        if char != lower and latin:
            # Capitalise the first letter only: Щ → Shch, Є → Ye; but ЩО (all capitals) → SHCHO.
            next_is_upper = index + 1 < len(text) and text[index + 1].isupper()
            latin = latin.upper() if next_is_upper else latin[0].upper() + latin[1:]
        out.append(latin)
    return "".join(out)


def romanised_words(text: str) -> str:
    """The words of `text` whose romanisation differs from them, romanised, each once: what a page is
    indexed with besides its own text, so that "Kryvyi Rih" finds "Кривий Ріг". Words already in
    Latin letters add nothing, so Norwegian and English text is not indexed twice."""
    words = (romanise(word) for word in re.findall(r"[\w'ʼ’]+", text) if not word.isascii())
    return " ".join(dict.fromkeys(word for word in words if word))


def slugify_ascii(text: str, max_length: int = 255) -> str:
    """An ASCII slug for any title or label: lowercase letters, digits and single hyphens."""
    ascii_text = unicodedata.normalize("NFKD", romanise(str(text))).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:max_length].rstrip("-")


def field_key(label: str) -> str:
    """A stable form-field key: the slug of the label with underscores, usable as a Python name."""
    key = slugify_ascii(label, max_length=60).replace("-", "_")
    return key if key and not key[0].isdigit() else f"field_{key}"


def summarise(text: str, limit: int = 160) -> str:
    """Plain text of at most `limit` characters for a meta description: whitespace collapsed, cut at a
    word boundary and ended with an ellipsis when it is longer."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:–—-") + "…"


# The order of letters a reader looks names up in: digits, the Latin alphabet (æ ø å after z in
# Norwegian), then the Ukrainian alphabet, whose ґ є і ї a code-point sort puts after я.
_LATIN = "abcdefghijklmnopqrstuvwxyz"
_UKRAINIAN = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя"
_LETTER_ORDER = {
    language: {char: position for position, char in enumerate("0123456789" + latin + _UKRAINIAN)}
    for language, latin in (("nb", _LATIN + "æøå"), ("uk", _LATIN), ("en", _LATIN))
}


def name_sort_key(name: str, language: str) -> tuple:
    """Sorts names as a reader of `language` expects, whatever the database's collation: case and
    accents do not count (s2pU among the S's, not after Z; Élan with the E's), the language's own
    letters are in their alphabet's place, and spaces and punctuation come before any letter."""
    order = _LETTER_ORDER.get(language, _LETTER_ORDER["en"])
    key = []
    for char in name.casefold():
        if char in order:
            key.append((1, order[char], 0))
            continue
        base = unicodedata.normalize("NFD", char)[0]
        if base in order:
            key.append((1, order[base], 1))  # é right after e
        elif char.isalnum():
            key.append((2, ord(char), 0))  # a script the site does not list in: after every letter
        else:
            key.append((0, 0, 0))
    return (tuple(key), name)
