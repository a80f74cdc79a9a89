"""News in a real browser: the news index and the commissioned article pass axe-core (WCAG 2.1 A and
AA) in every language, and fit a phone's width."""

import pytest

from .accessibility import check_accessibility

pytestmark = pytest.mark.e2e

LANGUAGES = ("nb", "uk", "en")


@pytest.mark.parametrize("language", LANGUAGES)
def test_news_index_and_article_have_no_wcag_21_aa_violations(page, axe, site, language):
    for key in ("news", "invitation-2023-day1"):
        url = site[language][key].url
        assert page.goto(url).status == 200
        check_accessibility(page, axe, url)


@pytest.mark.parametrize("language", LANGUAGES)
def test_news_pages_fit_a_phone(page, site, language):
    page.set_viewport_size({"width": 390, "height": 800})
    for key in ("news", "invitation-2023-day1"):
        page.goto(site[language][key].url)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{site[language][key].url} is {width}px wide in a 390px wide window"
