"""The conference pages in a real browser: Ukrainian event page and programme, accessibility (axe-core,
WCAG 2.1 A and AA) in three languages, no CSP report for the JSON-LD block, a phone-sized programme,
and the calendar file a visitor downloads."""

import json

import icalendar
import pytest

from tests.e2e.csp import csp_violations, forget_csp_violations, record_csp_violations

from .accessibility import check_accessibility

pytestmark = pytest.mark.e2e

LANGUAGES = ("nb", "uk", "en")
EVENT_URLS = {
    "nb": "/nb/konferanse/s2pu-kommunekonferansen-2023/",
    "uk": "/uk/konferentsiia/munitsypalna-konferentsiia-s2pu-2023/",
    "en": "/en/conference/s2pu-municipality-conference-2023/",
}
PROGRAMME = {"nb": "program/", "uk": "prohrama/", "en": "programme/"}


def test_event_page_and_programme_in_ukrainian(page):
    console_errors = []
    page.on("console", lambda message: message.type == "error" and console_errors.append(message.text))
    record_csp_violations(page)

    assert page.goto(EVENT_URLS["uk"]).status == 200
    assert page.locator("html").get_attribute("lang") == "uk"
    assert page.locator("h1").inner_text() == "Муніципальна конференція s2pU 2023"
    assert page.locator(".organisers").inner_text().startswith("Посольство України в Норвегії")
    kinds = [json.loads(text)["@type"] for text in page.locator('script[type="application/ld+json"]').all_inner_texts()]
    assert kinds == ["Event", "BreadcrumbList"]
    # The JSON-LD data block sits under a CSP without inline scripts: the browser must not report it.
    page.wait_for_load_state("load")
    assert csp_violations(page) == []
    assert not [text for text in console_errors if "Content Security Policy" in text], console_errors
    # Control: an inline script added to the same page is reported, so the listener does work.
    page.evaluate("document.body.appendChild(document.createElement('script')).textContent = '1'")
    page.wait_for_function("window.cspViolations.length > 0")
    forget_csp_violations(page)

    with page.expect_navigation():
        page.get_by_role("link", name="Програма", exact=True).click()
    assert page.url.endswith(EVENT_URLS["uk"] + PROGRAMME["uk"])
    assert page.locator("h1").inner_text().startswith("Програма")
    days = page.locator("section.programme-day")
    assert days.count() == 2
    assert days.nth(0).locator("h2").inner_text() == "Вівторок, 29 серпня 2023"
    assert days.nth(0).locator(".session__title").first.inner_text().startswith("Відкриття")
    assert page.locator(".notice--example").is_visible()
    assert csp_violations(page) == []


@pytest.mark.parametrize("what", ["event", "programme"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_no_wcag_21_aa_violations_on_event_pages(page, axe, language, what):
    url = EVENT_URLS[language] + (PROGRAMME[language] if what == "programme" else "")
    assert page.goto(url).status == 200
    check_accessibility(page, axe, url)


def test_event_index_has_no_wcag_21_aa_violations(page, axe):
    assert page.goto("/uk/konferentsiia/").status == 200
    check_accessibility(page, axe, "/uk/konferentsiia/")


def test_programme_fits_a_phone(page):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(EVENT_URLS["uk"] + PROGRAMME["uk"])
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_programme_prints_one_day_per_page(page):
    page.goto(EVENT_URLS["en"] + PROGRAMME["en"])
    page.emulate_media(media="print")
    breaks = page.eval_on_selector_all(
        "section.programme-day", "days => days.map(day => getComputedStyle(day).breakBefore)"
    )
    assert breaks == ["auto", "page"]
    assert page.locator(".site-header").is_hidden()


def test_downloaded_calendar_file_parses(page, site):
    # The next conference's: an event that has ended offers no calendar entry.
    page.goto(site["uk"]["conference-next"].url)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Додати до календаря (.ics)").click()
    download = download_info.value
    calendar = icalendar.Calendar.from_ical(open(download.path(), "rb").read())  # noqa: SIM115
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 2
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Oslo"]
    assert str(events[1]["SUMMARY"]).endswith("Муніципальні послуги після війни")
