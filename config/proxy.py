"""The visitor's address behind proxies. gunicorn sets REMOTE_ADDR to whoever opened the connection:
behind a TLS proxy or load balancer that is the proxy, for every visitor, so the form rate limit
(home/spam.py) and the login lockout (django-axes) would count everyone as one address. With
TRUSTED_PROXY_COUNT proxies in front, each appending the address it received the request from to
X-Forwarded-For, the visitor is the entry that many places from the right; entries further left are
whatever the visitor sent and are never believed."""

from django.conf import settings


class ClientAddressMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.proxies = max(int(getattr(settings, "TRUSTED_PROXY_COUNT", 0)), 0)

    def __call__(self, request):
        if self.proxies:
            forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
            addresses = [address.strip() for address in forwarded.split(",") if address.strip()]
            # Fewer entries than proxies: the request did not come through all of them; keep the peer.
            if len(addresses) >= self.proxies:
                request.META["REMOTE_ADDR"] = addresses[-self.proxies]
        return self.get_response(request)
