"""The front page in a real browser: no WCAG 2.1 A/AA violations in any language on a phone or a
desktop, and the register button leads to the registration form in the reader's language."""

from urllib.parse import urlsplit

import pytest

from .accessibility import check_accessibility

pytestmark = pytest.mark.e2e

LANGUAGES = ("nb", "uk", "en")
WIDTHS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_front_page_has_no_wcag_21_aa_violations(page, axe, language, width):
    page.set_viewport_size(WIDTHS[width])
    assert page.goto(f"/{language}/").status == 200
    # The sections are there to be checked: the conference, the stories, the figures with the map.
    assert page.locator(".front-event").count() == 1
    assert page.locator(".front-stories .story-card").count() >= 1
    assert page.locator(".front-figures svg.partner-map__svg").count() == 1
    check_accessibility(page, axe)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_register_button_leads_to_the_registration_form(page, site, language):
    page.goto(f"/{language}/")
    page.locator(".front-event__register").click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path == site[language]["registration-next"].url
    assert page.locator("main form.registration-form").count() == 1


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_way_in_for_a_municipality_is_high_on_a_phone_and_in_the_menu(page, site, language):
    """On a phone the interest box was the front page's last block, 3,400 px down, and the menu had no
    link to the form: now it follows the next conference, within two screens, and the menu leads there."""
    form = site[language]["interest-form"]
    page.set_viewport_size(WIDTHS["phone"])
    page.goto(f"/{language}/")
    call = page.locator(f'main .cta:has(a[href="{form.url}"])')
    assert call.count() == 1
    top = call.evaluate("(box) => box.getBoundingClientRect().top + scrollY")
    assert top < 2 * WIDTHS["phone"]["height"], top
    link = page.locator(f'nav.main-nav a[href="{form.url}"]')
    assert link.count() == 1
    link.click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path == form.url
    assert page.locator("main h1").inner_text() == form.title
    assert page.locator(f'nav.main-nav a[href="{form.url}"]').get_attribute("aria-current") == "page"
