"""The public site in a real browser: languages and the language switcher, the fallback for an
untranslated page, keyboard use, accessibility (axe-core, WCAG 2.1 A and AA) and narrow screens."""

import re
from urllib.parse import urlsplit

import pytest

from django.conf import settings

from demo import data

from .accessibility import check_accessibility

pytestmark = pytest.mark.e2e

LANGUAGES = ("nb", "uk", "en")
LANGUAGE_NAMES = {"nb": "Norsk", "uk": "Українська", "en": "English"}
URLS = {
    "home": {"nb": "/nb/", "uk": "/uk/", "en": "/en/"},
    "about": {"nb": "/nb/om-samarbeidet/", "uk": "/uk/pro-spivpratsiu/", "en": "/en/about-the-cooperation/"},
    "privacy": {"nb": "/nb/personvern/", "uk": "/uk/konfidentsiinist/", "en": "/en/privacy/"},
}


def demo_title(key: str, language: str) -> str:
    """The title the demo data files give page `key` in `language`."""
    for section in data.SECTIONS:
        for spec in data.source(section).get("pages", []):
            if spec["key"] == key:
                if language == data.SOURCE:
                    return spec["title"]
                return data.translation(language, section)["pages"][key].get("title", spec["title"])
    raise KeyError(key)


# Where focus is and whether it shows: a focus indicator is an outline or a box-shadow.
FOCUS_STATE = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    return {
        element: el.outerHTML.slice(0, 120),
        id: el.id,
        classes: el.className,
        text: (el.textContent || "").trim(),
        inHeader: !!el.closest("header"),
        inMain: !!el.closest("main"),
        inSwitcher: !!el.closest(".language-switcher"),
        inMainNav: !!el.closest(".main-nav"),
        indicator: (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none",
        onScreen: box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0
            && box.top < window.innerHeight && box.left < window.innerWidth,
    };
}"""


def path_of(page) -> str:
    return urlsplit(page.url).path


def switcher_link(page, code):
    return page.locator(f'nav.language-switcher a[lang="{code}"]')


def expect_page(page, language, key):
    """The browser shows the `key` demo page in `language`, and the page says which language it is in."""
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("h1").inner_text().strip() == demo_title(key, language)


def tab(page) -> dict | None:
    page.keyboard.press("Tab")
    return page.evaluate(FOCUS_STATE)


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_page_in_each_language(page, language):
    assert page.goto(URLS["home"][language]).status == 200
    expect_page(page, language, "home")
    assert page.locator("h1").count() == 1

    switcher = page.locator("nav.language-switcher")
    assert switcher.get_attribute("aria-label")
    assert switcher.locator("a").count() == len(LANGUAGES)
    for code in LANGUAGES:
        link = switcher_link(page, code)
        assert link.inner_text().strip() == LANGUAGE_NAMES[code]
        if code == language:
            assert link.get_attribute("aria-current") == "true"
            assert link.get_attribute("href") == URLS["home"][code]
        else:
            assert link.get_attribute("aria-current") is None
            assert link.get_attribute("hreflang") == code
            assert link.get_attribute("href") == f"/language/{code}/?next=%2F{code}%2F"
            assert link.get_attribute("data-untranslated") is None


@pytest.mark.parametrize("key", ["home", "about"])
def test_switching_language_with_the_switcher(page, context, key):
    page.goto(URLS[key]["nb"])
    expect_page(page, "nb", key)

    for language in ("uk", "en"):
        with page.expect_navigation():
            switcher_link(page, language).click()
        assert path_of(page) == URLS[key][language]
        expect_page(page, language, key)
        assert switcher_link(page, language).get_attribute("aria-current") == "true"
        cookies = {cookie["name"]: cookie["value"] for cookie in context.cookies()}
        assert cookies.get(settings.LANGUAGE_COOKIE_NAME) == language, cookies


def test_untranslated_page_falls_back_to_the_source_with_a_notice(page, site, axe):
    site["en"]["privacy"].unpublish()

    page.goto(URLS["privacy"]["uk"])
    english = switcher_link(page, "en")
    assert english.get_attribute("data-untranslated") == "true"

    statuses = []
    page.on("response", lambda response: statuses.append((response.status, response.url)))
    with page.expect_navigation():
        english.click()

    assert all(status < 400 for status, _url in statuses), statuses
    assert re.search(r"/nb/personvern/\?requested=en$", page.url), page.url
    expect_page(page, "nb", "privacy")  # Norwegian text, and <html lang="nb"> says so
    notice = page.locator(".notice--language")
    assert notice.is_visible()
    assert notice.get_attribute("lang") == "en"
    assert "This page has not been translated into your language yet." in notice.inner_text()
    assert notice.locator("a").get_attribute("href") == URLS["home"]["en"]
    check_accessibility(page, axe, page.url)


def test_keyboard_only_navigation(page):
    page.goto(URLS["home"]["nb"])

    # The first Tab from the top of the page lands on the skip link, which then shows on screen.
    first = tab(page)
    assert first and first["classes"] == "skip-link", first
    assert first["onScreen"], "the skip link stays off screen when focused"
    assert first["indicator"], first

    # Tabbing on walks the header: logo, language switcher, then the main navigation.
    header = []
    while (state := tab(page)) and state["inHeader"] and len(header) < 20:
        header.append(state)
    switcher = [stop["text"] for stop in header if stop["inSwitcher"]]
    navigation = [stop["text"] for stop in header if stop["inMainNav"]]
    assert switcher == [LANGUAGE_NAMES[code] for code in LANGUAGES], header
    # The demo menu: page titles, or a link's own label where it has one (the interest form's).
    entries = [entry if isinstance(entry, dict) else {"page": entry} for entry in data.source("site")["navigation"]]
    expected = [entry.get("label") or demo_title(entry["page"], "nb") for entry in entries]
    assert "Meld interesse" in expected and len(expected) == 6
    assert navigation == expected, header
    assert [stop["inSwitcher"] for stop in header].index(True) < [stop["inMainNav"] for stop in header].index(True)
    hidden = [stop["element"] for stop in header if not (stop["indicator"] and stop["onScreen"])]
    assert not hidden, f"focused without a visible focus indicator: {hidden}"

    # Enter on the skip link moves focus to <main>; the next Tab stays inside the content.
    page.goto(URLS["home"]["nb"])
    tab(page)
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'main'")
    assert page.url.endswith("#main")
    stops = [tab(page)]
    assert stops[0] and stops[0]["inMain"], stops[0]

    # Every stop from there to the end of the page (content and footer) shows where focus is.
    while (state := tab(page)) and state["classes"] != "skip-link" and state != stops[-1] and len(stops) < 60:
        stops.append(state)
    hidden = [stop["element"] for stop in stops if not (stop["indicator"] and stop["onScreen"])]
    assert not hidden, f"focused without a visible focus indicator: {hidden}"


@pytest.mark.parametrize("key", URLS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_no_wcag_21_aa_violations(page, axe, language, key):
    url = URLS[key][language]
    assert page.goto(url).status == 200
    check_accessibility(page, axe, url)


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_horizontal_scroll_at_320_px(page, language):
    page.set_viewport_size({"width": 320, "height": 640})
    for key in ("home", "about"):
        page.goto(URLS[key][language])
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{URLS[key][language]} is {width}px wide in a 320px wide window"
