"""Search in a real browser: a name typed in Latin letters on the Ukrainian site finds the page whose
title is in Cyrillic, and the search page with results has no WCAG 2.1 A/AA violations."""

from urllib.parse import urlsplit

import pytest

from .accessibility import check_accessibility
from .test_site import demo_title

pytestmark = pytest.mark.e2e


def test_kryvyi_rih_typed_in_the_header_on_the_ukrainian_site_opens_its_page(page):
    page.goto("/uk/")
    page.fill("#site-search-query", "Kryvyi Rih")
    page.press("#site-search-query", "Enter")
    page.wait_for_url("**/uk/search/?query=Kryvyi+Rih")
    first = page.locator(".search-result__title a").first
    assert page.locator(".search-result__excerpt mark").count() > 0
    first.click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path.startswith("/uk/")
    assert page.locator("h1").inner_text().strip() == demo_title("kryvyi-rih", "uk") == "Кривий Ріг"


@pytest.mark.parametrize("language", ["nb", "uk", "en"])
def test_the_search_page_with_results_has_no_wcag_21_aa_violations(page, axe, language):
    url = f"/{language}/search/?query=Kryvyi+Rih"
    assert page.goto(url).status == 200
    assert page.locator(".search-result").count() > 0
    check_accessibility(page, axe, url)
