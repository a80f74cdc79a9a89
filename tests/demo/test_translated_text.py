"""A reader of the uk or en demo sees no Norwegian sentence: every page of the uk and en sitemaps is
read as a visitor reads it, and no sentence of its visible text is also on the nb version of the same
page, unless the translation's own data files keep it (a name such as "Support to the people of
Ukraine")."""

import re
from html.parser import HTMLParser

import pytest

from demo import data

pytestmark = pytest.mark.django_db

TRANSLATIONS = ("uk", "en")
# Shown in the sitemap of their language; the one scheduled article is not live yet.
PAGE_KEYS = [
    spec["key"]
    for section in data.SECTIONS
    for spec in data.source(section).get("pages", [])
    if "go_live_at" not in spec
]
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_UNSEEN = {"head", "script", "style", "template", "noscript", "svg"}
_PUNCTUATION = ".,:;!?«»“”\"'()[]–—-…"


class VisibleText(HTMLParser):
    """The text runs of a page as a reader sees them, each element's own text apart, leaving out what
    is marked as being in another language (the language switcher, the link to the original)."""

    def __init__(self, language: str):
        super().__init__(convert_charrefs=True)
        self.language = language
        self.stack: list[tuple[str, bool]] = []
        self.runs: list[str] = []
        self.current: list[str] = []

    def flush(self):
        text = " ".join("".join(self.current).split())
        if text:
            self.runs.append(text)
        self.current = []

    def handle_starttag(self, tag, attrs):
        self.flush()
        if tag in _VOID:
            return
        attributes = dict(attrs)
        other_language = bool(attributes.get("lang")) and attributes["lang"].split("-")[0] != self.language
        hidden = tag in _UNSEEN or "hidden" in attributes or other_language
        self.stack.append((tag, hidden or bool(self.stack and self.stack[-1][1])))

    def handle_endtag(self, tag):
        self.flush()
        if any(open_tag == tag for open_tag, _hidden in self.stack):
            while self.stack and self.stack.pop()[0] != tag:
                pass

    def handle_data(self, text):
        if not (self.stack and self.stack[-1][1]):
            self.current.append(text)


def visible_runs(html: str, language: str) -> list[str]:
    parser = VisibleText(language)
    parser.feed(html)
    parser.close()
    parser.flush()
    return parser.runs


def is_sentence(run: str) -> bool:
    """Words a translator translates: three words or more, one of them not a capitalised name (so
    "Jonas Andersen Sayed", "Kristiansand – Mykolaiv", "91 10 60 45" and an address are not)."""
    words = [token.strip(_PUNCTUATION) for token in run.split()]
    words = [word for word in words if word.isalpha()]
    return len(words) >= 3 and any(word[0].islower() for word in words)


def strings_of(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in strings_of(item)]
    if isinstance(value, list):
        return [text for item in value for text in strings_of(item)]
    return []


def kept_by_translator(language: str) -> str:
    """Every text of the language's data files, tags removed: what a translator chose to write."""
    texts = [text for section in data.SECTIONS for text in strings_of(data.translation(language, section))]
    return " ".join(" ".join(re.sub(r"<[^>]+>", " ", text).split()) for text in texts)


@pytest.fixture(scope="module")
def sitemap(_demo_site_ids, django_db_blocker):
    """{address in the sitemap: the address of its nb version}, for the uk and en pages."""
    from django.test import Client

    with django_db_blocker.unblock():
        xml = Client().get("/sitemap.xml").content.decode()
    pages = {}
    for entry in re.findall(r"<url>(.*?)</url>", xml, re.S):
        address = re.sub(r"^https?://[^/]+", "", re.search(r"<loc>([^<]+)</loc>", entry)[1])
        nb = re.search(r'hreflang="nb" href="([^"]+)"', entry)
        if address.split("/")[1] in TRANSLATIONS and nb:
            pages[address] = re.sub(r"^https?://[^/]+", "", nb[1])
    return pages


def addresses_of(page_url: str, all_page_urls: set[str], sitemap: dict) -> list[str]:
    """The sitemap's addresses that belong to the page: its own and its routes (a programme, the
    stories list), not those of a page below it."""
    owned = []
    for address in sitemap:
        owner = max((url for url in all_page_urls if address.startswith(url)), key=len, default=None)
        if owner == page_url:
            owned.append(address)
    return owned


@pytest.mark.parametrize("key", PAGE_KEYS)
@pytest.mark.parametrize("language", TRANSLATIONS)
def test_no_norwegian_sentence_on_a_translated_page(client, demo_site, sitemap, language, key):
    page_urls = {page.url for page in demo_site[language].values() if page.live}
    addresses = addresses_of(demo_site[language][key].url, page_urls, sitemap)
    assert demo_site[language][key].url in addresses, "every live demo page is in its sitemap"
    kept = kept_by_translator(language)
    for address in addresses:
        page = client.get(address)
        assert page.status_code == 200, address
        norwegian = set(visible_runs(client.get(sitemap[address]).content.decode(), "nb"))
        leaked = [
            run
            for run in visible_runs(page.content.decode(), language)
            if run in norwegian and is_sentence(run) and run not in kept
        ]
        assert not leaked, (address, leaked)
