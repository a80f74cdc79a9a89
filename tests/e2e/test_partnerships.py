"""The partnerships section in a real browser: filter the partner list without JavaScript help, open a
partner, follow its partnership to a story; axe-core finds no WCAG 2.1 A/AA violation on the way."""

import pytest

from .accessibility import check_accessibility

pytestmark = pytest.mark.e2e

INDEX = {"nb": "/nb/samarbeid/", "uk": "/uk/spivpratsia/", "en": "/en/partnerships/"}
SECTIONS = {
    "partners": {"nb": "", "uk": "", "en": ""},
    "stories": {"nb": "historier/", "uk": "istorii/", "en": "stories/"},
    "overview": {"nb": "oversikt/", "uk": "ohliad/", "en": "overview/"},
}


def card_titles(page) -> list[str]:
    return sorted(t.strip() for t in page.locator(".partner-card__title").all_inner_texts())


def test_filter_open_a_partner_and_follow_its_partnership_to_a_story(page, axe):
    assert page.goto(INDEX["en"]).status == 200
    assert page.locator("h1").inner_text().strip() == "Partnerships"
    assert "Lyngdal" in card_titles(page) and "Mykolaiv" in card_titles(page)
    check_accessibility(page, axe)

    page.get_by_label("Kind", exact=True).select_option(label="Norwegian municipality")
    page.get_by_label("Region", exact=True).select_option("Agder")
    with page.expect_navigation():
        page.get_by_role("button", name="Show results").click()
    assert "kind=no_municipality" in page.url and "region=Agder" in page.url
    assert card_titles(page) == ["Kristiansand", "Lyngdal", "Risør"]
    assert page.get_by_label("Region", exact=True).input_value() == "Agder"  # the form keeps its choices
    check_accessibility(page, axe)

    with page.expect_navigation():
        page.locator(".partner-card__title a", has_text="Lyngdal").click()
    assert page.locator("h1").inner_text().strip() == "Lyngdal"
    partnership = page.locator(".partnership-card")
    assert "Kryvyi Rih" in partnership.inner_text() and "Solidarity and Partnership" in partnership.inner_text()
    check_accessibility(page, axe)

    with page.expect_navigation():
        partnership.get_by_role("link", name="Example: tablets for schools teaching remotely").click()
    assert page.locator("h1").inner_text().strip() == "Example: tablets for schools teaching remotely"
    assert page.locator(".notice--example").is_visible()
    assert page.locator(".timeline__item").count() == 2
    check_accessibility(page, axe)


@pytest.mark.parametrize("language", ["nb", "uk", "en"])
@pytest.mark.parametrize("section", SECTIONS)
def test_section_pages_have_no_wcag_21_aa_violations(page, axe, language, section):
    assert page.goto(INDEX[language] + SECTIONS[section][language]).status == 200
    assert page.locator("html").get_attribute("lang") == language
    check_accessibility(page, axe)


def test_map_is_drawn_without_scripts_and_fits_a_narrow_screen(page, axe):
    page.set_viewport_size({"width": 320, "height": 640})
    assert page.goto(INDEX["en"] + SECTIONS["overview"]["en"]).status == 200
    svg = page.locator("svg.partner-map__svg")
    assert svg.get_attribute("role") == "img"
    assert page.locator("svg.partner-map__svg line.partner-map__link").count() == 2
    assert svg.bounding_box()["width"] <= 320
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    check_accessibility(page, axe)
