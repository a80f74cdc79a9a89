"""Who organises an event: the organisations (a snippet, which may link to a partner profile), each
event's organisers in the editor's order, and its steering group."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.i18n import source_of
from home.models import Person, TranslatableSnippet


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


class EventOrganiser(Orderable):
    """An organiser of the event, in the order the editor chose. The organisation is shown in the
    visitor's language, so the link itself needs no translation."""

    page = ParentalKey("events.EventPage", on_delete=models.CASCADE, related_name="organisers")
    organisation = models.ForeignKey("events.Organisation", verbose_name=_("organisation"), on_delete=models.CASCADE)

    panels = [FieldPanel("organisation")]

    class Meta(Orderable.Meta):
        verbose_name = _("organiser")
        verbose_name_plural = _("organisers")


class SteeringGroupMember(TranslatableMixin, Orderable):
    """A person in the event's steering group with their role in it (chair, member), which is
    translated with the page."""

    page = ParentalKey("events.EventPage", on_delete=models.CASCADE, related_name="steering_group")
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="+")
    role = models.CharField(_("role"), max_length=100, blank=True, help_text=_("For example chair or member."))

    panels = [FieldPanel("person"), FieldPanel("role")]
    # The person is shown in the visitor's language at render time, so translating the page must not
    # require translating the person first: only the role is translated with the page.
    translatable_fields = [TranslatableField("role"), SynchronizedField("person")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("steering group member")
        verbose_name_plural = _("steering group")
        ordering = ["sort_order"]

    def __str__(self):
        return f"{self.person} ({self.role})" if self.role else str(self.person)
