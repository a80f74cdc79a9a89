"""Two-factor login (home/two_factor.py) through Wagtail's own admin login: required of whoever may
see personal data, offered to everyone else, throttled, logged without naming anybody."""

import datetime
import logging

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from pytest_django.asserts import assertContains, assertRedirects

from django.contrib.auth import get_user_model
from django.test import override_settings
from django.utils.translation import gettext, override

from tests.roles import PASSWORD

# The admin speaks its default language (nb) to users without a preference.
with override("nb"):
    WRONG_CODE = gettext("That code is not right. Codes change every 30 seconds.")
    TOO_MANY = gettext("Too many wrong codes. Wait %(seconds)s seconds and try again.").split("%(seconds)s")[0]

pytestmark = pytest.mark.django_db

ENROL = "/admin/two-factor/enrol/"
VERIFY = "/admin/two-factor/"


@pytest.fixture
def people(roles):
    return {**roles, "superuser": get_user_model().objects.create_superuser("root", "root@s2pu.example", PASSWORD)}


def password_login(client, user):
    response = client.post("/admin/login/", {"username": user.username, "password": PASSWORD, "next": "/admin/"})
    assert response.status_code == 302, "the password login itself failed"


def code_of(device, offset=0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time += offset * device.step
    return f"{totp.token():06d}"


def wrong_code_for(device) -> str:
    near = {code_of(device, offset) for offset in (-2, -1, 0, 1, 2)}
    return next(f"{n:06d}" for n in range(1_000_000) if f"{n:06d}" not in near)


def enrolled(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


@pytest.mark.parametrize("role", ["secretariat", "superuser"])
def test_who_sees_personal_data_enrols_after_the_password_and_then_reaches_the_admin(client, people, role):
    password_login(client, people[role])
    assertRedirects(client.get("/admin/registrations/"), f"{ENROL}?next=/admin/registrations/")

    page = client.get(f"{ENROL}?next=/admin/registrations/")
    assertContains(page, "<svg")
    device = TOTPDevice.objects.get(user=people[role], confirmed=False)
    secret = page.context["secret_groups"]
    assert "".join(secret) in device.config_url
    # Reloading shows the same secret: the app the user already scanned stays right.
    assert client.get(ENROL).context["secret_groups"] == secret

    confirmed = client.post(ENROL, {"code": code_of(device), "next": "/admin/registrations/"})
    assertRedirects(confirmed, "/admin/registrations/", fetch_redirect_response=False)
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/registrations/").status_code == 200


def test_a_wrong_code_does_not_confirm_the_enrolment(client, people):
    password_login(client, people["secretariat"])
    client.get(ENROL)
    device = TOTPDevice.objects.get(user=people["secretariat"])
    assertContains(client.post(ENROL, {"code": wrong_code_for(device)}), WRONG_CODE)
    device.refresh_from_db()
    assert not device.confirmed
    assertRedirects(client.get("/admin/"), f"{ENROL}?next=/admin/", fetch_redirect_response=False)


def test_with_a_device_a_wrong_code_is_refused_and_the_right_one_lets_in(client, people, caplog):
    device = enrolled(people["secretariat"])
    password_login(client, people["secretariat"])
    assertRedirects(client.get("/admin/"), f"{VERIFY}?next=/admin/")

    with caplog.at_level(logging.DEBUG):
        refused = client.post(VERIFY, {"code": wrong_code_for(device), "next": "/admin/"})
    assertContains(refused, WRONG_CODE)
    assertRedirects(client.get("/admin/"), f"{VERIFY}?next=/admin/", fetch_redirect_response=False)
    assert f"Wrong two-factor code for device {device.pk}" in caplog.text
    assert "secretariat" not in caplog.text

    device.refresh_from_db()
    device.throttling_failure_timestamp -= datetime.timedelta(seconds=2)  # past the one-second throttle
    device.save()
    assertRedirects(client.post(VERIFY, {"code": code_of(device), "next": "/admin/"}), "/admin/")


def test_wrong_codes_lock_the_device_even_against_the_right_code(client, people):
    device = enrolled(people["superuser"])
    password_login(client, people["superuser"])
    for _ in range(3):
        client.post(VERIFY, {"code": wrong_code_for(device)})
    refused = client.post(VERIFY, {"code": code_of(device)})
    assertContains(refused, TOO_MANY)
    device.refresh_from_db()
    assert device.throttling_failure_count == 1  # the later tries were not even checked
    assertRedirects(client.get("/admin/"), f"{VERIFY}?next=/admin/", fetch_redirect_response=False)


def test_a_code_is_good_for_one_login_only(client, people):
    device = enrolled(people["secretariat"])
    password_login(client, people["secretariat"])
    code = code_of(device)
    client.post(VERIFY, {"code": code})
    client.logout()
    password_login(client, people["secretariat"])
    device.refresh_from_db()
    assertContains(client.post(VERIFY, {"code": code}), WRONG_CODE)


@pytest.mark.parametrize("role", ["editor", "moderator"])
def test_editors_are_not_forced_but_may_enrol(client, people, role):
    password_login(client, people[role])
    assert client.get("/admin/").status_code == 200
    assertContains(client.get("/admin/account/"), ENROL)
    client.get(ENROL)
    device = TOTPDevice.objects.get(user=people[role])
    client.post(ENROL, {"code": code_of(device)})
    device.refresh_from_db()
    assert device.confirmed


def test_an_editor_who_enrolled_is_asked_for_a_code_from_then_on(client, people):
    enrolled(people["editor"])
    password_login(client, people["editor"])
    assertRedirects(client.get("/admin/pages/"), f"{VERIFY}?next=/admin/pages/", fetch_redirect_response=False)


def test_the_session_of_another_users_device_does_not_count(client, people):
    from django_otp import DEVICE_ID_SESSION_KEY

    enrolled(people["secretariat"])
    someone_elses = enrolled(people["editor"])
    password_login(client, people["secretariat"])
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = someone_elses.persistent_id
    session.save()
    assert client.get("/admin/").status_code == 302


def test_the_pages_before_the_second_factor_run_no_script_they_did_not_write(client, people):
    """A user who owes the second factor gets the signed-out admin policy (hashes, no 'unsafe-inline')."""
    password_login(client, people["secretariat"])
    for address in (ENROL, VERIFY):
        response = client.get(address, follow=True)
        policy = response["Content-Security-Policy"]
        assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]


@pytest.mark.parametrize(
    ("language", "heading"),
    [("nb", "Sett opp tofaktorinnlogging"), ("uk", "Налаштуйте двофакторний вхід"), ("en", "Set up two-factor login")],
)
def test_the_enrolment_page_speaks_the_users_language(client, people, language, heading):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(people["secretariat"])
    profile.preferred_language = language
    profile.save()
    password_login(client, people["secretariat"])
    assertContains(client.get(ENROL), heading)


def test_the_login_is_throttled_by_axes_and_then_asks_for_the_second_factor(client, people):
    with override_settings(AXES_ENABLED=True):
        password_login(client, people["secretariat"])
        assertRedirects(client.get("/admin/"), f"{ENROL}?next=/admin/", fetch_redirect_response=False)


@override_settings(OTP_REQUIRED=False)
def test_development_may_switch_the_requirement_off(client, people):
    password_login(client, people["secretariat"])
    assert client.get("/admin/").status_code == 200


def test_an_outside_next_address_is_not_followed(client, people):
    device = enrolled(people["secretariat"])
    password_login(client, people["secretariat"])
    assertRedirects(
        client.post(VERIFY, {"code": code_of(device), "next": "https://evil.example/"}),
        "/admin/",
        fetch_redirect_response=False,
    )
