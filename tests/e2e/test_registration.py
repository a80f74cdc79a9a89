"""Registering in a real browser for the demo's next conference, which is open: a Ukrainian visitor takes the last place on day 2, reads the
confirmation mail (file backend) with its calendar file, cancels through the link in it, and the
first person on the waiting list is promoted and told. axe-core checks the registration pages."""

import email
import re
from pathlib import Path

import icalendar
import pytest

from events.models import DayCapacity, Registration, RegistrationDay

from .accessibility import check_accessibility

pytestmark = pytest.mark.e2e


@pytest.fixture
def open_registration(site, settings, tmp_path):
    """The demo's next conference, open for registration: one place left on day 2, mail written to
    files as `make run` does. {"day_two", "mail_dir", "urls": {language: registration page URL}}."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = tmp_path
    day_two = site["nb"]["conference-next"].days.order_by("date")[1]
    DayCapacity.objects.filter(day_key=day_two.translation_key).update(capacity=1)
    urls = {code: pages["registration-next"].url for code, pages in site.items()}
    return {"day_two": day_two, "mail_dir": tmp_path, "urls": urls}


def mails_to(mail_dir: Path, address: str) -> list[email.message.Message]:
    messages = []
    for path in sorted(mail_dir.iterdir()):
        for chunk in path.read_bytes().split(b"-" * 79):
            if chunk.strip():
                message = email.message_from_bytes(chunk.strip())
                if address in (message["To"] or ""):
                    messages.append(message)
    return messages


def text_of(message) -> str:
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            return part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")
    return ""


def fill_registration(page, name, address, day_key):
    page.fill('input[name="name"]', name)
    page.fill('input[name="email"]', address)
    page.fill('input[name="organisasjon"]', "Громада Згурівка")
    page.check(f'input[name="days"][value="{day_key}"]')
    page.check('input[name="consent"]')
    page.locator('main form.registration-form button[type="submit"]').first.click()
    page.wait_for_load_state()


def test_register_in_ukrainian_cancel_by_mail_and_promote_the_waiting(page, open_registration, axe):
    day_key = open_registration["day_two"].translation_key
    mail_dir = open_registration["mail_dir"]

    # A Ukrainian visitor takes the only place on day 2.
    assert page.goto(open_registration["urls"]["uk"]).status == 200
    assert page.locator("html").get_attribute("lang") == "uk"
    check_accessibility(page, axe, page.url)
    fill_registration(page, "Олена Коваленко", "olena@example.org", day_key)
    assert "/done/" in page.url
    day_of_month = str(open_registration["day_two"].date.day)
    assert day_of_month in page.locator("main").inner_text()  # the confirmation shows the chosen day
    check_accessibility(page, axe, page.url)
    page.reload()
    assert Registration.objects.filter(email="olena@example.org").count() == 1, "a refresh never registers again"

    # An English visitor sees day 2 full and goes on its waiting list.
    page.goto(open_registration["urls"]["en"])
    assert "waiting list" in page.locator(f'label:has(input[value="{day_key}"])').inner_text()
    fill_registration(page, "Ola Nordmann", "ola@example.org", day_key)
    waiting = RegistrationDay.objects.get(registration__email="ola@example.org", day_key=day_key)
    assert waiting.status == "waiting"

    # The confirmation is in Ukrainian, carries day 2 as a calendar file and a link to cancel.
    (confirmation,) = [m for m in mails_to(mail_dir, "olena@example.org")]
    calendars = [part for part in confirmation.walk() if part.get_content_type() == "text/calendar"]
    assert calendars, "the confirmation carries an .ics"
    events = icalendar.Calendar.from_ical(calendars[0].get_payload(decode=True)).walk("VEVENT")
    assert [str(event.decoded("dtstart"))[:10] for event in events] == [open_registration["day_two"].date.isoformat()]
    body = text_of(confirmation)
    assert "Олена" in body
    manage_link = re.search(r"https?://\S+/manage/\S+?/", body).group(0)

    # Cancelling through the link frees the place for the first person waiting.
    page.goto(re.sub(r"^https?://[^/]+", "", manage_link))
    assert page.locator("html").get_attribute("lang") == "uk"
    check_accessibility(page, axe, page.url)
    page.locator(".public-form__actions a").click()  # asks first; its "yes" cancels
    page.wait_for_load_state()
    check_accessibility(page, axe, page.url)
    page.locator('main form[method="post"] button[type="submit"]').click()
    page.wait_for_load_state()
    assert RegistrationDay.objects.get(registration__email="olena@example.org", day_key=day_key).status == "cancelled"
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"
    promotion = mails_to(mail_dir, "ola@example.org")[-1]
    assert "ola@example.org" in promotion["To"]
    assert "place" in text_of(promotion).lower()


@pytest.mark.parametrize("language", ["nb", "uk", "en"])
def test_registration_page_has_no_wcag_21_aa_violations(page, open_registration, axe, language):
    assert page.goto(open_registration["urls"][language]).status == 200
    check_accessibility(page, axe, page.url)
    # An invalid post keeps the answers and says what is wrong next to the field, in the page's language.
    page.fill('input[name="name"]', "Тест")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    assert page.locator('input[name="name"]').input_value() == "Тест"
    check_accessibility(page, axe, page.url)
