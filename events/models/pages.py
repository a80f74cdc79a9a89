"""The conference's pages: the index of events, and one page per event, which shows its days,
programme, organisers and steering group in the reader's language and offers its calendar files,
its feed of programme changes and its schema.org data."""

import datetime
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db import models
from django.db.models import Q, prefetch_related_objects
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, re_path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from home import content_cache
from home.blocks import BaseStreamBlock
from home.dates import clock
from home.i18n import active_language, default_locale, in_reader_language, source_of
from home.models import BasePage, BasePageForm, HeroImageDescriptionMixin, Person
from home.routes import LocalisedRoutablePageMixin, localised_path, romanised

from ..calendar import calendar_response, events_calendar, session_calendar
from ..feeds import ProgrammeChangesFeed
from ..structured_data import event_json_ld
from .organisers import Organisation

EVENTS_PER_PAGE = 10
# A long programme is read a page at a time: 50 sessions is a full day of a large conference.
PROGRAMME_SESSIONS_PER_PAGE = 50


class EventIndexPage(RoutablePageMixin, BasePage):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    api_fields = [APIField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]
    schema_type = "CollectionPage"

    class Meta:
        verbose_name = _("event index")

    def events(self):
        """Live events in this index's language, plus source-language events not yet translated into
        it (marked by their own locale), in one query whatever their number."""
        own = Q(path__startswith=self.path, depth=self.depth + 1)
        default = default_locale()
        source = self.get_translation_or_none(default) if self.locale_id != default.pk else None
        if source is not None:
            translated_keys = EventPage.objects.filter(own).values("translation_key")
            own |= Q(path__startswith=source.path, depth=source.depth + 1) & ~Q(translation_key__in=translated_keys)
        return EventPage.objects.filter(own).live().public().select_related("locale")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        today = timezone.localdate()

        def upcoming():
            events = self.events().filter(end_date__gte=today).order_by("start_date", "pk")
            return Paginator(events, EVENTS_PER_PAGE).get_page(request.GET.get("upcoming"))

        def past():
            events = self.events().filter(end_date__lt=today).order_by("-start_date", "pk")
            return Paginator(events, EVENTS_PER_PAGE).get_page(request.GET.get("page"))

        # Read only when the template draws its cached lists (templatetags/fragment_cache.py), which are kept for
        # the day: an event moves from upcoming to past at midnight. Even building the queries asks
        # for the view restrictions (`.public()`), so that too waits.
        context["today"] = today.isoformat()
        context["upcoming"] = SimpleLazyObject(upcoming)
        context["past"] = SimpleLazyObject(past)
        return context

    @re_path(r"^calendar\.ics/$")
    def calendar(self, request):
        """A calendar feed of every event in this language, for calendar apps to subscribe to."""
        events = list(self.events().order_by("start_date").prefetch_related("days", "sessions"))
        return calendar_response(events_calendar(events, request, name=self.title), "events.ics")


class EventPageForm(BasePageForm):
    """Checks that cross the inline panels: two days never share a date, and a session falls on one of
    the event's days."""

    def clean(self):
        cleaned_data = super().clean()
        days = set()
        for form in self.formsets["days"].forms:
            if not form.is_valid() or form.cleaned_data.get("DELETE") or not form.cleaned_data.get("date"):
                continue
            date = form.cleaned_data["date"]
            if date in days:
                # Registrations are counted per day; two days with one date would split its places.
                form.add_error("date", _("Another day already has this date."))
                self.add_error(None, _("Two days of the event have the same date."))
            days.add(date)
        for form in self.formsets["sessions"].forms:
            if not form.is_valid() or form.cleaned_data.get("DELETE"):
                continue
            date = form.cleaned_data.get("date")
            if date and date not in days:
                form.add_error("date", _("Choose one of the event's days."))
                # The inline form's error alone would not stop the page from saving.
                self.add_error(None, _("A programme session is on a date that is not one of the event's days."))
        return cleaned_data

    def save(self, commit=True):
        page = super().save(commit=False)
        # The days just edited are in memory now: the revision and the preview show their dates.
        page.set_dates_from_days()
        if commit:
            page.save()
            self.save_m2m()
        return page


