"""Addresses typed or pasted with letters outside ASCII (Cyrillic, Norwegian letters, emoji) answer a
404, or a redirect to the page whose slugs are that address romanised, never a 500. Asked of the WSGI
application as deployed (config.wsgi, with the environ gunicorn builds) and of Django's test client."""

import io
import sys
from urllib.parse import unquote_to_bytes

import pytest

from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from home.factories import StandardPageFactory, homes_in_every_language

pytestmark = pytest.mark.django_db

# (address as sent, status, where a redirect leads)
ADDRESSES = [
    ("/uk/%D0%BF%D1%80%D0%BE-%D1%81%D0%BF%D1%96%D0%B2%D0%BF%D1%80%D0%B0%D1%86%D1%8E/", 301, "/uk/pro-spivpratsiu/"),
    ("/uk/Про-співпрацю/?requested=en", 301, "/uk/pro-spivpratsiu/?requested=en"),
    ("/uk/про-співпрацю/новини/", 301, "/uk/pro-spivpratsiu/novyny/"),
    ("/nb/bl%C3%A5b%C3%A6r-og-tytteb%C3%A6r/", 301, "/nb/blabaer-og-tyttebaer/"),
    ("/nb/Tromsø/", 404, None),
    ("/nb/%D0%9A/", 404, None),
    ("/en/кривий-ріг/", 404, None),
    ("/en/%F0%9F%87%BA%F0%9F%87%A6/", 404, None),
    ("/nb/😀/", 404, None),
    ("/uk/про-співпрацю/😀/", 404, None),
]


@pytest.fixture(scope="module")
def pages(module_transaction):
    homes = homes_in_every_language()
    about = StandardPageFactory(parent=homes["uk"], locale=homes["uk"].locale, title="Про співпрацю")
    StandardPageFactory(parent=about, locale=homes["uk"].locale, title="Новини")
    # The slug as the admin's slug field fills it from the title, which saving romanises.
    berries = StandardPageFactory(
        parent=homes["nb"], locale=homes["nb"].locale, title="Blåbær og tyttebær", slug="blåbær-og-tyttebær"
    )
    assert (about.url, berries.url) == ("/uk/pro-spivpratsiu/", "/nb/blabaer-og-tyttebaer/")


@pytest.fixture
def deployed(settings):
    """config.wsgi's application with the page cache on, as production runs it."""
    settings.PAGE_CACHE_TIMEOUT = 600
    from config.wsgi import application

    # As the test client does: closing "old" connections would end the test's transaction.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield application
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def gunicorn_get(application, address: str) -> tuple[int, dict]:
    """GET `address` as gunicorn hands it over: PATH_INFO is the percent-decoded bytes read as Latin-1."""
    path, _, query = address.partition("?")
    environ = {
        "REQUEST_METHOD": "GET",
        "SCRIPT_NAME": "",
        "PATH_INFO": unquote_to_bytes(path).decode("latin-1"),
        "QUERY_STRING": query,
        "RAW_URI": address,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "testserver",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    answered = {}

    def start_response(status, headers, exc_info=None):
        for name, value in headers:  # what a server can write: Latin-1 only
            f"{name}: {value}".encode("latin-1")
        answered.update(status=int(status.split()[0]), headers=dict(headers))

    response = application(environ, start_response)
    try:
        b"".join(response)
    finally:
        getattr(response, "close", lambda: None)()
    return answered["status"], answered["headers"]


@pytest.mark.parametrize(("address", "status", "location"), ADDRESSES)
def test_through_the_deployed_application(deployed, pages, address, status, location):
    answered, headers = gunicorn_get(deployed, address)
    assert answered == status
    assert headers.get("Location") == location


@pytest.mark.parametrize(("address", "status", "location"), ADDRESSES)
def test_through_the_test_client(client, pages, address, status, location):
    response = client.get(address)
    assert response.status_code == status
    assert response.get("Location") == location


def test_a_romanised_address_of_no_page_is_not_found(client, pages):
    assert client.get("/uk/Про-нас/").status_code == 404
