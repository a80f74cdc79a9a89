"""Mozilla's HTTP Observatory, applied to our responses: the public pages and the admin login score
A+ (100 points or more, no failing test).

The scoring follows "HTTP Observatory Scoring Methodology", MDN:
https://developer.mozilla.org/en-US/observatory/docs/tests_and_scoring (source:
https://github.com/mdn/yari/blob/main/copy/observatory/tests_and_scoring.md), test by test: baseline
100, penalties first, bonuses only when the penalised score is 90 or more. What a scanner needs a
network for (the HSTS preload list, crossdomain.xml) counts as absent: no bonus, no penalty."""

import re
from dataclasses import dataclass, field
from http.cookies import Morsel
from urllib.parse import urlsplit

import pytest

from django.test import Client, override_settings

from tests.config.test_security_headers import LANGUAGES, url_of

PRIVATE_REFERRER_POLICIES = {"no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"}
UNSAFE_REFERRER_POLICIES = {"origin", "origin-when-cross-origin", "unsafe-url", "no-referrer-when-downgrade"}
PASSIVE_DIRECTIVES = {"img-src", "media-src"}


@dataclass
class Result:
    modifiers: dict[str, int] = field(default_factory=dict)

    @property
    def score(self) -> int:
        penalised = 100 + sum(value for value in self.modifiers.values() if value < 0)
        bonus = sum(value for value in self.modifiers.values() if value > 0) if penalised >= 90 else 0
        return max(penalised + bonus, 0)

    @property
    def failures(self) -> dict[str, int]:
        return {test: value for test, value in self.modifiers.items() if value < 0}

    @property
    def grade_a_plus(self) -> bool:
        return self.score >= 100 and not self.failures


def parse_csp(header: str) -> dict[str, list[str]]:
    directives = (part.split() for part in header.split(";") if part.strip())
    return {words[0].lower(): words[1:] for words in directives}


def csp_test(headers) -> tuple[str, int]:
    if "Content-Security-Policy" not in headers:
        return "csp-not-implemented", -25
    policy = parse_csp(headers["Content-Security-Policy"])
    default = policy.get("default-src")
    script = policy.get("script-src", default)
    objects = policy.get("object-src", default)
    style = policy.get("style-src", default)
    if script is None or objects is None:
        return "csp-implemented-with-unsafe-inline", -20  # scripts or plugins not restricted
    # CSP level 2+: a nonce or hash makes browsers ignore 'unsafe-inline'.
    hashed = any(source.startswith(("'nonce-", "'sha256-", "'sha384-", "'sha512-")) for source in script)
    broad = {"*", "http:", "https:", "data:"}
    if ("'unsafe-inline'" in script and not hashed) or broad & set(script) or broad & set(objects):
        return "csp-implemented-with-unsafe-inline", -20
    if "'unsafe-eval'" in script:
        return "csp-implemented-with-unsafe-eval", -10
    insecure = {d for d, sources in policy.items() if any(s == "http:" or s.startswith("http://") for s in sources)}
    if insecure - PASSIVE_DIRECTIVES:
        return "csp-implemented-with-insecure-scheme", -20
    if insecure:
        return "csp-implemented-with-insecure-scheme-in-passive-content-only", -10
    if style is not None and ({"'unsafe-inline'", "data:", "https:", "*"} & set(style)):
        return "csp-implemented-with-unsafe-inline-in-style-src-only", 0
    if default == ["'none'"]:
        return "csp-implemented-with-no-unsafe-default-src-none", 10
    return "csp-implemented-with-no-unsafe", 5


def cookies_test(cookies: list[Morsel], hsts: bool) -> tuple[str, int]:
    if not cookies:
        return "cookies-not-found", 0
    session = [c for c in cookies if re.search("sess|login", c.key, re.IGNORECASE)]
    if any(not c["secure"] for c in session):
        return (
            ("cookies-session-without-secure-flag-but-protected-by-hsts", -10)
            if hsts
            else (
                "cookies-session-without-secure-flag",
                -40,
            )
        )
    if any(not c["httponly"] for c in session):
        return "cookies-session-without-httponly-flag", -30
    if any(c["samesite"] and c["samesite"].lower() not in {"strict", "lax"} for c in cookies):
        return "cookies-samesite-flag-invalid", -20
    if any("csrf" in c.key.lower() and not c["samesite"] for c in cookies):
        return "cookies-anticsrf-without-samesite-flag", -20
    if any(not c["secure"] for c in cookies):
        return (
            ("cookies-without-secure-flag-but-protected-by-hsts", -5) if hsts else ("cookies-without-secure-flag", -20)
        )
    if all(c["samesite"] for c in cookies):
        return "cookies-secure-with-httponly-sessions-and-samesite", 5
    return "cookies-secure-with-httponly-sessions", 0


def cors_test(headers) -> tuple[str, int]:
    if headers.get("Access-Control-Allow-Origin", "").strip() == "*":
        return "cross-origin-resource-sharing-implemented-with-public-access", 0
    if "Access-Control-Allow-Origin" in headers:
        return "cross-origin-resource-sharing-implemented-with-restricted-access", 0
    return "cross-origin-resource-sharing-not-implemented", 0


