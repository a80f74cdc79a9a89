"""The visitor's address behind proxies (config/proxy.py): what the form rate limit and the login
lockout count."""

import pytest

from django.http import HttpResponse
from django.test import RequestFactory

from config.proxy import ClientAddressMiddleware


def address_seen(settings, proxies: int, forwarded: str | None) -> str:
    settings.TRUSTED_PROXY_COUNT = proxies
    seen = {}

    def view(request):
        seen["address"] = request.META["REMOTE_ADDR"]
        return HttpResponse()

    headers = {} if forwarded is None else {"HTTP_X_FORWARDED_FOR": forwarded}
    ClientAddressMiddleware(view)(RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", **headers))
    return seen["address"]


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "198.51.100.7", "10.0.0.2"),  # no proxy configured: the header is anyone's claim
        (1, "198.51.100.7", "198.51.100.7"),
        (1, "6.6.6.6, 198.51.100.7", "198.51.100.7"),  # the visitor's own entry is never believed
        (2, "6.6.6.6, 198.51.100.7, 10.0.0.1", "198.51.100.7"),
        (2, "198.51.100.7", "10.0.0.2"),  # fewer entries than proxies: not through all of them
        (1, None, "10.0.0.2"),
        (1, " , ", "10.0.0.2"),
    ],
)
def test_the_visitor_is_the_entry_the_nearest_trusted_proxy_names(settings, proxies, forwarded, expected):
    assert address_seen(settings, proxies, forwarded) == expected


def test_the_rate_limit_counts_visitors_not_the_proxy(settings, rf):
    from home.spam import client_key

    settings.TRUSTED_PROXY_COUNT = 1
    keys = set()
    for visitor in ("198.51.100.7", "198.51.100.8"):
        request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=visitor)
        ClientAddressMiddleware(lambda request: HttpResponse())(request)
        keys.add(client_key(request))
    assert len(keys) == 2
