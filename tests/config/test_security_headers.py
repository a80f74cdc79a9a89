"""Security headers on every kind of response, in every language, with the production settings
(docs/security.md)."""

import re

import pytest

from django.contrib.auth import get_user_model
from django.test import Client

from tests.roles import sign_in

LANGUAGES = ("nb", "uk", "en")
KINDS = ("home", "form", "404", "admin login", "document")
ONE_YEAR = 365 * 24 * 60 * 60


def url_of(site: dict, kind: str, language: str) -> str:
    return {
        "home": site["homes"][language].url,
        "form": site["forms"][language].url,
        "404": f"/{language}/finnes-ikke/",
        "admin login": "/admin/login/",
        "document": site["document"].url,
    }[kind]


@pytest.fixture(scope="module")
def responses(public_site, in_production):
    """Every kind of URL in every language, fetched once over HTTPS as the production server answers:
    {(kind, language): response}."""
    client = Client()
    return {
        (kind, language): client.get(url_of(public_site, kind, language), secure=True, HTTP_ACCEPT_LANGUAGE=language)
        for kind in KINDS
        for language in LANGUAGES
    }


@pytest.fixture
def get(responses, db):
    return lambda kind, language: responses[kind, language]


def csp(response) -> dict[str, list[str]]:
    directives = (part.split() for part in response["Content-Security-Policy"].split(";") if part.strip())
    return {words[0]: words[1:] for words in directives}


EVERY_RESPONSE = [(kind, language) for kind in KINDS for language in LANGUAGES]


@pytest.mark.parametrize(("kind", "language"), EVERY_RESPONSE)
def test_every_response_answers_with_the_status_its_kind_has(get, kind, language):
    assert get(kind, language).status_code == (404 if kind == "404" else 200)


@pytest.mark.parametrize(("kind", "language"), EVERY_RESPONSE)
def test_hsts_lasts_at_least_a_year(get, kind, language):
    hsts = get(kind, language)["Strict-Transport-Security"]
    assert int(re.search(r"max-age=(\d+)", hsts).group(1)) >= ONE_YEAR


@pytest.mark.parametrize(("kind", "language"), EVERY_RESPONSE)
def test_content_types_are_never_sniffed(get, kind, language):
    assert get(kind, language)["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(("kind", "language"), EVERY_RESPONSE)
def test_no_site_may_frame_a_public_response(get, kind, language):
    response = get(kind, language)
    assert response["X-Frame-Options"] == "DENY"
    expected = ["'self'"] if kind == "admin login" else ["'none'"]
    assert csp(response)["frame-ancestors"] == expected


@pytest.mark.parametrize(("kind", "language"), EVERY_RESPONSE)
def test_referrer_is_at_most_the_origin_across_sites(get, kind, language):
    assert get(kind, language)["Referrer-Policy"] == "strict-origin-when-cross-origin"


@pytest.mark.parametrize(("kind", "language"), EVERY_RESPONSE)
def test_no_other_site_opens_a_window_into_ours(get, kind, language):
    assert get(kind, language)["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.parametrize(("kind", "language"), EVERY_RESPONSE)
def test_powerful_browser_features_are_off(get, kind, language):
    policy = get(kind, language)["Permissions-Policy"]
    assert "camera=()" in policy
    assert "geolocation=()" in policy
    assert "microphone=()" in policy


@pytest.mark.parametrize("language", LANGUAGES)
def test_public_pages_run_no_inline_script(get, language):
    policy = csp(get("home", language))
    assert policy["script-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_admin_login_runs_only_its_own_inline_scripts(get, language):
    script_src = csp(get("admin login", language))["script-src"]
    assert script_src[0] == "'self'"
    assert "'unsafe-inline'" not in script_src
    assert all(source.startswith("'sha256-") for source in script_src[1:])


def test_signed_in_editors_get_the_admin_policy_with_inline_scripts(client, production_security, homes):
    # Wagtail's InlinePanel and date choosers run inline scripts it clones at run time (wagtail/wagtail#1288).
    user = get_user_model().objects.create_superuser("admin", "admin@s2pu.example", "a-long-admin-password")
    sign_in(client, user)
    policy = csp(client.get("/admin/", secure=True))
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    # wagtail-localize's translation editor injects its styles (styled-components).
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["frame-ancestors"] == ["'self'"]


def test_a_served_document_runs_sandboxed(get):
    policy = csp(get("document", "en"))
    assert policy["default-src"] == ["'none'"]
    assert "sandbox" in policy


def test_plain_http_is_redirected_to_https_on_the_same_host(client, production_security, homes):
    response = client.get("/en/", secure=False)
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/en/"
