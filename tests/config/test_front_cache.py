"""The front cache as docs/deployment.md runs it: Varnish with docs/varnish/s2pu.vcl in front of the
site, purged by Wagtail (wagtail.contrib.frontend_cache and ops/frontend_purge.py).

A publish, an unpublish or a view restriction purges the page in every language at once; what a
signed-in user, a pending message or a form with errors answers is never stored. Skipped where
varnishd is not installed, unless REQUIRE_VARNISH is set (CI installs it).
"""

import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from django.conf import settings
from django.test import Client, override_settings

from wagtail.models import PageViewRestriction, Site

from config.frontend_cache import frontend_cache_backends
from home.factories import StandardPageFactory, publish_translation
from tests.roles import sign_in

VCL = Path(settings.BASE_DIR) / "docs" / "varnish" / "s2pu.vcl"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def varnish(live_server, transactional_db, django_db_serialized_rollback, tmp_path):
    """varnishd on a free port in front of the live server: its address, "http://127.0.0.1:port"."""
    executable = shutil.which("varnishd") or ("/usr/sbin/varnishd" if Path("/usr/sbin/varnishd").exists() else None)
    if executable is None:
        if os.environ.get("REQUIRE_VARNISH"):
            pytest.fail("REQUIRE_VARNISH is set but varnishd is missing (apt install varnish)", pytrace=False)
        pytest.skip("varnishd not installed (apt install varnish)")
    backend_port = live_server.url.rsplit(":", 1)[1]
    vcl = tmp_path / "s2pu.vcl"
    vcl.write_text(VCL.read_text().replace('.port = "8000";', f'.port = "{backend_port}";'))
    port = free_port()
    # No privilege separation (-j none): the test's files belong to whoever runs the tests.
    command = [
        executable,
        "-F",
        "-j",
        "none",
        "-a",
        f"127.0.0.1:{port}",
        "-f",
        str(vcl),
        "-n",
        str(tmp_path / "varnish"),
    ]
    command += ["-s", "malloc,32m"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)  # noqa: S603
    address = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                if process.poll() is not None:
                    pytest.fail(f"varnishd stopped: {process.stdout.read().decode()[-2000:]}")
                time.sleep(0.05)
        yield address
    finally:
        process.terminate()
        process.wait(timeout=10)


def fetch(url: str, cookie: str = "") -> tuple[int, dict, str]:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


@pytest.fixture
def pages(transactional_db, django_db_serialized_rollback, varnish, homes):
    """An about page in nb, uk and en, on a Site whose address is Varnish's, so that Wagtail's purges
    name the addresses visitors use; purges go to Varnish."""
    port = int(varnish.rsplit(":", 1)[1])
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "127.0.0.1", port
    site.save()
    about = StandardPageFactory(parent=homes["nb"], title="Om oss", slug="om-oss")
    result = {"nb": about}
    for code in ("uk", "en"):
        result[code] = publish_translation(about, code, title=f"about-{code}")
    backends = frontend_cache_backends({"FRONTEND_CACHE_PURGE_URL": varnish})
    # The public address is Varnish's, as a deployment's is the front cache's.
    with override_settings(
        WAGTAILFRONTENDCACHE=backends, PAGE_CACHE_TIMEOUT=0, PAGE_CACHE_SHARED_MAX_AGE=3600, PUBLIC_BASE_URL=varnish
    ):
        yield result


def kept_in_every_language(varnish, pages) -> dict[str, str]:
    """Each language's page asked twice through Varnish; the second answer's X-Front-Cache."""
    answers = {}
    for code, page in pages.items():
        fetch(varnish + page.url)
        _status, headers, _body = fetch(varnish + page.url)
        answers[code] = headers.get("X-Front-Cache")
    return answers


def test_a_public_page_is_kept_in_every_language(varnish, pages):
    assert kept_in_every_language(varnish, pages) == {"nb": "hit", "uk": "hit", "en": "hit"}


def test_a_publish_purges_the_page_in_every_language_at_once(varnish, pages):
    kept_in_every_language(varnish, pages)
    pages["nb"].title = "Om samarbeidet"
    pages["nb"].save_revision().publish()
    for code, page in pages.items():
        status, headers, body = fetch(varnish + page.url)
        assert (status, headers["X-Front-Cache"]) == (200, "miss"), code
    assert "Om samarbeidet" in fetch(varnish + pages["nb"].url)[2]


def test_an_unpublish_purges_the_page_in_every_language_at_once(varnish, pages):
    kept_in_every_language(varnish, pages)
    pages["uk"].unpublish()
    assert fetch(varnish + pages["uk"].url)[0] == 404
    for code in ("nb", "en"):
        assert fetch(varnish + pages[code].url)[1]["X-Front-Cache"] == "miss", code


def test_a_view_restriction_purges_what_it_covers_in_every_language(varnish, pages):
    kept_in_every_language(varnish, pages)
    PageViewRestriction.objects.create(page=pages["nb"], restriction_type="login")
    status, _headers, body = fetch(varnish + pages["nb"].url)
    assert status == 302 or "Om oss" not in body
    for code in ("uk", "en"):
        assert fetch(varnish + pages[code].url)[1]["X-Front-Cache"] == "miss", code
    assert fetch(varnish + pages["nb"].url)[1].get("X-Front-Cache") != "hit"


def test_a_signed_in_users_page_is_never_stored(varnish, pages, admin_user):
    visitor = Client()
    sign_in(visitor, admin_user)
    cookie = f"{settings.SESSION_COOKIE_NAME}={visitor.cookies[settings.SESSION_COOKIE_NAME].value}"
    url = varnish + pages["nb"].url
    for _ in range(2):
        _status, headers, editors = fetch(url, cookie=cookie)
        assert headers["X-Front-Cache"] == "miss"
    assert "wagtail-userbar" in editors
    _status, _headers, anonymous = fetch(url)
    assert "wagtail-userbar" not in anonymous


def test_a_request_with_a_pending_message_is_never_answered_from_the_cache(varnish, pages):
    url = varnish + pages["nb"].url
    fetch(url)
    assert fetch(url)[1]["X-Front-Cache"] == "hit"
    assert fetch(url, cookie="messages=pending")[1]["X-Front-Cache"] == "miss"


def test_a_form_with_errors_is_never_stored(varnish, pages, homes):
    import http.cookiejar
    import json
    from urllib.parse import urlencode

    from home.forms import HONEYPOT_FIELD
    from tests.config.conftest import make_interest_forms

    form_url = varnish + make_interest_forms(homes)["nb"].url
    fetch(form_url)
    assert fetch(form_url)[1]["X-Front-Cache"] == "hit"
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    token = json.loads(browser.open(varnish + "/csrf-token", timeout=10).read())["token"]
    answers = urlencode({"csrfmiddlewaretoken": token, HONEYPOT_FIELD: ""}).encode()
    with browser.open(urllib.request.Request(form_url, data=answers, method="POST"), timeout=10) as refused:  # noqa: S310
        assert "error-summary" in refused.read().decode()
        assert refused.headers["X-Front-Cache"] == "miss"
    _status, headers, body = fetch(form_url)
    assert headers["X-Front-Cache"] == "hit"
    assert "error-summary" not in body
