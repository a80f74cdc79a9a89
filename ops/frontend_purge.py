"""What the front cache (Varnish, a CDN: docs/deployment.md) forgets beyond what Wagtail purges itself.

Wagtail's frontend_cache purges a page's own address when it is published or unpublished. Its
translations show it too (the language switcher, the "original updated" notice), so they are purged
with it; and a view restriction added, changed or removed purges every page it covers, in every
language, so that a page made private is never served from the front cache again.
"""

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished


def purge(pages) -> None:
    if settings.WAGTAILFRONTENDCACHE:
        batch = PurgeBatch()
        batch.add_pages(pages)
        batch.purge()


@receiver(page_published)
@receiver(page_unpublished)
def purge_translations(sender, instance, **kwargs) -> None:
    purge(Page.objects.filter(translation_key=instance.translation_key).exclude(pk=instance.pk))


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def purge_restricted_section(sender, instance, **kwargs) -> None:
    covered = instance.page.get_descendants(inclusive=True).values("translation_key")
    purge(Page.objects.filter(translation_key__in=covered))
