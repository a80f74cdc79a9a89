from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MinorEdit(models.Model):
    """A published change to a source page that its editor marked as minor (a typo, a link): it does not
    make the page's translations out of date, for translators on the dashboard or for readers."""

    revision = models.OneToOneField(
        "wagtailcore.Revision", on_delete=models.CASCADE, primary_key=True, related_name="minor_edit"
    )
    marked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    marked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("minor edit")
        verbose_name_plural = _("minor edits")

    def __str__(self):
        return f"{self.revision}"
