"""UI strings on a screen in another language than the screen's own.

A text a reader sees (an element's text, a button's value, a tooltip, an aria-label, a placeholder, a
menu label) is foreign when it is, or holds as whole words, a UI string of another language in one of
the catalogues the site runs with (Django's, every installed app's such as Wagtail's and
wagtail-localize's, and ours; both domains, django and djangojs): an English msgid on a Norwegian or
Ukrainian screen, and on a Ukrainian one also a Norwegian translation, because where a Ukrainian one
is missing Django falls back to the default language's (LANGUAGE_CODE, nb). A string with
placeholders ("Submit to %(name)s") matches with anything in their place. Words that read the same in
two languages are listed below; content (page titles, people's names, what editors typed) is left out
by the caller, who knows it.
"""

import functools
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import polib

from django.apps import apps
from django.conf import settings

# Text a reader never sees as text: code, styles, and what they typed themselves.
UNREAD_ELEMENTS = {"script", "style", "textarea", "svg"}
READ_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt", "data-w-tooltip-content-value")
BUTTON_TYPES = {"submit", "button", "reset"}
# JSON the admin's scripts turn into text: script id, and the keys whose values are read.
SCRIPTED_TEXTS = {
    "wagtail-sidebar-props": ("label",),
    "checker-axe-configuration": ("error_name", "help_text"),
}

# Which other languages' UI strings would be foreign on a screen in each language.
FOREIGN = {"nb": ("en",), "uk": ("en", "nb"), "en": ()}
# Words that read the same in another language and this one, and names that are no language's.
# Languages are named in their own language where they are offered (LANGUAGES).
# "None" is what a template prints for an empty value, in a counter Wagtail keeps hidden until it counts.
NAMES = {"Wagtail", "OK", "ID", "URL", "PO", "None", "Norsk", "Українська", "English", "norsk (bokmål)"}
SAME_IN = {
    "nb": NAMES
    | {"Admin", "Administrator", "Alias", "App", "Filter", "Logo", "logo", "Maximum", "Minimum", "Partner", "partner"}
    | {"Permanent", "Person", "person", "Port", "port", "Region", "Send", "Start", "Status", "Status:", "status"}
    | {"Tags", "Type"},
    "uk": NAMES,
}

PLACEHOLDER = re.compile(r"%\([^)]+\)[sdif]|%[sdif]|\{[a-z_0-9]*\}")
TAG = re.compile(r"<[^>]+>")
WORD = re.compile(r"\w[\w'’-]*")


def locale_dirs() -> list[Path]:
    import django

    dirs = [Path(django.__file__).parent / "conf" / "locale"]
    dirs += [Path(config.path) / "locale" for config in apps.get_app_configs()]
    dirs += [Path(path) for path in settings.LOCALE_PATHS]
    return [path for path in dirs if path.is_dir()]


def catalogue_texts(language: str):
    """Every UI string of `language` in the catalogues: the msgids for English, else the translations."""
    for folder in locale_dirs():
        for code in ("en", "nb", "uk") if language == "en" else (language,):
            for domain in ("django", "djangojs"):
                po = folder / code / "LC_MESSAGES" / f"{domain}.po"
                if not po.exists():
                    continue
                for entry in polib.pofile(str(po)):
                    if entry.obsolete:
                        continue
                    if language == "en":
                        yield from filter(None, (entry.msgid, entry.msgid_plural))
                    else:
                        yield from filter(None, [entry.msgstr, *entry.msgstr_plural.values()])


@functools.cache
def translated(language: str, domain: str) -> frozenset:
    """(context, msgid) of every entry the catalogues in use translate into `language`; for "en",
    every entry there is (the libraries' English catalogues hold all their msgids, untranslated)."""
    entries = set()
    for folder in locale_dirs():
        po = folder / language / "LC_MESSAGES" / f"{domain}.po"
        if po.exists():
            entries |= {
                (entry.msgctxt, entry.msgid)
                for entry in polib.pofile(str(po))
                if not entry.obsolete and (language == "en" or entry.translated())
            }
    return frozenset(entries)


