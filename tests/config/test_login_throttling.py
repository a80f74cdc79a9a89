"""Login throttling and lockout (django-axes) on the admin login, the site's only login page
(docs/security.md)."""

import pytest

from django.contrib.auth import get_user_model
from django.test import override_settings

PASSWORD = "the-right-password-for-sam"  # noqa: S105
LOGIN_URL = "/admin/login/"


@pytest.fixture(autouse=True)
def axes_on():
    # The test settings turn django-axes off for client.login(); these tests need it on.
    with override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=5):
        yield


@pytest.fixture
def editor(db):
    """Someone whose right password signs in by itself: for a superuser it only leads on to the second
    factor (accounts/two_factor.py), and "not signed in" would hold whatever django-axes did."""
    return get_user_model().objects.create_user("sam", "sam@s2pu.example", PASSWORD)


def log_in(client, password: str):
    return client.post(LOGIN_URL, {"username": "sam", "password": password})


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_thirty_wrong_passwords_then_the_right_one_does_not_log_in(client, editor):
    for attempt in range(30):
        log_in(client, f"wrong-{attempt}")
    log_in(client, PASSWORD)
    assert not signed_in(client)


def test_after_five_failures_the_right_password_gets_the_lockout_page(client, editor):
    for attempt in range(4):
        assert log_in(client, f"wrong-{attempt}").status_code == 200  # the login form again
    assert log_in(client, "wrong-4").status_code == 429
    response = log_in(client, PASSWORD)
    assert response.status_code == 429
    assert "lockout.html" in [template.name for template in response.templates]


def test_the_lockout_page_says_why_in_english(client, editor):
    for attempt in range(5):
        log_in(client, f"wrong-{attempt}")
    response = client.post(LOGIN_URL, {"username": "sam", "password": PASSWORD}, HTTP_ACCEPT_LANGUAGE="en")
    assert "Too many failed sign-in attempts" in response.content.decode()


def test_four_failures_still_let_the_right_password_in(client, editor):
    for attempt in range(4):
        log_in(client, f"wrong-{attempt}")
    log_in(client, PASSWORD)
    assert signed_in(client)


def test_a_successful_login_resets_the_count(client, editor):
    for attempt in range(4):
        log_in(client, f"wrong-{attempt}")
    log_in(client, PASSWORD)
    client.logout()
    for attempt in range(4):
        log_in(client, f"wrong-again-{attempt}")
    log_in(client, PASSWORD)
    assert signed_in(client)


def test_the_lockout_holds_the_username_from_that_address_only(client, editor):
    for attempt in range(5):
        log_in(client, f"wrong-{attempt}")
    client.post(LOGIN_URL, {"username": "sam", "password": PASSWORD}, REMOTE_ADDR="192.0.2.10")
    assert signed_in(client)


def test_the_lockout_ends_after_the_cool_off(client, editor):
    from axes.models import AccessAttempt

    for attempt in range(5):
        log_in(client, f"wrong-{attempt}")
    AccessAttempt.objects.update(attempt_time="2000-01-01T00:00:00Z")  # long past the cool-off
    log_in(client, PASSWORD)
    assert signed_in(client)


def test_the_django_admin_login_is_gone(client, db):
    assert client.get("/django-admin/login/", follow=True).status_code == 404
