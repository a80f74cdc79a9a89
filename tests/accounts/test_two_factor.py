"""Two-factor login (accounts/two_factor.py) through Wagtail's own admin login: required of whoever may
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
    WRONG_RECOVERY_CODE = gettext("That recovery code is not right, or it has been used already.")

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
    # The recovery codes, shown once, then on to the address asked for.
    assert len(confirmed.context["recovery_codes"]) == 10
    assertContains(confirmed, 'href="/admin/registrations/"')
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


@pytest.mark.parametrize("address", [ENROL, VERIFY])
def test_the_pages_before_the_second_factor_run_no_script_they_did_not_write(client, people, address):
    """A user who owes the second factor gets the signed-out admin policy (hashes, no 'unsafe-inline')."""
    password_login(client, people["secretariat"])
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


def test_with_axes_on_the_code_signs_in(client, people):
    """django-axes hears of the login when the code is given (user_logged_in), not at the password."""
    device = enrolled(people["secretariat"])
    with override_settings(AXES_ENABLED=True):
        password_login(client, people["secretariat"])
        assertRedirects(client.post(VERIFY, {"code": code_of(device), "next": "/admin/"}), "/admin/")


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


# --- The second factor on every URL, not only under /admin/ ------------------------------------------

ADMIN_LOGIN = "/admin/login/"
PUBLIC_LOGIN = "/nb/_util/login/"
RECOVERY = "/admin/two-factor/recovery-codes/"


@pytest.fixture
def members_only_document(db):
    """A document in a collection restricted to signed-in users, as Wagtail's privacy setting makes it."""
    from django.core.files.base import ContentFile

    from wagtail.documents.models import Document
    from wagtail.models import Collection, CollectionViewRestriction

    collection = Collection.get_first_root_node().add_child(name="Members")
    CollectionViewRestriction.objects.create(collection=collection, restriction_type=CollectionViewRestriction.LOGIN)
    return Document.objects.create(
        title="Minutes", collection=collection, file=ContentFile(b"members-only minutes", name="minutes.txt")
    )


def downloaded(response) -> bool:
    return response.status_code == 200 and b"members-only minutes" in b"".join(response.streaming_content)


def password_only(client, user, login_address, next_address):
    return client.post(login_address, {"username": user.username, "password": PASSWORD, "next": next_address})


@pytest.mark.parametrize("login_address", [ADMIN_LOGIN, PUBLIC_LOGIN])
@pytest.mark.parametrize("role", ["secretariat", "superuser"])
@pytest.mark.parametrize("has_device", [True, False], ids=["enrolled", "not-enrolled"])
def test_a_password_alone_downloads_no_members_only_document(
    client, people, members_only_document, role, login_address, has_device
):
    if has_device:
        enrolled(people[role])
    password_only(client, people[role], login_address, members_only_document.url)
    response = client.get(members_only_document.url)
    assert response.status_code == 302 and not downloaded(response)
    assert response["Location"].startswith(f"{PUBLIC_LOGIN}?next=")
    assert client.get("/admin/pages/").status_code == 302


@pytest.mark.parametrize("login_address", [ADMIN_LOGIN, PUBLIC_LOGIN])
def test_the_password_step_leads_to_the_code_and_the_code_to_the_document(
    client, people, members_only_document, login_address
):
    device = enrolled(people["secretariat"])
    asked = password_only(client, people["secretariat"], login_address, members_only_document.url)
    assertRedirects(asked, f"{VERIFY}?next={members_only_document.url}", fetch_redirect_response=False)
    before = client.cookies["sessionid"].value

    signed_in = client.post(VERIFY, {"code": code_of(device), "next": members_only_document.url})
    assertRedirects(signed_in, members_only_document.url, fetch_redirect_response=False)
    assert client.cookies["sessionid"].value != before
    assert downloaded(client.get(members_only_document.url))


def test_a_session_signed_in_without_the_code_is_anonymous_everywhere(client, people, members_only_document):
    """A session that got a login some other way (one from before, or a Secretariat membership given
    while signed in) counts for nothing until the code is given."""
    client.force_login(people["secretariat"])
    assert client.get(members_only_document.url).status_code == 302
    assertRedirects(client.get("/admin/pages/"), f"{ADMIN_LOGIN}?next=/admin/pages/", fetch_redirect_response=False)


def test_the_password_step_is_good_for_ten_minutes(client, people, monkeypatch):
    import time

    device = enrolled(people["secretariat"])
    password_only(client, people["secretariat"], ADMIN_LOGIN, "/admin/")
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now + 601)
    late = client.post(VERIFY, {"code": code_of(device), "next": "/admin/"})
    assertRedirects(late, f"{ADMIN_LOGIN}?next=/admin/", fetch_redirect_response=False)


def recovery_codes_of(response) -> list[str]:
    return response.context["recovery_codes"]