def redirection_test(http_response, host: str) -> tuple[str, int]:
    if http_response.status_code not in {301, 302, 307, 308}:
        return "redirection-missing", -20
    target = urlsplit(http_response["Location"])
    if target.scheme != "https":
        return "redirection-not-to-https-on-initial-redirection", -10
    if target.hostname != host:
        return "redirection-off-host-from-http", -5
    return "redirection-to-https", 0


def referrer_test(headers) -> tuple[str, int]:
    if "Referrer-Policy" not in headers:
        return "referrer-policy-not-implemented", 0
    policies = [p.strip().lower() for p in headers["Referrer-Policy"].split(",")]
    if policies[-1] in PRIVATE_REFERRER_POLICIES:
        return "referrer-policy-private", 5
    if policies[-1] in UNSAFE_REFERRER_POLICIES:
        return "referrer-policy-unsafe", -5
    return "referrer-policy-header-invalid", -5


def hsts_test(headers) -> tuple[str, int]:
    match = re.search(r"max-age=(\d+)", headers.get("Strict-Transport-Security", ""))
    if "Strict-Transport-Security" not in headers:
        return "hsts-not-implemented", -20
    if not match:
        return "hsts-header-invalid", -20
    if int(match.group(1)) < 15768000:
        return "hsts-implemented-max-age-less-than-six-months", -10
    return "hsts-implemented-max-age-at-least-six-months", 0


def sri_test(response, host: str) -> tuple[str, int]:
    if not response.get("Content-Type", "").startswith("text/html"):
        return "sri-not-implemented-response-not-html", 0
    scripts = re.findall(r"<script\b([^>]*)>", response.content.decode(), re.IGNORECASE)
    sources = [re.search(r"""\bsrc=["']?([^"' >]+)""", attrs) for attrs in scripts]
    external = [
        (s.group(1), attrs) for s, attrs in zip(sources, scripts, strict=True) if s and urlsplit(s.group(1)).netloc
    ]
    external = [(url, attrs) for url, attrs in external if urlsplit(url).hostname != host]
    if not external:
        return (
            ("sri-not-implemented-but-all-scripts-loaded-from-secure-origin", 0)
            if any(sources)
            else (
                "sri-not-implemented-but-no-scripts-loaded",
                0,
            )
        )
    if any(url.startswith("http:") for url, _ in external):
        return "sri-not-implemented-and-external-scripts-not-loaded-securely", -50
    if all("integrity=" in attrs for _, attrs in external):
        return "sri-implemented-and-external-scripts-loaded-securely", 5
    return "sri-not-implemented-but-external-scripts-loaded-securely", -5


def content_type_options_test(headers) -> tuple[str, int]:
    if "X-Content-Type-Options" not in headers:
        return "x-content-type-options-not-implemented", -5
    if headers["X-Content-Type-Options"].strip().lower() != "nosniff":
        return "x-content-type-options-header-invalid", -5
    return "x-content-type-options-nosniff", 0


def frame_options_test(headers) -> tuple[str, int]:
    if "frame-ancestors" in parse_csp(headers.get("Content-Security-Policy", "")):
        return "x-frame-options-implemented-via-csp", 5
    value = headers.get("X-Frame-Options", "").strip().lower()
    if not value:
        return "x-frame-options-not-implemented", -20
    if value in {"deny", "sameorigin"}:
        return "x-frame-options-sameorigin-or-deny", 0
    if value.startswith("allow-from"):
        return "x-frame-options-allow-from-origin", 0
    return "x-frame-options-header-invalid", -20


def resource_policy_test(headers) -> tuple[str, int]:
    value = headers.get("Cross-Origin-Resource-Policy", "").strip().lower()
    return {
        "": ("corp-not-implemented", 5),
        "same-origin": ("corp-implemented-with-same-origin", 0),
        "same-site": ("corp-implemented-with-same-site", 0),
        "cross-origin": ("corp-implemented-with-cross-origin", -20),
    }.get(value, ("corp-header-invalid", -20))


def observatory(client: Client, url: str, host: str = "testserver") -> Result:
    """Scan `url` as the Observatory does: over HTTP (expecting a redirect) and over HTTPS."""
    response = client.get(url, secure=True)
    headers = response.headers
    cookies = list(response.cookies.values())
    hsts = "Strict-Transport-Security" in headers
    results = [
        csp_test(headers),
        cookies_test(cookies, hsts),
        cors_test(headers),
        redirection_test(Client().get(url, secure=False), host),
        referrer_test(headers),
        hsts_test(headers),
        sri_test(response, host),
        content_type_options_test(headers),
        frame_options_test(headers),
        resource_policy_test(headers),
    ]
    return Result(dict(results))


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", ["home", "form", "document"])
def test_public_responses_score_a_plus(public_site, in_production, db, kind, language):
    result = observatory(Client(), url_of(public_site, kind, language))
    assert result.grade_a_plus, result.modifiers


def test_the_admin_login_scores_a_plus(public_site, in_production, db):
    result = observatory(Client(), "/admin/login/")
    assert result.grade_a_plus, result.modifiers


def test_the_scoring_fails_a_site_without_hsts_or_https_redirect(public_site, in_production, db):
    with override_settings(SECURE_HSTS_SECONDS=0, SECURE_SSL_REDIRECT=False):
        result = observatory(Client(), url_of(public_site, "home", "en"))
    assert not result.grade_a_plus
    assert set(result.failures) == {"hsts-not-implemented", "redirection-missing"}
