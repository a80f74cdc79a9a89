"""The yearly conference: an index of events, one page per event with its days, organisers, steering
group and programme, and the log of programme changes made after publishing."""

import datetime
import uuid
from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Q, prefetch_related_objects
from django.http import Http404
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import StreamField
from wagtail.models import DraftStateMixin, Locale, Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home import content_cache
from home.blocks import BaseStreamBlock
from home.dates import clock
from home.form_pages import PublicFormPage, PublicFormPageForm, personal, redirect_after_post
from home.forms import HONEYPOT_FIELD
from home.i18n import active_language, active_locale, default_locale, source_of
from home.models import BasePage, BasePageForm, HeroImageDescriptionMixin, Person, StableKeyFormField
from home.routes import LocalisedRoutablePageMixin, localised_path, romanised
from ops.page_cache import live

from .snippets import Organisation

EVENTS_PER_PAGE = 10
# A long programme is read a page at a time: 50 sessions is a full day of a large conference.
PROGRAMME_SESSIONS_PER_PAGE = 50

# The languages a session can be held in; the site's own three.
SESSION_LANGUAGES = [
    ("nb", _("Norwegian")),
    ("uk", _("Ukrainian")),
    ("en", _("English")),
]


def in_reader_language(model, objects) -> dict:
    """{translation_key: each object's live version in the active language, else its source-language
    record}: what `.localized()` on the source records gives, in one query whatever their number, and
    none when every object is already live in the active language (a Norwegian page's people)."""
    active, default = active_locale(), default_locale()
    drafts = issubclass(model, DraftStateMixin)
    found, missing = {}, set()
    for obj in objects:
        # Readers see each one's language (lang="…"): its locale from the cache, not a query each.
        content_cache.prime_locale(obj)
        if obj.locale_id == active.pk and (not drafts or obj.live):
            found[obj.translation_key] = obj
        else:
            missing.add(obj.translation_key)
    if missing:
        translated = Q(locale=active, live=True) if drafts else Q(locale=active)
        sources = {}
        for version in model.objects.filter(Q(locale=default) | translated, translation_key__in=missing):
            content_cache.prime_locale(version)
            if version.locale_id == active.pk and (not drafts or version.live):
                found[version.translation_key] = version
            else:
                sources[version.translation_key] = version
        found = {**sources, **found}
    return found


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
        from ..calendar import calendar_response, events_calendar

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
        from ..structured_data import event_json_ld

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
        from ..calendar import calendar_response, events_calendar

        return calendar_response(events_calendar([self], request, name=self.title), f"{self.slug}.ics")

    @re_path(r"^sessions/(?P<session_id>\d+)\.ics/$")
    def session_calendar(self, request, session_id):
        from django.shortcuts import get_object_or_404

        from ..calendar import calendar_response, session_calendar

        session = get_object_or_404(self.sessions.all(), pk=session_id)
        return calendar_response(session_calendar(self, session, request), f"{self.slug}-{session.pk}.ics")

    @re_path(r"^changes\.atom/$")
    def changes_feed(self, request):
        from ..feeds import ProgrammeChangesFeed

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


class EventDay(TranslatableMixin, Orderable):
    """One day of an event: the one place its date is typed. Its translation_key ties the day together
    across the three languages, so places and registrations are counted once whatever language a
    visitor registers in."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="days")
    date = models.DateField(_("date"))
    title = models.CharField(_("title or theme"), max_length=255)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("date"), FieldPanel("title"), FieldPanel("description")]
    # One date for all languages: translations copy it and may not change it. (The places on a day are
    # set on the registration form: DayCapacity.)
    override_translatable_fields = [SynchronizedField("date", overridable=False)]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("day")
        verbose_name_plural = _("days")
        ordering = ["sort_order"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d}: {self.title}"


class EventOrganiser(Orderable):
    """An organiser of the event, in the order the editor chose. The organisation is shown in the
    visitor's language, so the link itself needs no translation."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="organisers")
    organisation = models.ForeignKey("events.Organisation", verbose_name=_("organisation"), on_delete=models.CASCADE)

    panels = [FieldPanel("organisation")]

    class Meta(Orderable.Meta):
        verbose_name = _("organiser")
        verbose_name_plural = _("organisers")