def test_enrolment_shows_recovery_codes_once_and_one_signs_in_once(client, people, members_only_document):
    user = people["secretariat"]
    password_only(client, user, ADMIN_LOGIN, "/admin/")
    client.get(ENROL)
    device = TOTPDevice.objects.get(user=user)
    shown = client.post(ENROL, {"code": code_of(device), "next": "/admin/"})
    codes = recovery_codes_of(shown)
    assert len(codes) == 10 and len(set(codes)) == 10
    for code in codes:
        assertContains(shown, code)
    assertContains(shown, 'href="/admin/"')
    assert shown["Cache-Control"].startswith("no-store") or "no-store" in shown["Cache-Control"]
    # Shown once: the account's page tells how many are left, never the codes again.
    later = client.get(RECOVERY)
    assert later.status_code == 200
    assert not any(code in later.content.decode() for code in codes)

    client.post("/admin/logout/")
    password_only(client, user, PUBLIC_LOGIN, members_only_document.url)
    used = client.post(VERIFY, {"code": codes[0].upper(), "next": members_only_document.url})
    assertRedirects(used, members_only_document.url, fetch_redirect_response=False)
    assert downloaded(client.get(members_only_document.url))

    client.post("/admin/logout/")
    password_only(client, user, ADMIN_LOGIN, "/admin/")
    assertContains(client.post(VERIFY, {"code": codes[0], "next": "/admin/"}), WRONG_RECOVERY_CODE)
    assert client.get("/admin/pages/").status_code == 302


def test_the_account_makes_new_recovery_codes_which_replace_the_old(client, people):
    from tests.roles import sign_in

    user = people["editor"]
    sign_in(client, user)
    assertContains(client.get("/admin/account/"), RECOVERY)
    first = recovery_codes_of(client.post(RECOVERY))
    second = client.post(RECOVERY)
    assert "no-store" in second["Cache-Control"]
    assert set(recovery_codes_of(second)).isdisjoint(first)

    client.post("/admin/logout/")
    password_only(client, user, ADMIN_LOGIN, "/admin/")
    assertContains(client.post(VERIFY, {"code": first[0], "next": "/admin/"}), WRONG_RECOVERY_CODE)


def test_recovery_codes_are_made_only_after_the_second_factor(client, people):
    enrolled(people["secretariat"])
    password_only(client, people["secretariat"], ADMIN_LOGIN, "/admin/")
    response = client.post(RECOVERY)
    assert response.status_code == 302 and "recovery_codes" not in (response.context or {})


# --- Development offers the second factor, production requires it ------------------------------------

PRODUCTION_ENV = {"SECRET_KEY": "k" * 60, "ALLOWED_HOSTS": "testserver", "PUBLIC_BASE_URL": "https://testserver"}


def otp_required_in(module: str, **env) -> bool:
    """OTP_REQUIRED as the settings module sets it with this environment (OTP_REQUIRED unset unless given)."""
    import importlib

    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.delenv("OTP_REQUIRED", raising=False)
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        return importlib.reload(importlib.import_module(module)).OTP_REQUIRED


@pytest.fixture
def development(settings):
    settings.OTP_REQUIRED = otp_required_in("config.settings.dev")


@pytest.fixture
def production(settings):
    settings.OTP_REQUIRED = otp_required_in("config.settings.production", OTP_REQUIRED="0", **PRODUCTION_ENV)


def test_in_development_the_printed_admin_login_reaches_the_dashboard(client, development, settings, tmp_path, capsys):
    import re

    from django.core.management import call_command

    settings.VAR_DIR = tmp_path
    call_command("create_admin")
    username, password = re.search(r"Admin login: (\S+) / (\S+)", capsys.readouterr().out).groups()
    response = client.post(ADMIN_LOGIN, {"username": username, "password": password}, follow=True)
    assert response.resolver_match.url_name == "wagtailadmin_home"


@pytest.mark.parametrize("role", ["superuser", "secretariat", "editor"])
def test_in_development_an_enrolled_user_is_offered_the_code_and_may_skip_it(client, development, people, role):
    device = enrolled(people[role])
    offered = password_only(client, people[role], ADMIN_LOGIN, "/admin/account/")
    assertRedirects(offered, f"{VERIFY}?next=/admin/account/", fetch_redirect_response=False)
    assertContains(
        client.get(offered["Location"]), 'class="button button-secondary two-factor-skip" href="/admin/account/"'
    )
    assert client.get("/admin/account/").status_code == 200
    assertRedirects(
        client.post(VERIFY, {"code": code_of(device), "next": "/admin/account/"}),
        "/admin/account/",
        fetch_redirect_response=False,
    )


@pytest.mark.parametrize("has_device", [True, False], ids=["enrolled", "not-enrolled"])
def test_in_production_the_code_is_required_whatever_the_environment_says(client, production, people, has_device):
    if has_device:
        enrolled(people["superuser"])
    asked = password_only(client, people["superuser"], ADMIN_LOGIN, "/admin/")
    assert asked["Location"].startswith(VERIFY if has_device else ENROL)
    assert "two-factor-skip" not in client.get(asked["Location"]).content.decode()
    assert client.get("/admin/pages/").status_code == 302


@pytest.mark.parametrize(("language", "heading"), [("nb", "Logg inn"), ("uk", "Увійти"), ("en", "Sign in")])
def test_the_public_login_is_drawn_in_the_sites_layout_and_language(client, homes, language, heading):
    page = client.get(f"/{language}/_util/login/")
    assertContains(page, f"<h1>{heading}</h1>")
    assertContains(page, 'class="public-form"')
    assertContains(page, 'type="password"')


def test_a_password_alone_opens_no_private_page_and_the_code_does(client, people, homes):
    from wagtail.models import PageViewRestriction

    from home.factories import StandardPageFactory

    private = StandardPageFactory(parent=homes["nb"], title="Styremøte", slug="styremote")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    device = enrolled(people["secretariat"])
    password_only(client, people["secretariat"], PUBLIC_LOGIN, private.url)
    refused = client.get(private.url)
    assert refused.status_code == 302 and refused["Location"].startswith(f"{PUBLIC_LOGIN}?next=")
    client.post(VERIFY, {"code": code_of(device), "next": private.url})
    assertContains(client.get(private.url), "Styremøte")
