from django.conf import settings
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from ..chrome_cache import invalidate


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
        verbose_name = _("minor edit")
        verbose_name_plural = _("minor edits")

    def __str__(self):
        return f"{self.revision}"


@receiver(post_save, sender=MinorEdit)
@receiver(post_delete, sender=MinorEdit)
def _minor_edit_changed(**kwargs):
    invalidate()  # the readers' notices are cached with the site's chrome (home/templatetags/translation_tags.py)