class SteeringGroupMember(TranslatableMixin, Orderable):
    """A person in the event's steering group with their role in it (chair, member), which is
    translated with the page."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="steering_group")
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


class ProgrammeSession(TranslatableMixin, Orderable, ClusterableModel):
    """One item of the programme. Clusterable so that its speakers are kept in page revisions (and
    so compared when a changed programme is published) rather than written straight to the database."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="sessions")
    date = models.DateField(_("date"), help_text=_("One of the event's days."))
    start_time = models.TimeField(_("start"))
    end_time = models.TimeField(_("end"))
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    # People are chosen in the source language (each shown once, not once per language); readers see
    # each speaker's record in their own language.
    speakers = ParentalManyToManyField(
        Person,
        verbose_name=_("speakers"),
        blank=True,
        related_name="+",
        limit_choices_to={"locale__language_code": settings.LANGUAGE_CODE},
    )
    room = models.CharField(_("room"), max_length=100, blank=True)
    language = models.CharField(_("language of the session"), max_length=2, choices=SESSION_LANGUAGES, default="nb")
    interpretation = models.BooleanField(
        _("interpretation offered"), default=False, help_text=_("Simultaneous interpretation into other languages.")
    )
    is_example_content = models.BooleanField(
        _("example content"), default=False, help_text=_("Shown to readers as an example, not a real session.")
    )

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("start_time"), FieldPanel("end_time")]),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("speakers", widget=forms.CheckboxSelectMultiple),
        FieldRowPanel([FieldPanel("room"), FieldPanel("language"), FieldPanel("interpretation")]),
        FieldPanel("is_example_content"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["date", "start_time", "sort_order"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.start_time:%H:%M}: {self.title}"

    def clean(self):
        super().clean()
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            raise ValidationError({"end_time": _("The session must end after it starts.")})

    def starts_at(self) -> datetime.datetime:
        return datetime.datetime.combine(self.date, self.start_time, tzinfo=timezone.get_default_timezone())

    def ends_at(self) -> datetime.datetime:
        return datetime.datetime.combine(self.date, self.end_time, tzinfo=timezone.get_default_timezone())


class DayCapacitiesWidget(forms.MultiWidget):
    """One number per day of the event, each labelled with its day."""

    template_name = "events/admin/day_capacities_widget.html"

    def __init__(self, days: list[EventDay], attrs=None):
        self.days = days
        super().__init__([forms.NumberInput(attrs={"min": 0, "inputmode": "numeric"}) for _day in days], attrs)

    def decompress(self, value):
        value = value or {}
        return [value.get(str(day.translation_key)) for day in self.days]

    def get_context(self, name, value, attrs):
        from ..forms import day_choice_label

        context = super().get_context(name, value, attrs)
        for subwidget, widget, day in zip(context["widget"]["subwidgets"], self.widgets, self.days, strict=True):
            subwidget["label"] = day_choice_label(day)
            subwidget["html"] = widget.render(subwidget["name"], subwidget["value"], subwidget["attrs"])
        return context

    def render(self, name, value, attrs=None, renderer=None):
        # The project's templates, which Django's form renderer does not search; each input is still
        # drawn by the form renderer (get_context).
        return render_to_string(self.template_name, self.get_context(name, value, attrs))


class DayCapacitiesField(forms.MultiValueField):
    """{day key: places} for the days of the form's event; a day left empty has no limit."""

    def __init__(self, days: list[EventDay] = (), **kwargs):
        days = list(days)
        fields = [forms.IntegerField(min_value=0, required=False) for _day in days]
        kwargs.setdefault("label", _("Places per day"))
        kwargs.setdefault(
            "help_text", _("Empty means no limit. When a day is full, people who choose it join its waiting list.")
        )
        super().__init__(fields, widget=DayCapacitiesWidget(days), require_all_fields=False, required=False, **kwargs)
        self.days = days

    def clean(self, value):
        if isinstance(value, dict):  # a disabled field gives back its initial value as it is
            return value
        return super().clean(value)

    def compress(self, data_list):
        return {
            str(day.translation_key): places
            for day, places in zip(self.days, data_list or [None] * len(self.days), strict=True)
            if places is not None
        }


class RegistrationPageForm(PublicFormPageForm):
    """The registration form's admin form: with the places on each of its event's days, which live on
    the form (registration decides who gets a place), while the days themselves live on the event."""

    day_capacities = DayCapacitiesField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        event = self.parent_page or (self.instance.get_parent() if self.instance.pk else None)
        days = list(EventDay.objects.filter(page=event.pk).order_by("sort_order", "pk")) if event else []
        # Each day under its title in the admin's language where the event is translated into it.
        titles = dict(
            EventDay.objects.filter(
                translation_key__in=[day.translation_key for day in days], locale__language_code=get_language()
            ).values_list("translation_key", "title")
        )
        for day in days:
            day.title = titles.get(day.translation_key, day.title)
        source = self.instance.locale_id is None or self.instance.locale_id == Locale.get_default().pk
        self.fields["day_capacities"] = DayCapacitiesField(
            days,
            disabled=not source,
            **({} if source else {"help_text": _("Set on the Norwegian registration form, for every language.")}),
        )
        self.initial["day_capacities"] = self.instance.capacity_by_day()

    def save(self, commit=True):
        page = super().save(commit=False)
        if not self.fields["day_capacities"].disabled:
            page.day_capacities = [
                DayCapacity(day_key=uuid.UUID(key), capacity=places)
                for key, places in self.cleaned_data["day_capacities"].items()
            ]
        if commit:
            page.save()
            self.save_m2m()
        return page


class RegistrationFormField(StableKeyFormField):
    page = ParentalKey("events.RegistrationPage", on_delete=models.CASCADE, related_name="form_fields")

    reserved_keys = frozenset({"name", "email", "days", "consent", HONEYPOT_FIELD})
    reserved_message = _("Name, email, days and consent are built into the form; choose another label.")


class RegistrationPage(PublicFormPage):
    """The registration form of one event, one dataset in three languages: a visitor registers on
    /nb/, /uk/ or /en/, and every registration lands on the source-language event and page
    (events.capacity). Name, email, day choice and consent are built in."""

    opens_at = models.DateTimeField(_("opens"), null=True, blank=True, help_text=_("Empty: open now."))
    closes_at = models.DateTimeField(
        _("closes"), null=True, blank=True, help_text=_("Empty: open until the event's first day begins.")
    )
    thank_you_text = models.TextField(_("text after registering"), blank=True)

    base_form_class = RegistrationPageForm
    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")], heading=_("Open for registration")),
        FieldPanel("day_capacities"),
        FieldPanel("privacy_page"),
        InlinePanel("form_fields", label=_("Extra questions")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [FieldPanel("to_address"), FieldPanel("subject")],
            heading=_("Notify the secretariat"),
        ),
    ]
    # One opening and closing time and one number of places for all three languages: translations copy
    # them and may not change them (and registration reads the source page's anyway).
    override_translatable_fields = BasePage.override_translatable_fields + [
        SynchronizedField("opens_at", overridable=False),
        SynchronizedField("closes_at", overridable=False),
        SynchronizedField("day_capacities", overridable=False),
    ]
    # When it is open, not what it asks or where answers go.
    api_fields = [APIField("intro"), APIField("opens_at"), APIField("closes_at")]
    parent_page_types = ["events.EventPage"]
    template = "events/registration_page.html"
    landing_page_template = "events/registration_done.html"
    form_name = "registration"
    builtin_keys = frozenset({"name", "email", "days"})
    done_salt = "events.registration.done"

    class Meta:
        verbose_name = _("registration page")

    # --- What the page belongs to ---------------------------------------------------------

    @cached_property
    def event(self) -> EventPage:
        """The event in this page's language (the parent), whole and with its locale, in one query."""
        return EventPage.objects.select_related("locale").get(path=self.path[: -self.steplen])

    @cached_property
    def source_event(self) -> EventPage:
        return source_of(self.event)

    def capacity_by_day(self) -> dict[str, int]:
        """{day key: places} as this page holds them (in memory while it is edited); no key, no limit."""
        return {str(row.day_key): row.capacity for row in self.day_capacities.all()}

    @cached_property
    def _days_and_capacities(self) -> tuple[list[EventDay], dict]:
        # The source event's days, each in this language where the translation has it (its title),
        # all on the source's dates, which are typed there only: a translation not yet synced offers
        # the days as they are. The places from the source page, which holds them for every language
        # (events.places). Both languages' days in one query.
        from ..places import capacities_of

        versions = EventDay.objects.filter(page__in={self.event.pk, self.source_event.pk}).order_by("sort_order", "pk")
        here = {day.translation_key: day for day in versions if day.page_id == self.event.pk}
        days = []
        for source_day in (day for day in versions if day.page_id == self.source_event.pk):
            day = here.get(source_day.translation_key, source_day)
            day.date = source_day.date
            days.append(day)
        return days, capacities_of(self.source_page, [day.translation_key for day in days])

    def event_days(self) -> list[EventDay]:
        return self._days_and_capacities[0]

    def closes(self) -> datetime.datetime:
        """When registration closes: the time set, else when the event's first day begins."""
        if self.source_page.closes_at is not None:
            return self.source_page.closes_at
        first_day = self.source_event.start_date
        return datetime.datetime.combine(first_day, datetime.time(), tzinfo=timezone.get_default_timezone())

    def has_ended(self) -> bool:
        """Whether the event's last day is over: then the page says so instead of offering a form."""
        return self.source_event.end_date < timezone.localdate()

    def is_open(self, now=None) -> bool:
        # The source page's times, so that a translation not yet synced can never open or close on its own.
        now = now or timezone.now()
        opens_at = self.source_page.opens_at
        return (opens_at is None or now >= opens_at) and now < self.closes() and not self.has_ended()

    def accepts_submissions(self) -> bool:
        return self.is_open()

    def contact_email(self) -> str:
        return self.source_event.contact_email

    def localized_url(self, page: Page, language: str) -> str:
        """`page`'s URL in `language` when that translation is live, else the page's own."""
        locale = Locale.objects.filter(language_code=language).first()
        translated = page.get_translation_or_none(locale) if locale else None
        return (translated if translated and translated.live else page).get_full_url() or ""

    # --- The form and what a submission does ----------------------------------------------

    def builtin_fields(self):
        # Services import the models; the models reach the services only when a form is built.
        from ..forms import registration_fields

        days, capacities = self._days_and_capacities
        return registration_fields(days, capacities)

    def get_submission_class(self):
        return apps.get_model("events", "Registration")

    def process_form_submission(self, form):
        """Store the registration and take its places; None when the email was registered for the
        event already (its manage link is sent again)."""
        from .. import capacity

        data = form.cleaned_data
        registration, created = capacity.register(
            self,
            name=data["name"],
            email=data["email"],
            language=self.locale.language_code,
            answers=self.editor_answers(form),
            day_keys=[uuid.UUID(key) for key in data["days"]],
        )
        return registration if created else None

    def render_landing_page(self, request, form_submission=None, *args, **kwargs):
        if form_submission is None:
            return redirect_after_post(self.url + self.reverse_subpage("already"))
        return super().render_landing_page(request, form_submission, *args, **kwargs)

    def get_landing_context(self, submission) -> dict:
        return {
            **super().get_landing_context(submission),
            "registration": submission,
            "days": submission.day_summary() if submission else [],
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["event"] = self.event
        context["event_ended"] = self.has_ended()
        return context

    def serve(self, request, *args, **kwargs):
        # Which days are full changes with every registration, and whether the form is open with
        # the clock: never a cached page (ops.page_cache).
        return live(super().serve(request, *args, **kwargs))

    # --- The registrant's own routes ------------------------------------------------------

    @path("already/", name="already")
    def already_route(self, request):
        context = self.get_context(request)
        context["already"] = True
        return personal(TemplateResponse(request, self.get_landing_page_template(request), context))

    def managed_registration(self, request, token: str, route: str):
        """(the registration the manage token names, None) or (None, a redirect to the same route in
        the registrant's own language); 404 for a token of another event or none."""
        request.sensitive_post_parameters = "__ALL__"
        registration = self.get_submission_class().with_manage_token(token)
        if registration is None or registration.page_id != self.source_page.pk:
            raise Http404
        if registration.language != self.locale.language_code:
            target = self.localized_url(self, registration.language)
            if target != self.get_full_url():
                return None, redirect(target.rstrip("/") + "/" + self.reverse_subpage(route, args=[token]).lstrip("/"))
        return registration, None

    def registrant_page(self, request, template: str, context: dict):
        response = personal(TemplateResponse(request, template, {**self.get_context(request), **context}))
        # same-origin, not no-referrer: with no-referrer browsers send "Origin: null" on the form post,
        # which Django's CSRF check refuses; the token still never leaves the site in a Referer.
        response["Referrer-Policy"] = "same-origin"
        return response

    @path("manage/<str:token>/", name="manage")
    def manage_route(self, request, token):
        from ..capacity import change_days
        from ..forms import ManageForm

        registration, elsewhere = self.managed_registration(request, token, "manage")
        if elsewhere:
            return elsewhere
        cancel_url = self.url + self.reverse_subpage("cancel", args=[token])
        if request.method == "POST" and "cancel" in request.POST:
            return redirect_after_post(cancel_url)  # a form from before cancelling asked first
        form = ManageForm(request.POST or None, days=self.event_days(), registration=registration)
        message = ""
        if request.method == "POST" and form.is_valid():
            change_days(registration, {uuid.UUID(key) for key in form.cleaned_data["days"]})
            return redirect_after_post(self.url + self.reverse_subpage("manage", args=[token]) + "?saved=1")
        if request.GET.get("saved"):
            message = gettext("Your changes are saved. We have sent you an email.")
        elif request.GET.get("cancelled"):
            message = gettext("Your registration is cancelled. We have sent you an email.")
        context = {"registration": registration, "form": form, "message": message, "cancel_url": cancel_url}
        return self.registrant_page(
            request, "events/registration_manage.html", {**context, "days": registration.day_summary()}
        )

    @path("manage/<str:token>/cancel/", name="cancel")
    def cancel_route(self, request, token):
        """Cancelling asks first: a GET (a link followed by a mail scanner too) only shows what would be
        given up; the POST from that page cancels."""
        from ..capacity import change_days

        registration, elsewhere = self.managed_registration(request, token, "cancel")
        if elsewhere:
            return elsewhere
        manage_url = self.url + self.reverse_subpage("manage", args=[token])
        if request.method == "POST":
            change_days(registration, set())
            return redirect_after_post(manage_url + "?cancelled=1")
        active = registration.active_day_keys()
        days = [row for row in registration.day_summary() if row["day"].translation_key in active]
        context = {"registration": registration, "days": days, "manage_url": manage_url}
        return self.registrant_page(request, "events/registration_cancel.html", context)

    # --- The Secretariat's side -----------------------------------------------------------

    def submissions_admin_url(self, export_format: str | None = None) -> str:
        query = {"event": self.source_event.pk}
        if export_format:
            query["export"] = export_format
        return reverse("registrations:index") + "?" + urlencode(query)


class DayCapacity(models.Model):
    """The places on one day of an event, set on its registration form. The day is named by its
    translation_key, the same in every language (as RegistrationDay does); a day without a row has no
    limit. Only the source-language form's rows count (events.places): wagtail-localize copies them
    into the translations, which never change them."""

    page = ParentalKey("events.RegistrationPage", on_delete=models.CASCADE, related_name="day_capacities")
    day_key = models.UUIDField(_("day"), help_text=_("translation_key of the EventDay"))
    capacity = models.PositiveIntegerField(_("places"))

    class Meta:
        verbose_name = _("places on a day")
        verbose_name_plural = _("places per day")
        constraints = [models.UniqueConstraint(fields=["page", "day_key"], name="one_capacity_per_day_and_form")]

    def __str__(self):
        return f"{self.day_key}: {self.capacity}"
