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


def test_a_wrong_code_is_shown_and_a_recovery_code_lets_in(page, site):
    """The login layout hides the errors printed beside fields: the page lists them where people look."""
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user(username="sek-lost-phone", password=PASSWORD)
    user.groups.add(Group.objects.get(name="Secretariat"))
    phone = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    now = {f"{TOTP(phone.bin_key, t0=offset * 30).token():06d}" for offset in (-2, -1, 0, 1, 2)}
    wrong = next(f"{n:06d}" for n in range(1_000_000) if f"{n:06d}" not in now)
    StaticDevice.objects.create(user=user, name="recovery codes").token_set.create(token="k3mdq7xa")
    page.goto("/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("button[type=submit]")
    page.fill("#id_code", wrong)
    with page.expect_navigation():
        page.click("form.login-form button[type=submit]")
    assert page.locator(".messages .error").first.is_visible()

    page.fill("#id_code", "K3MD Q7XA")
    with page.expect_navigation():
        page.click("form.login-form button[type=submit]")
    assert page.url.endswith("/admin/")
