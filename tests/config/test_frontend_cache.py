"""A CDN in front, configured by environment alone (config/frontend_cache.py): publishing a page asks
it to forget the page's address."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from django.test import override_settings

from config.frontend_cache import frontend_cache_backends
from home.factories import StandardPageFactory


def test_no_variable_no_cdn():
    assert frontend_cache_backends({}) == {}


def test_each_cdn_from_its_variables():
    backends = frontend_cache_backends(
        {
            "FRONTEND_CACHE_PURGE_URL": "http://10.0.0.5:6081",
            "FRONTEND_CACHE_CLOUDFLARE_ZONEID": "zone-1",
            "FRONTEND_CACHE_CLOUDFLARE_TOKEN": "token-1",
            "FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION_ID": "E123",
        }
    )
    assert backends == {
        "http": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": "http://10.0.0.5:6081"},
        "cloudflare": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "ZONEID": "zone-1",
            "BEARER_TOKEN": "token-1",
        },
        "cloudfront": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
            "DISTRIBUTION_ID": "E123",
        },
    }


def test_wagtail_accepts_every_backend_built_from_the_environment():
    from wagtail.contrib.frontend_cache.utils import get_backends

    settings = frontend_cache_backends(
        {
            "FRONTEND_CACHE_PURGE_URL": "http://10.0.0.5:6081",
            "FRONTEND_CACHE_CLOUDFLARE_ZONEID": "zone-1",
            "FRONTEND_CACHE_CLOUDFLARE_TOKEN": "token-1",
        }
    )
    assert set(get_backends(settings)) == {"http", "cloudflare"}


@pytest.fixture
def purge_server():
    """A cache on 127.0.0.1 that records every PURGE it is sent: [(Host, path)]."""
    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_PURGE(self):  # noqa: N802 - the HTTP method's name
            received.append((self.headers["Host"], self.path))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", received
    server.shutdown()
    server.server_close()


@pytest.mark.django_db
def test_publishing_and_unpublishing_purge_the_page_from_the_cdn(homes, purge_server):
    location, received = purge_server
    page = StandardPageFactory(parent=homes["nb"], title="Om oss", slug="om-oss")
    with override_settings(WAGTAILFRONTENDCACHE=frontend_cache_backends({"FRONTEND_CACHE_PURGE_URL": location})):
        page.title = "Om samarbeidet"
        page.save_revision().publish()
        assert ("testserver", "/nb/om-oss/") in received
        received.clear()
        page.unpublish()
        assert ("testserver", "/nb/om-oss/") in received
