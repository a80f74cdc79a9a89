"""The event's snippets: the organisations that organise events and the log of programme changes."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import PreviewableMixin, TranslatableMixin
from wagtail.search import index

from home.i18n import source_of
from home.models import TranslatableSnippet


class Organisation(index.Indexed, TranslatableSnippet):
    """An organiser of an event. A snippet until partner profiles exist; then it may link to one."""

    name = models.CharField(_("name"), max_length=200)
    url = models.URLField(_("web address"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    partner_page = models.ForeignKey(
        "partnerships.PartnerPage",
        verbose_name=_("partner profile"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("When set, the organisation links to its profile, in the reader's language."),
    )

    preview_template = "events/previews/organisation.html"
    panels = [FieldPanel("name"), FieldPanel("url"), FieldPanel("logo"), FieldPanel("partner_page")]
    search_fields = [index.SearchField("name"), index.FilterField("locale")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def localized_or_source(self):
        """This organisation in the active language, falling back to the source-language record."""
        return source_of(self).localized


class ProgrammeChange(PreviewableMixin, models.Model):
    """A change to a published programme, recorded when the changed page is published. Written in the
    page's language; editors may reword it in the admin, and see it as readers will before saving."""

    event = models.ForeignKey(
        "events.EventPage", verbose_name=_("event"), on_delete=models.CASCADE, related_name="programme_changes"
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now, db_index=True)
    description = models.TextField(_("description"))

    panels = [FieldPanel("changed_at"), FieldPanel("description")]

    class Meta:
        verbose_name = _("programme change")
        verbose_name_plural = _("programme changes")
        ordering = ["-changed_at", "-pk"]

    def __str__(self):
        return self.description

    def get_preview_template(self, request, mode_name):
        return "events/previews/programme_change.html"

    def get_preview_context(self, request, mode_name):
        return {**super().get_preview_context(request, mode_name), "page": self.event, "changes": [self]}
