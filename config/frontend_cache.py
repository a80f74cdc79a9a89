"""A CDN in front of the app servers, switched on by environment alone (docs/deployment.md#cdn).

Wagtail's front-end cache invalidation (wagtail.contrib.frontend_cache) asks the CDN to forget a
page's addresses, in every language, when the page is published or unpublished. Each variable set
adds one backend; none set, none is configured and nothing is purged.
"""

from collections.abc import Mapping


def frontend_cache_backends(environ: Mapping[str, str]) -> dict:
    backends = {}
    if environ.get("FRONTEND_CACHE_PURGE_URL"):
        # Varnish, nginx's cache purge module, or anything else that takes `PURGE /path` with the
        # page's Host header.
        backends["http"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": environ["FRONTEND_CACHE_PURGE_URL"],
        }
    if environ.get("FRONTEND_CACHE_CLOUDFLARE_ZONEID"):
        backends["cloudflare"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "ZONEID": environ["FRONTEND_CACHE_CLOUDFLARE_ZONEID"],
            "BEARER_TOKEN": environ.get("FRONTEND_CACHE_CLOUDFLARE_TOKEN", ""),
        }
    if environ.get("FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION_ID"):
        # Credentials come from the usual AWS variables or the machine's role, as boto3 finds them.
        backends["cloudfront"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
            "DISTRIBUTION_ID": environ["FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION_ID"],
        }
    return backends