@functools.cache
def ui_strings(language: str) -> tuple[frozenset, tuple]:
    """(plain strings, (string, its words, regex) of those with placeholders) of `language`'s UI."""
    plain, templates = set(), set()
    for text in catalogue_texts(language):
        # A string with markup is read in pieces, one per element; a piece of one word ("at", "to")
        # could be any language's.
        pieces = [" ".join(piece.split()) for piece in TAG.split(text)]
        for piece in pieces if len(pieces) == 1 else [piece for piece in pieces if piece.count(" ")]:
            (templates if PLACEHOLDER.search(piece) else plain).add(piece)
    # Django writes a field's verbose name with a capital in its label ("title tag": "Title tag").
    plain = {variant for text in plain if WORD.search(text) for variant in (text, text[0].upper() + text[1:])}
    patterns = []
    for template in templates:
        words = frozenset(word for word in WORD.findall(PLACEHOLDER.sub(" ", template)) if len(word) > 1)
        if not words:  # "%(title)s (%(locale)s)" matches any text
            continue
        parts = [re.escape(part) for part in PLACEHOLDER.split(template)]
        patterns.append((template, words, re.compile("(?:.+?)".join(parts))))
    return frozenset(plain), tuple(patterns)


class ReadableText(HTMLParser):
    """What a reader of a page reads: texts and the attributes they see, and the links they can follow."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts: list[tuple[str, str]] = []
        self.links: list[str] = []
        self.unread_depth = 0
        self.stack: list[str] = []
        self.scripted: tuple = ()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and attributes.get("id") in SCRIPTED_TEXTS:
            self.scripted = SCRIPTED_TEXTS[attributes["id"]]
        if tag in UNREAD_ELEMENTS:
            self.unread_depth += 1
        if tag not in {"br", "img", "input", "meta", "link", "hr", "source", "wbr", "col", "area"}:
            self.stack.append(tag)
        for name in READ_ATTRIBUTES:
            if attributes.get(name):
                self.texts.append((f"{tag}[{name}]", attributes[name]))
        if tag == "input" and attributes.get("type") in BUTTON_TYPES and attributes.get("value"):
            self.texts.append((f"{tag}[value]", attributes["value"]))
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])

    def handle_endtag(self, tag):
        if tag in UNREAD_ELEMENTS:
            self.unread_depth = max(0, self.unread_depth - 1)
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass

    def handle_data(self, data):
        if self.scripted:
            self.read_scripted(json.loads(data), self.scripted)
            self.scripted = ()
            return
        if self.unread_depth:
            return
        text = " ".join(data.split())
        if text:
            self.texts.append((self.stack[-1] if self.stack else "", text))

    def read_scripted(self, data, keys: tuple):
        """Texts the admin's scripts draw from JSON (the menu, the accessibility checker's messages),
        and the links among them."""
        if isinstance(data, dict):
            for key, value in data.items():
                if key in keys and isinstance(value, str):
                    self.texts.append(("script", value))
                elif key == "url" and isinstance(value, str):
                    self.links.append(value)
                else:
                    self.read_scripted(value, keys)
        elif isinstance(data, list):
            for value in data:
                self.read_scripted(value, keys)


def read(html: str) -> ReadableText:
    reader = ReadableText()
    reader.feed(html)
    reader.close()
    return reader


@functools.cache
def vocabulary(language: str) -> frozenset:
    """Every word of `language`'s UI strings."""
    return frozenset(word for text in catalogue_texts(language) for word in WORD.findall(PLACEHOLDER.sub(" ", text)))


def without(content: frozenset, text: str) -> str:
    """`text` with the content it quotes (a page's title in "Edit 'Om oss'") taken out."""
    for one in content:
        if len(one) > 2 and one in text:
            text = text.replace(one, " ")
    return text


