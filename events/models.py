"""The yearly conference: an index of events, one page per event with its days."""

from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index

from home.blocks import BaseStreamBlock
from home.models import BasePage

EVENTS_PER_PAGE = 10


class EventIndexPage(BasePage):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]

    class Meta:
        verbose_name = _("event index")

    def events(self):
        return EventPage.objects.child_of(self).live().public().select_related("locale")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        today = timezone.localdate()
        context["upcoming"] = self.events().filter(end_date__gte=today).order_by("start_date")
        past = self.events().filter(end_date__lt=today).order_by("-start_date")
        context["past"] = Paginator(past, EVENTS_PER_PAGE).get_page(request.GET.get("page"))
        return context


class EventPage(BasePage):
    theme = models.CharField(_("theme"), max_length=255, blank=True)
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    intro = models.TextField(_("introduction"), blank=True)
    target_audience = models.TextField(_("target audience"), blank=True)
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    venue_address = models.CharField(_("address"), max_length=300, blank=True)
    venue_map_url = models.URLField(_("map link"), blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [FieldPanel("theme"), FieldPanel("start_date"), FieldPanel("end_date"), FieldPanel("intro")],
            heading=_("Event"),
        ),
        InlinePanel("days", label=_("Days"), min_num=1),
        MultiFieldPanel(
            [
                FieldPanel("venue_name"),
                FieldPanel("venue_address"),
                FieldPanel("venue_map_url"),
                FieldPanel("latitude"),
                FieldPanel("longitude"),
            ],
            heading=_("Venue"),
        ),
        FieldPanel("target_audience"),
        MultiFieldPanel([FieldPanel("contact_email"), FieldPanel("contact_phone")], heading=_("Contact")),
        FieldPanel("hero_image"),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("theme"),
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = ["events.RegistrationPage"]

    class Meta:
        verbose_name = _("event")


class EventDay(TranslatableMixin, Orderable):
    """One day of an event. Its translation_key ties the day together across the three languages, so
    capacity and registrations are counted once whatever language a visitor registers in."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="days")
    date = models.DateField(_("date"))
    title = models.CharField(_("title or theme"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Places on this day. Empty means no limit.")
    )

    panels = [FieldPanel("date"), FieldPanel("title"), FieldPanel("description"), FieldPanel("capacity")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("day")
        verbose_name_plural = _("days")
        ordering = ["sort_order"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d}: {self.title}"


# Registration lives in its own module; Django finds its models through this import.
from .registration import Registration, RegistrationDay, RegistrationFormField, RegistrationPage  # noqa: E402, F401
