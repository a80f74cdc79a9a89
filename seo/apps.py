from django.apps import AppConfig


class SeoConfig(AppConfig):
    """Search engines and addresses that move. Listed after wagtail.contrib.redirects in
    INSTALLED_APPS: its ready() has connected Wagtail's redirect handler by the time this one runs."""

    name = "seo"

    def ready(self):
        from wagtail.contrib.redirects.signal_handlers import autocreate_redirects_on_slug_change
        from wagtail.signals import page_slug_changed

        from .redirects import redirects_for_published_pages

        page_slug_changed.disconnect(autocreate_redirects_on_slug_change)
        page_slug_changed.connect(redirects_for_published_pages)
