"""The admin works under its own Content-Security-Policy (config/security.py): the screens editors use,
the form-field editor's "add" included, raise no CSP violation in Chromium."""

import pytest

from tests.e2e.csp import csp_violations, record_csp_violations

pytestmark = pytest.mark.e2e

PASSWORD = "admin-password-for-csp"


@pytest.fixture
def admin_page(page, site):
    from django.contrib.auth import get_user_model

    from tests.e2e.admin_login import sign_in

    admin = get_user_model().objects.create_superuser("csp-admin", "csp@s2pu.example", PASSWORD)
    record_csp_violations(page)
    page.goto("/admin/login/")
    assert csp_violations(page) == []
    sign_in(page, admin, PASSWORD)
    return page


def violations_on(page, url: str) -> list[str]:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return csp_violations(page)


@pytest.mark.parametrize(
    "url",
    ["/admin/", "/admin/pages/", "/admin/images/", "/admin/images/multiple/add/", "/admin/documents/", "/admin/users/"],
)
def test_admin_screens_raise_no_csp_violation(admin_page, url):
    assert violations_on(admin_page, url) == []


def test_the_form_field_editor_adds_a_field_without_csp_violation(admin_page):
    from events.models import RegistrationPage

    registration = RegistrationPage.objects.first()
    assert violations_on(admin_page, f"/admin/pages/{registration.pk}/edit/") == []
    children = admin_page.locator("#id_form_fields-FORMS [data-inline-panel-child]:not(.deleted)")
    before = children.count()
    admin_page.locator("#id_form_fields-ADD").click()
    children.nth(before).wait_for()
    assert csp_violations(admin_page) == []
