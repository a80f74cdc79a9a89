"""Wagtail's automatic redirects on a slug change, except for a page that was never published: it
had no address anyone could have used. A new translation gets its own slug right after
wagtail-localize copies the source page, and would otherwise leave a redirect per page."""

from wagtail.contrib.redirects.signal_handlers import autocreate_redirects_on_slug_change


def redirects_for_published_pages(sender, instance_before, instance, **kwargs) -> None:
    if instance_before.first_published_at is None and not instance_before.live:
        return
    autocreate_redirects_on_slug_change(instance_before=instance_before, instance=instance, **kwargs)
