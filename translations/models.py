"""What the translation workflow stores (the changes an editor marked as minor), and the romanising of
the slugs translators type in wagtail-localize's editor."""

import json

from django.conf import settings
from django.db import models
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from wagtail_localize.models import SegmentOverride

from home.content_cache import invalidate
from home.text import slugify_ascii


class MinorEdit(models.Model):
    """A published change to a source page that its editor marked as minor (a typo, a link): it does not
    make the page's translations out of date, for translators on the dashboard or for readers."""

    revision = models.OneToOneField(
        "wagtailcore.Revision",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="minor_edit",
        verbose_name=_("revision"),
    )
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("marked by")
    )
    marked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        # Made when the model lived in home (home/migrations/0009_minor_edits.py); moved without a copy.
        db_table = "home_minoredit"
        verbose_name = _("minor edit")
        verbose_name_plural = _("minor edits")

    def __str__(self):
        return f"{self.revision}"


@receiver(post_save, sender=MinorEdit)
@receiver(post_delete, sender=MinorEdit)
def _minor_edit_changed(**kwargs):
    invalidate()  # the readers' notices are cached with the site's content cache (translations/templatetags/translation_tags.py)


@receiver(pre_save, sender=SegmentOverride)
def romanise_a_translators_slug(sender, instance, **kwargs):
    """A slug a translator types in the translation editor (any script), romanised as our own slugs
    are (home.text.slugify_ascii) before wagtail-localize applies it: it passes the value through
    Django's slugify, which would drop every Cyrillic letter."""
    if instance.context.path != "slug":
        return
    value = json.loads(instance.data_json)
    if isinstance(value, str):
        instance.data_json = json.dumps(slugify_ascii(value))
