"""Signing in to the admin in the browser as a person would, second factor included: the user's
authenticator app is played by a TOTP device made here and the code it shows now."""

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


def current_code(device) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def sign_in(page, user, password: str) -> None:
    """Password on Wagtail's login page, then the code on the two-factor page."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
        user=user, name="browser test", confirmed=True
    )
    page.goto("/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.click("button[type=submit]")
    assert "/admin/two-factor/" in page.url, page.url
    page.wait_for_load_state("networkidle")
    page.fill("#id_code", current_code(device))
    with page.expect_navigation():
        page.click("form.login-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    if "/admin/two-factor/" in page.url:
        errors = page.locator(".w-field__errors, .error-message, .messages").all_inner_texts()
        raise AssertionError(f"still asked for the second factor at {page.url}: {errors}")
