"""The admin's main screens in a real browser, in nb and uk: once the admin's scripts have drawn them
(the menu, the page editor's side panels and action menu, wagtail-localize's translation editor), no
text a person sees or hears shows a UI string of another language (tests/ui_language.py). Every
screen's server-rendered part is crawled in tests/home/test_admin_wording.py."""

import re

import pytest

from tests.e2e.admin_login import sign_in
from tests.roles import PASSWORD, user_in
from tests.ui_language import foreign_in

pytestmark = pytest.mark.e2e

# Every text node shown, and every attribute a person reads or hears, on the screen as drawn.
READ_SCREEN = """() => {
    const texts = [];
    const shown = (element) => element.checkVisibility({ checkVisibilityCSS: true });
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const parent = walker.currentNode.parentElement;
        if (!parent || parent.closest("script, style, textarea, svg")) continue;
        // Text for screen readers only (w-sr-only) is clipped, not hidden: it counts.
        if (!shown(parent)) continue;
        const text = walker.currentNode.textContent.replace(/\\s+/g, " ").trim();
        if (text) texts.push(text);
    }
    for (const element of document.querySelectorAll("*")) {
        if (!shown(element)) continue;
        for (const name of ["title", "aria-label", "placeholder", "alt", "data-w-tooltip-content-value"]) {
            const value = element.getAttribute(name);
            if (value && value.trim()) texts.push(value.replace(/\\s+/g, " ").trim());
        }
        if (element.matches("input[type=submit], input[type=button]") && element.value) texts.push(element.value);
    }
    return texts;
}"""
# wagtail-localize dates its segments with strftime, whose month names are English whatever the
# language ("Oversatt manuelt 7 December 2026"); no catalogue reaches them.
STRFTIME_DATE = re.compile(r"\d{1,2} [A-Z][a-z]+ \d{4}")


def foreign_texts(page, language: str, written: frozenset) -> list[str]:
    page.wait_for_load_state("networkidle")
    texts = {STRFTIME_DATE.sub("", text).strip() for text in page.evaluate(READ_SCREEN)}
    return sorted(text for text in texts if text and foreign_in(text, language, written))


def signed_in_as(page, user, language: str):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    sign_in(page, user, PASSWORD)


def written() -> frozenset:
    from tests.home.test_admin_wording import content

    return content()


@pytest.mark.parametrize("language", ["nb", "uk"])
def test_an_editors_main_screens_once_drawn(page, site, language):
    signed_in_as(page, user_in("editor", "Editors"), language)
    content = written()
    article = site["nb"]["news-website"]
    found = {}
    for path in ("/admin/", f"/admin/pages/{article.get_parent().pk}/", f"/admin/pages/{article.pk}/edit/"):
        page.goto(path)
        found[path] = foreign_texts(page, language, content)
    # The editor's panels and menus, opened: the status panel and the action menu.
    page.locator("button[data-side-panel-toggle=status]").click()
    page.locator("footer .w-dropdown__toggle").first.click()
    found["status panel and action menu"] = foreign_texts(page, language, content)
    assert not any(found.values()), found


@pytest.mark.parametrize("language", ["nb", "uk"])
def test_a_translators_editor_once_drawn(page, site, language):
    from translations.permissions import TRANSLATOR_GROUPS

    signed_in_as(page, user_in("oksana", TRANSLATOR_GROUPS["uk"]), language)
    page.goto(f"/admin/pages/{site['uk']['news-website'].pk}/edit/")
    page.locator(".js-translation-editor footer").wait_for()
    found = foreign_texts(page, language, written())
    assert not found, found
