"""Enrolment in the browser: a Secretariat user without a device signs in, scans (here: reads) the key
shown, enters the code, is shown the recovery codes and reaches the admin; the pages on the way run no
script they did not write."""

import base64

import pytest
from django_otp.oath import TOTP

from tests.e2e.csp import csp_violations, record_csp_violations

pytestmark = pytest.mark.e2e

PASSWORD = "secretariat-password-2fa"


def test_secretariat_enrols_with_the_key_shown_and_reaches_the_registrations(page, site):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user(username="sek-2fa", password=PASSWORD)
    user.groups.add(Group.objects.get(name="Secretariat"))
    record_csp_violations(page)
    page.goto("/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("button[type=submit]")
    page.goto("/admin/registrations/")
    assert "/admin/two-factor/enrol/" in page.url
    assert page.locator(".two-factor-qr-code svg").first.is_visible()
    assert csp_violations(page) == []

    secret = page.locator(".two-factor-secret").first.inner_text().replace(" ", "")
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    page.fill("#id_code", f"{TOTP(key).token():06d}")
    with page.expect_navigation():
        page.click("form.login-form button[type=submit]")
    # The recovery codes, shown this once, then on to the address asked for.
    assert page.locator(".two-factor-recovery-codes li").count() == 10
    with page.expect_navigation():
        page.click(".two-factor-continue")
    assert page.url.endswith("/admin/registrations/")
    assert csp_violations(page) == []
