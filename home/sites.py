"""The site's public address: one setting, PUBLIC_BASE_URL, that every absolute URL follows.

Mail links, the sitemap, feeds and cross-language redirects need the address visitors use. Wagtail
builds absolute URLs from its Site record (hostname and port), so the record is kept in step with the
setting: after every `migrate`, and by the demo loader. Edit the setting, not the record.
"""

from urllib.parse import urlsplit

from django.conf import settings

from wagtail.models import Page, Site


def public_base_url() -> str:
    return settings.PUBLIC_BASE_URL.rstrip("/")


def absolute_url(url: str) -> str:
    """`url` (a path, or already absolute) as an address visitors can open."""
    if not url or urlsplit(url).scheme:
        return url or ""
    return public_base_url() + "/" + url.lstrip("/")


def site_address() -> tuple[str, int]:
    parts = urlsplit(public_base_url())
    default_port = 443 if parts.scheme == "https" else 80
    return parts.hostname or "localhost", parts.port or default_port


def sync_default_site(root_page: Page | None = None) -> Site | None:
    """Point the default Site at PUBLIC_BASE_URL (and at `root_page` when given) and name it
    WAGTAIL_SITE_NAME, which heads the admin's dashboard (Wagtail shows the hostname for a Site
    without a name); create it if needed."""
    hostname, port = site_address()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        if root_page is None:
            return None
        return Site.objects.create(
            hostname=hostname,
            port=port,
            root_page=root_page,
            is_default_site=True,
            site_name=settings.WAGTAIL_SITE_NAME,
        )
    changed = {"hostname": hostname, "port": port, "site_name": settings.WAGTAIL_SITE_NAME}
    if root_page is not None:
        changed["root_page"] = root_page
    if any(getattr(site, name) != value for name, value in changed.items()):
        for name, value in changed.items():
            setattr(site, name, value)
        site.save()
    return site