def foreign_in(text: str, language: str, content: frozenset = frozenset()) -> str | None:
    """The UI string of another language that `text` is or holds, if any."""
    same = SAME_IN.get(language, set())
    if text in content or text in same:
        return None
    if text.endswith("…") and any(one.startswith(text[:-1]) for one in content):  # a summary, cut short
        return None
    for name in NAMES:  # named as they are inside a sentence too ("Мова сервера: norsk (bokmål)")
        text = text.replace(name, " ")
    words = WORD.findall(text)
    for other in FOREIGN[language]:
        plain, templates = ui_strings(other)
        if text in plain and text not in same:
            return text
        for template, literal_words, pattern in templates:
            if literal_words <= same or (len(literal_words) == 1 and literal_words <= vocabulary(language)):
                continue  # "%(setting)s for %(site)s" would match any Norwegian sentence with "for"
            if pattern.fullmatch(text) and literal_words <= set(WORD.findall(without(content, text))):
                return template
        for size in range(min(len(words), 8), 0, -1):
            for start in range(len(words) - size + 1):
                phrase = " ".join(words[start : start + size])
                if size == 1 and len(phrase) < 3:  # "to", "at", "no": words of several languages
                    continue
                if phrase in plain and phrase not in same and not any(phrase in one for one in content if one in text):
                    return phrase
    return None


def foreign_ui_strings(html: str, language: str, content: frozenset = frozenset()) -> list[tuple[str, str, str]]:
    """(where, text, the other language's UI string) for each one on the page."""
    found = []
    for where, text in read(html).texts:
        string = foreign_in(text, language, content)
        if string is not None:
            found.append((where, text, string))
    return found


# --- The admin, screen by screen -------------------------------------------------------------------

# Not screens of the admin: leaving it, the public page an editor previews, files it sends.
NOT_SCREENS = re.compile(r"/(logout|view_draft|preview|view|export|[a-z-]*-export/[a-z]+)/|/jsi18n/|^/admin/bulk/")


# The forms whose fields differ with the kind of page or snippet; the other screens of a page or a
# snippet (history, usage, delete, copy …) are the same screen whatever the kind.
FORMS = re.compile(r"/(add|add_subpage|edit|create)/")
SNIPPET_MODEL = re.compile(r"snippets/[a-z_]+/[a-z_]+/")


def screen_kind(path: str) -> str | None:
    """What kind of admin screen `path` is: its URL pattern, and for a page's or a snippet's form,
    which kind of page or snippet (a news article's edit view is another screen than an event's).
    None for what is not an admin screen."""
    from django.urls import Resolver404, resolve

    from wagtail.models import Page

    if not path.startswith("/admin/") or NOT_SCREENS.search(path):
        return None
    try:
        match = resolve(path)
    except Resolver404:
        return None
    if FORMS.search(path):
        kind = [match.route]
        for name, value in sorted(match.kwargs.items()):
            if name in {"page_id", "parent_page_id"}:
                page = Page.objects.filter(pk=value).select_related("content_type").first()
                kind.append(page.content_type.model if page else "?")
            elif not str(value).isdigit():
                kind.append(f"{name}={value}")
        return " ".join(kind)
    return SNIPPET_MODEL.sub("snippets/*/", match.route)


def crawl_admin(client, per_kind: int = 1, start: str = "/admin/"):
    """Follow every admin link `client` is shown, from `start`, opening up to `per_kind` screens of each
    kind: yields (path, response, what a reader reads there or None) for each screen opened."""
    from collections import Counter
    from urllib.parse import urlsplit

    opened, refused = Counter(), Counter()
    seen = {start}
    queue = [start]
    while queue:
        path = queue.pop(0)
        kind = screen_kind(path)
        if kind is None or opened[kind] >= per_kind or refused[kind] >= 2:
            continue
        response = client.get(path)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            refused[kind] += 1  # a redirect, a refusal or a file: another screen of this kind may open
            yield path, response, None
            target = urlsplit(response.get("Location", "")).path
            if response.status_code in (301, 302) and target not in seen:
                seen.add(target)
                queue.append(target)
            continue
        opened[kind] += 1
        page = read(response.content.decode())
        yield path, response, page
        for link in page.links:
            target = urlsplit(link).path
            if target not in seen:
                seen.add(target)
                queue.append(target)