class EventPage(LocalisedRoutablePageMixin, HeroImageDescriptionMixin, BasePage):
    theme = models.CharField(_("theme"), max_length=255, blank=True)
    # The dates of the days are the one place an editor types them; these two follow from them on every
    # save (set_dates_from_days), kept as columns so that lists can sort and filter by them.
    start_date = models.DateField(_("first day"), editable=False)
    end_date = models.DateField(_("last day"), editable=False)
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
    status = models.CharField(
        _("status"),
        max_length=20,
        default="scheduled",
        choices=[
            ("scheduled", _("Takes place as planned")),
            ("postponed", _("Postponed")),
            ("cancelled", _("Cancelled")),
        ],
        help_text=_("Shown to search engines and calendar apps."),
    )
    attendance_mode = models.CharField(
        _("attendance"),
        max_length=20,
        default="offline",
        choices=[("offline", _("In person")), ("online", _("Online")), ("mixed", _("In person and online"))],
    )
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))
    change_note = models.TextField(
        _("note on the change"),
        blank=True,
        help_text=_(
            "Optional. When you publish a changed programme, this text is listed under Changes instead of the "
            "description written automatically. A note is listed once; write a new one for the next change."
        ),
    )

    base_form_class = EventPageForm
    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("theme"),
                FieldPanel("intro"),
                FieldRowPanel([FieldPanel("status"), FieldPanel("attendance_mode")]),
            ],
            heading=_("Event"),
        ),
        InlinePanel(
            "days",
            label=_("Days"),
            min_num=1,
            help_text=_(
                "The event's dates are its days. Places per day and when registration opens are set on the "
                "registration form."
            ),
        ),
        MultiFieldPanel(
            [
                FieldPanel("venue_name"),
                FieldPanel("venue_address"),
                FieldPanel("venue_map_url"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Venue"),
        ),
        FieldPanel("target_audience"),
        InlinePanel("organisers", label=_("Organisers")),
        InlinePanel("steering_group", label=_("Steering group")),
        MultiFieldPanel([FieldPanel("contact_email"), FieldPanel("contact_phone")], heading=_("Contact")),
        MultiFieldPanel([FieldPanel("hero_image"), FieldPanel("hero_image_alt")], heading=_("Image")),
        FieldPanel("body"),
    ]
    programme_panels = [FieldPanel("change_note"), InlinePanel("sessions", label=_("Sessions"))]
    # The programme has its own tab: it is long, and it is what editors change most after publishing.
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(programme_panels, heading=_("Programme")),
            ObjectList(BasePage.promote_panels, heading=_("Promote")),
            ObjectList(BasePage.settings_panels, heading=_("Settings")),
        ]
    )
    search_fields = BasePage.search_fields + [
        index.SearchField("theme"),
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    override_translatable_fields = BasePage.override_translatable_fields + [
        SynchronizedField("start_date", overridable=False),
        SynchronizedField("end_date", overridable=False),
    ]
    # The contact address and phone are left out: they may be a person's own.
    api_fields = [
        APIField(name)
        for name in (
            "theme",
            "start_date",
            "end_date",
            "intro",
            "target_audience",
            "venue_name",
            "venue_address",
            "venue_map_url",
            "latitude",
            "longitude",
            "hero_image",
            "hero_image_alt",
            "status",
            "attendance_mode",
            "body",
        )
    ]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = ["events.RegistrationPage"]

    class Meta:
        verbose_name = _("event")

    def set_dates_from_days(self):
        """First and last day from the days (those in memory when the admin form or a revision built
        them); an event without days keeps the dates it was given."""
        dates = [day.date for day in self.days.all() if day.date]
        if dates:
            self.start_date, self.end_date = min(dates), max(dates)

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None or {"start_date", "end_date"} & set(update_fields):
            self.set_dates_from_days()
        return super().save(*args, **kwargs)

    def has_ended(self, today: datetime.date | None = None) -> bool:
        """Whether the last day is over, by the source event's dates, which decide for every language."""
        return self.kept_details().last_day < (today or timezone.localdate())

    def share_image(self):
        return self.hero_image

    def structured_data(self, request=None, context=None) -> list[dict]:
        return [event_json_ld(self, request)]

    # -- data for the templates, each in a fixed number of queries --

    def day_list(self):
        # Kept on the instance: the page, the programme and the registration read the days again.
        if "_day_list" not in self.__dict__:
            self._day_list = list(self.days.all())
        return self._day_list

    def session_list(self):
        """The sessions, read once per request (the programme); without their speakers, which only the
        sessions on the page being read need."""
        if "_session_list" not in self.__dict__:
            self._session_list = list(self.sessions.all())
        return self._session_list

    def programme_span(self) -> tuple[datetime.datetime, datetime.datetime] | None:
        """When the first session starts and the last ends; None without sessions. Their times alone
        when the sessions are not read anyway: the event page shows no session."""
        if "_session_list" in self.__dict__:
            times = [(s.date, s.start_time, s.end_time) for s in self._session_list]
        else:
            times = list(self.sessions.values_list("date", "start_time", "end_time"))
        if not times:
            return None
        tz = timezone.get_default_timezone()
        first = min(datetime.datetime.combine(date, start, tzinfo=tz) for date, start, _end in times)
        last = max(datetime.datetime.combine(date, end, tzinfo=tz) for date, _start, end in times)
        return first, last

    def programme(self, page_number=None):
        """(page_obj, [(day, [its sessions on that page])]): one page of the programme, in date and time
        order, speakers in the visitor's language. A day longer than a page continues on the next;
        each day has `first_page`, the page it starts on (a day without sessions: where it falls)."""
        sessions = sorted(self.session_list(), key=lambda s: (s.date, s.start_time, s.end_time, s.sort_order or 0))
        paginator = Paginator(sessions, PROGRAMME_SESSIONS_PER_PAGE)
        page_obj = paginator.get_page(page_number)
        on_page = list(page_obj)
        prefetch_related_objects(on_page, "speakers")
        by_key = in_reader_language(Person, [person for session in on_page for person in session.speakers.all()])
        for session in on_page:
            session.speaker_list = [by_key.get(p.translation_key, p) for p in session.speakers.all()]
            # Each shown twice (text and machine-readable): formatted once here, not per use.
            session.start_clock, session.end_clock = clock(session.start_time), clock(session.end_time)
        days = self.day_list()
        for day in days:
            day.iso_date = day.date.isoformat()
            starts_at = next((i for i, s in enumerate(sessions) if s.date >= day.date), None)
            day.first_page = paginator.num_pages if starts_at is None else starts_at // paginator.per_page + 1
        programme = [
            (day, [s for s in on_page if s.date == day.date])
            for day in days
            if day.first_page == page_obj.number or any(s.date == day.date for s in on_page)
        ]
        return page_obj, programme

    def organiser_list(self):
        """The organisers in the reader's language, each with `profile_url`: its partner profile in
        that language (or the source with a notice), else its own web address."""
        from home.i18n import link_in_language, live_versions_of

        links = list(
            self.organisers.select_related("organisation__partner_page", "organisation__logo").order_by(
                "sort_order", "pk"
            )
        )
        profiles = [link.organisation.partner_page for link in links if link.organisation.partner_page]
        versions = live_versions_of(profiles) if profiles else {}
        language = get_language()
        by_key = {}
        for link in links:
            profile = link.organisation.partner_page
            if profile and versions.get(profile.translation_key):
                by_key[link.organisation.translation_key] = link_in_language(
                    versions[profile.translation_key], language
                )[0]
        in_language = in_reader_language(Organisation, [link.organisation for link in links])
        organisations = [in_language.get(link.organisation.translation_key, link.organisation) for link in links]
        for organisation in organisations:
            organisation.profile_url = by_key.get(organisation.translation_key) or organisation.url
        return organisations

    def steering_group_list(self) -> list["SteeringGroupSeat"]:
        members = list(self.steering_group.select_related("person").order_by("sort_order", "pk"))
        by_key = in_reader_language(Person, [member.person for member in members])
        # Not the members themselves: they hold the page (and what it has read) for the cache to keep.
        return [
            SteeringGroupSeat(by_key.get(member.person.translation_key, member.person), member.role)
            for member in members
        ]

    def changes(self):
        return self.programme_changes.all()

    def kept_details(self, request=None) -> "KeptEventDetails":
        """What the event's pages show from other records and that changes only when content is saved
        (organisers and people in the reader's language, the registration page, the programme's span):
        several queries across languages, so kept in the content cache, which any saved page or snippet
        empties. Built afresh for a preview, whose unsaved inline items the cache must neither show nor
        keep; once per instance either way."""
        if "_kept_details" not in self.__dict__:

            def build():
                return KeptEventDetails(
                    organisers=self.organiser_list(),
                    steering_group=self.steering_group_list(),
                    registration_page=self.registration_page(),
                    programme_span=self.programme_span(),
                    last_day=source_of(self).end_date,
                )

            if self.pk is None or getattr(request, "is_preview", False):
                self._kept_details = build()
            else:
                self._kept_details = content_cache.get_or_set(f"event:{self.pk}", active_language(), build)
        return self._kept_details

    def get_context(self, request, *args, **kwargs):
        # Everything the event page shows, here rather than in a route, so that the admin preview
        # (which does not go through routes) shows the same page.
        context = super().get_context(request, *args, **kwargs)
        details = self.kept_details(request)
        # Read only when the template draws its cached fragment (templatetags/fragment_cache.py).
        context["changes"] = SimpleLazyObject(lambda: list(self.changes()[:20]))
        context["organisers"] = details.organisers
        context["steering_group"] = details.steering_group
        context["days"] = SimpleLazyObject(self.day_list)
        context["registration_page"] = details.registration_page
        context["event_ended"] = self.has_ended()
        context["materials"] = SimpleLazyObject(self.materials)
        return context

    def materials(self) -> list:
        """The documents linked in the body (programme, presentations), which an ended event offers
        first: each a document link block's value."""
        return [block.value for block in self.body if block.block_type == "document" and block.value["document"]]

    def registration_page(self):
        """The registration page in this language; the source's when it is not translated (yet)."""
        registration = Page.objects.child_of(self).live().first()
        if registration is None and (source := source_of(self)) is not self:
            registration = Page.objects.child_of(source).live().first()
        return registration

    # -- routes --

    @localised_path({"nb": "program/", "uk": romanised("програма"), "en": "programme/"})
    def programme_view(self, request):
        # Read only when the template draws its cached programme (templatetags/fragment_cache.py).
        programme = SimpleLazyObject(lambda: self.programme(request.GET.get("page")))

        def placed_days():
            programme[0]  # reading the programme places each day on its page (`first_page`)
            return self.day_list()

        return self.render(
            request,
            template="events/programme_page.html",
            context_overrides={
                "page_obj": SimpleLazyObject(lambda: programme[0]),
                "programme": SimpleLazyObject(lambda: programme[1]),
                "all_days": SimpleLazyObject(placed_days),
                "sessions_url": self.url + "sessions/",
                "has_example_sessions": SimpleLazyObject(
                    lambda: any(s.is_example_content for s in self.session_list())
                ),
            },
        )

    @re_path(r"^calendar\.ics/$")
    def calendar(self, request):
        return calendar_response(events_calendar([self], request, name=self.title), f"{self.slug}.ics")

    @re_path(r"^sessions/(?P<session_id>\d+)\.ics/$")
    def session_calendar(self, request, session_id):
        from django.shortcuts import get_object_or_404

        session = get_object_or_404(self.sessions.all(), pk=session_id)
        return calendar_response(session_calendar(self, session, request), f"{self.slug}-{session.pk}.ics")

    @re_path(r"^changes\.atom/$")
    def changes_feed(self, request):
        return ProgrammeChangesFeed()(request, event=self)

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        # The programme is a page of its own for readers and search engines.
        return urls + [{**url, "location": url["location"] + self.reverse_subpage("programme_view")} for url in urls]

    def programme_url(self, request=None):
        return self.get_url(request=request) + self.reverse_subpage("programme_view")

    def calendar_url(self, request=None):
        return self.get_url(request=request) + "calendar.ics"

    def changes_url(self, request=None):
        return self.get_url(request=request) + "changes.atom"


@dataclass
class SteeringGroupSeat:
    person: Person  # in the reader's language
    role: str


@dataclass
class KeptEventDetails:
    organisers: list[Organisation]
    steering_group: list[SteeringGroupSeat]
    registration_page: Page | None
    programme_span: tuple[datetime.datetime, datetime.datetime] | None
    last_day: datetime.date  # the source event's, which decides for every language
