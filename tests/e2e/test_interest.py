"""The partnership interest form in a real browser: submit in English, see the confirmation page, and
find the mail in the outbox; axe-core finds no WCAG 2.1 A/AA violation on the form and confirmation."""

import pytest

from .accessibility import check_accessibility

pytestmark = pytest.mark.e2e


def form_url(code: str) -> str:
    from partnerships.models import InterestFormPage

    return InterestFormPage.objects.get(locale__language_code=code).url


@pytest.mark.parametrize("language", ["nb", "uk", "en"])
def test_interest_form_has_no_wcag_21_aa_violations(page, axe, language):
    assert page.goto(form_url(language)).status == 200
    check_accessibility(page, axe)


def test_submit_the_interest_form_in_english(page, axe):
    from django.core import mail

    from outbox.models import OutboundEmail
    from partnerships.models import InterestCase

    assert page.goto(form_url("en")).status == 200
    page.get_by_role("radio", name="Business").check()
    page.get_by_label("Name of the municipality or organisation").fill("Mykolaiv Water Ltd")
    # By accessible name: the visible * of a required field is hidden from it.
    page.get_by_role("combobox", name="Country", exact=True).select_option("UA")
    page.get_by_label("Region (fylke or oblast)").fill("Mykolaivska oblast")
    page.get_by_label("Contact person").fill("Olena Shevchenko")
    page.get_by_role("textbox", name="Email", exact=True).fill("olena@example.org")
    page.get_by_role("group", name="Themes you need").get_by_label("Water").check()
    page.get_by_label("I agree", exact=False).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Send").click()
    assert "/done/" in page.url
    assert page.locator("h1").inner_text().strip() == "Thank you for your interest"
    assert "Mykolaiv Water Ltd" in page.locator("main").inner_text()
    check_accessibility(page, axe)

    case = InterestCase.objects.get()
    assert case.language == "en" and case.country == "UA" and case.themes_needed == ["water"]
    sent = [m for m in mail.outbox if "olena@example.org" in m.to]
    queued = OutboundEmail.objects.filter(to="olena@example.org")
    assert sent or queued.exists()
    if queued.exists():
        assert "Thank you" in queued.get().body_text
