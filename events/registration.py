"""Conference registration: a form-builder page under its event, one dataset in three languages.

A visitor registers on /nb/, /uk/ or /en/; every registration lands on the source-language event
and page, and each day is counted by its translation_key, so capacity is shared by the languages.
Places are taken inside one short transaction: on PostgreSQL the event's day rows are locked
(`select_for_update`), on SQLite the IMMEDIATE transaction already lets one writer in at a time.
Mail goes through the outbox (home/outbox.py): a task worker renders and sends it after commit.
"""

import secrets
import uuid
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.core import signing
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, models, transaction
from django.db.models import Count, Max
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractEmailForm
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Locale, Page
from wagtail_localize.fields import SynchronizedField

from home import form_pages, outbox, spam
from home import forms as public_forms
from home.dates import weekday_date
from home.forms import PublicForm, PublicFormBuilder
from home.models import BasePage, FormRejection, StableKeyFormField
from home.sites import absolute_url
from home.text import field_key

from . import calendar
from .models import EventDay, EventPage

FORM_NAME = "registration"
RESERVED_KEYS = {"name", "email", "days", "consent", public_forms.HONEYPOT_FIELD}
DONE_SALT = "events.registration.done"
# Mail kinds (home.mail), registered in EventsConfig.ready(). Queued mail names them: never rename.
REGISTRANT_MAIL = "registration.registrant"
SECRETARIAT_MAIL = "registration.secretariat"


def day_choice_label(day: EventDay) -> str:
    return f"{capfirst(weekday_date(day.date))}: {day.title}"


class RegistrationFormField(StableKeyFormField):
    page = ParentalKey("events.RegistrationPage", on_delete=models.CASCADE, related_name="form_fields")

    reserved_keys = frozenset(RESERVED_KEYS)
    reserved_message = _("Name, email, days and consent are built into the form; choose another label.")


class RegistrationForm(PublicForm):
    """The editor's questions plus the built-in ones. Built by RegistrationPage.get_form."""

    def __init__(self, *args, page=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.page = page

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class RegistrationPage(RoutablePageMixin, AbstractEmailForm, BasePage):
    """The registration form of one event. Name, email, day choice and consent are built in."""

    intro = models.TextField(_("introduction"), blank=True)
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True, help_text=_("Empty: open now."))
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True, help_text=_("Empty: open until the event."))
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Linked from the consent checkbox."),
    )
    thank_you_text = models.TextField(_("text after registering"), blank=True)

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")], heading=_("Open for registration")),
        FieldPanel("privacy_page"),
        InlinePanel("form_fields", label=_("Extra questions")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [FieldPanel("to_address"), FieldPanel("subject")],
            heading=_("Notify the secretariat"),
        ),
    ]
    # One opening and closing time for all three languages: translations copy them and may not change them.
    override_translatable_fields = BasePage.override_translatable_fields + [
        SynchronizedField("opens_at", overridable=False),
        SynchronizedField("closes_at", overridable=False),
    ]
    parent_page_types = ["events.EventPage"]
    subpage_types = []
    form_builder = PublicFormBuilder
    max_count_per_parent = 1
    template = "events/registration_page.html"
    landing_page_template = "events/registration_done.html"

    class Meta:
        verbose_name = _("registration page")

    # --- What the page belongs to ---------------------------------------------------------

    @cached_property
    def event(self) -> EventPage:
        """The event in this page's language."""
        return EventPage.objects.get(pk=self.get_parent().pk)

    @cached_property
    def source_page(self) -> "RegistrationPage":
        return source_version(self)

    @cached_property
    def source_event(self) -> EventPage:
        return source_version(self.event)

    def event_days(self) -> list[EventDay]:
        return list(self.event.days.all())

    def is_open(self, now=None) -> bool:
        # The source page's times, so that a translation not yet synced can never open or close on its own.
        now = now or timezone.now()
        opens_at, closes_at = self.source_page.opens_at, self.source_page.closes_at
        return (opens_at is None or now >= opens_at) and (closes_at is None or now < closes_at)

    def localized_url(self, page: Page, language: str) -> str:
        """`page`'s URL in `language` when that translation is live, else the page's own."""
        locale = Locale.objects.filter(language_code=language).first()
        translated = page.get_translation_or_none(locale) if locale else None
        return (translated if translated and translated.live else page).get_full_url() or ""

    # --- The form -------------------------------------------------------------------------

    def get_form_class(self):
        editor_fields = self.form_builder(self.get_form_fields()).formfields
        return type("RegistrationPageForm", (RegistrationForm,), dict(editor_fields))

    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        days = self.event_days()
        remaining = places_left([day.translation_key for day in days])
        choices = []
        full = gettext("full – waiting list")
        for day in days:
            label = day_choice_label(day)
            if remaining.get(day.translation_key) == 0:
                label = f"{label} ({full})"
            choices.append((str(day.translation_key), label))
        privacy = self.privacy_page.localized.specific if self.privacy_page_id else None
        builtin_first = {
            "name": forms.CharField(
                label=_("Name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
            ),
            "email": forms.EmailField(
                label=_("Email"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
            ),
        }
        builtin_last = {
            "days": forms.MultipleChoiceField(
                label=_("Which days will you attend?"),
                choices=choices,
                widget=forms.CheckboxSelectMultiple,
                error_messages={"required": _("Choose at least one day.")},
                help_text=_("A full day puts you on its waiting list; you get an email if a place frees up."),
            ),
            "consent": public_forms.consent_field(privacy.url if privacy else None),
        }
        form.fields = {**builtin_first, **form.fields, **builtin_last}
        public_forms.add_spam_defence(form)
        return form

    # --- Routes ---------------------------------------------------------------------------

    @path("")
    def index_route(self, request, *args, **kwargs):
        return self.serve_form(request)

    def serve_form(self, request):
        # Error reports (500 mails, Sentry-style handlers) must not carry what people typed.
        request.sensitive_post_parameters = "__ALL__"
        language = self.locale.language_code
        context = self.get_context(request)
        if not self.is_open():
            context["closed"] = True
            context["now"] = timezone.now()
            return TemplateResponse(request, self.get_template(request), context)
        if request.method == "POST":
            if public_forms.honeypot_tripped(request.POST):
                spam.count_rejection(FORM_NAME, FormRejection.HONEYPOT)
                return spam.rejection_response(request, "honeypot", self.source_event.contact_email)
            if spam.rate_limited(request, FORM_NAME):
                spam.count_rejection(FORM_NAME, FormRejection.RATE_LIMIT)
                return spam.rejection_response(request, "rate_limit", self.source_event.contact_email, 429)
            form = self.get_form(request.POST, page=self, user=request.user)
            if form.is_valid():
                data = form.cleaned_data
                answers = {key: data.get(key) for key in form.fields if key not in RESERVED_KEYS}
                registration, created = register(
                    self,
                    name=data["name"],
                    email=data["email"],
                    language=language,
                    answers=answers,
                    day_keys=[uuid.UUID(key) for key in data["days"]],
                )
                if not created:
                    return form_pages.redirect_after_post(self.url + self.reverse_subpage("already"))
                token = signing.dumps(registration.pk, salt=DONE_SALT)
                # Wagtail's URL pattern allows only [\w-] in a path segment, so the signed id is a parameter.
                done_url = self.url + self.reverse_subpage("done") + "?" + urlencode({"r": token})
                return form_pages.redirect_after_post(done_url)
            context["form"] = form
            return form_pages.personal(TemplateResponse(request, self.get_template(request), context))
        context["form"] = self.get_form(page=self, user=request.user)
        return TemplateResponse(request, self.get_template(request), context)

    @path("done/", name="done")
    def done_route(self, request):
        try:
            pk = signing.loads(request.GET.get("r", ""), salt=DONE_SALT, max_age=60 * 60 * 24)
        except signing.BadSignature:
            registration = None
        else:
            registration = Registration.objects.filter(pk=pk).first()
        context = self.get_context(request)
        context["registration"] = registration
        context["days"] = registration.day_summary() if registration else []
        return form_pages.personal(TemplateResponse(request, self.get_landing_page_template(request), context))

    @path("already/", name="already")
    def already_route(self, request):
        context = self.get_context(request)
        context["already"] = True
        return form_pages.personal(TemplateResponse(request, self.get_landing_page_template(request), context))

    @path("manage/<str:token>/", name="manage")
    def manage_route(self, request, token):
        request.sensitive_post_parameters = "__ALL__"
        registration = Registration.objects.filter(manage_token=token, anonymised_at__isnull=True).first()
        if registration is None or len(token) < 20 or registration.page_id != self.source_page.pk:
            raise Http404
        if registration.language != self.locale.language_code:
            # Always manage in the registrant's own language.
            target = self.localized_url(self, registration.language)
            if target != self.get_full_url():
                return redirect(target.rstrip("/") + "/" + self.reverse_subpage("manage", args=[token]).lstrip("/"))
        days = self.event_days()
        form = ManageForm(request.POST or None, days=days, registration=registration)
        message = ""
        if request.method == "POST" and form.is_valid():
            if "cancel" in request.POST:
                change_days(registration, set())
            else:
                change_days(registration, {uuid.UUID(key) for key in form.cleaned_data["days"]})
            return form_pages.redirect_after_post(self.url + self.reverse_subpage("manage", args=[token]) + "?saved=1")
        if request.GET.get("saved"):
            message = gettext("Your changes are saved. We have sent you an email.")
        context = self.get_context(request)
        context.update(registration=registration, form=form, message=message, days=registration.day_summary())
        response = form_pages.personal(TemplateResponse(request, "events/registration_manage.html", context))
        # same-origin, not no-referrer: with no-referrer browsers send "Origin: null" on the form post,
        # which Django's CSRF check refuses; the token still never leaves the site in a Referer.
        response["Referrer-Policy"] = "same-origin"
        return response

    def serve_submissions_list_view(self, request, *args, **kwargs):
        """Wagtail's own submissions list and its export would be empty: registrations live in their
        own model. The registrations list takes `export` on to the formula-safe export."""
        query = {"event": self.source_event.pk}
        if request.GET.get("export") in {"csv", "xlsx"}:
            query["export"] = request.GET["export"]
        return redirect(reverse("registrations:index") + "?" + urlencode(query))

    def serve_preview(self, request, mode_name):
        if mode_name == "landing":
            context = self.get_context(request)
            return TemplateResponse(request, self.get_landing_page_template(request), context)
        context = self.get_context(request)
        context["form"] = self.get_form(page=self, user=request.user)
        return TemplateResponse(request, self.get_template(request), context)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["event"] = self.event
        return context


class ManageForm(PublicForm):
    days = forms.MultipleChoiceField(
        label=_("Which days will you attend?"), widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(self, *args, days, registration, **kwargs):
        current = [str(row.day_key) for row in registration.days.exclude(status=RegistrationDay.CANCELLED)]
        super().__init__(*args, initial={"days": current}, **kwargs)
        self.fields["days"].choices = [(str(day.translation_key), day_choice_label(day)) for day in days]


class Registration(models.Model):
    """One person's registration for one event, whatever language they used."""

    event = models.ForeignKey(
        EventPage, verbose_name=_("event"), on_delete=models.PROTECT, related_name="registrations"
    )
    page = models.ForeignKey(
        RegistrationPage, verbose_name=_("registration page"), on_delete=models.PROTECT, related_name="registrations"
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.CharField(_("email"), max_length=254)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    answers = models.JSONField(_("answers"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    consent_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    manage_token = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)

    wagtail_reference_index_ignore = True  # personal data, linked from nowhere; saves work per save

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["event", "email"], name="one_registration_per_email")]

    def __str__(self):
        # The name alone: the event's id that followed it read as an unexplained "(15)" in the
        # admin's titles, and the secretariat filters by event anyway.
        return self.name

    def day_summary(self, language: str | None = None) -> list[dict]:
        """[{day, status, status_label, position}] in `language` (the registrant's unless given),
        in day order."""
        locale = Locale.objects.filter(language_code=language).first() if language else None
        if locale is None:  # not a site language (an admin in German, say): the registrant's
            locale = Locale.objects.filter(language_code=self.language).first()
        days = list(EventDay.objects.filter(page__translation_key=self.event.translation_key).select_related("page"))
        by_key = {}
        for day in days:
            if day.translation_key not in by_key or day.locale_id == getattr(locale, "pk", None):
                by_key[day.translation_key] = day
        rows = []
        for row in self.days.all():
            day = by_key.get(row.day_key)
            if day is not None:
                rows.append(
                    {
                        "day": day,
                        "status": row.status,
                        "status_label": row.get_status_display(),
                        "position": row.position,
                    }
                )
        return sorted(rows, key=lambda row: (row["day"].date, row["day"].sort_order or 0))

    def days_with(self, status: str) -> list[uuid.UUID]:
        return [row.day_key for row in self.days.all() if row.status == status]


class RegistrationDay(models.Model):
    CONFIRMED = "confirmed"
    WAITING = "waiting"
    CANCELLED = "cancelled"
    STATUSES = [(CONFIRMED, _("confirmed")), (WAITING, _("waiting list")), (CANCELLED, _("cancelled"))]

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="days")
    day_key = models.UUIDField(_("day"), help_text=_("translation_key of the EventDay"))
    status = models.CharField(_("status"), max_length=10, choices=STATUSES)
    position = models.PositiveIntegerField(_("place in the queue"), null=True, blank=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("registered day")
        verbose_name_plural = _("registered days")
        constraints = [models.UniqueConstraint(fields=["registration", "day_key"], name="one_row_per_day")]
        indexes = [models.Index(fields=["day_key", "status", "position"], name="registrationday_queue")]

    def __str__(self):
        return f"{self.day_key} {self.status}"


# --- Counting and taking places --------------------------------------------------------------------


def source_version(obj):
    """The source-language (nb) version of a page or snippet; the object itself when there is none."""
    if obj.locale.language_code == settings.LANGUAGE_CODE:
        return obj
    source_locale = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    translated = obj.get_translation_or_none(source_locale) if source_locale else None
    return translated.specific if isinstance(translated, Page) else translated or obj


def capacities(day_keys) -> dict:
    """{day_key: capacity or None} from the source-language days (capacity is not translated)."""
    result = {}
    for day in EventDay.objects.filter(translation_key__in=day_keys).select_related("locale"):
        if day.translation_key not in result or day.locale.language_code == settings.LANGUAGE_CODE:
            result[day.translation_key] = day.capacity
    return result


def confirmed_counts(day_keys) -> dict:
    rows = (
        RegistrationDay.objects.filter(day_key__in=day_keys, status=RegistrationDay.CONFIRMED)
        .values("day_key")
        .annotate(n=Count("pk"))
    )
    return {row["day_key"]: row["n"] for row in rows}


def places_left(day_keys) -> dict:
    """{day_key: places left, or None for no limit}."""
    counts = confirmed_counts(day_keys)
    return {
        key: None if capacity is None else max(capacity - counts.get(key, 0), 0)
        for key, capacity in capacities(day_keys).items()
    }


def lock_days(day_keys) -> None:
    """Serialise every writer that takes or frees places on these days. On PostgreSQL: row locks on
    every language's copy of the days, always in primary-key order so that two writers never
    deadlock. On SQLite select_for_update does nothing; the IMMEDIATE transaction (settings) that
    the caller is inside already holds the database's write lock."""
    list(EventDay.objects.select_for_update().filter(translation_key__in=day_keys).order_by("pk").values_list("pk"))


def _take(registration: Registration, day_key, left: dict) -> str:
    """Confirm one day if a place is left, else queue. `left` is updated in place."""
    remaining = left.get(day_key)
    if remaining is None or remaining > 0:
        status, position = RegistrationDay.CONFIRMED, None
        if remaining is not None:
            left[day_key] = remaining - 1
    else:
        last = RegistrationDay.objects.filter(day_key=day_key).aggregate(m=Max("position"))["m"] or 0
        status, position = RegistrationDay.WAITING, last + 1
    RegistrationDay.objects.update_or_create(
        registration=registration, day_key=day_key, defaults={"status": status, "position": position}
    )
    return status


def _promote(day_key) -> list[Registration]:
    """Give freed places on one day to the first people waiting. Caller holds the lock."""
    capacity = capacities([day_key]).get(day_key)
    waiting = RegistrationDay.objects.filter(day_key=day_key, status=RegistrationDay.WAITING).order_by("position", "pk")
    free = None if capacity is None else capacity - confirmed_counts([day_key]).get(day_key, 0)
    promoted = []
    for row in waiting.select_related("registration"):
        if free is not None and free <= 0:
            break
        row.status, row.position = RegistrationDay.CONFIRMED, None
        row.save(update_fields=["status", "position", "updated_at"])
        promoted.append(row.registration)
        if free is not None:
            free -= 1
    return promoted


def register(page: RegistrationPage, *, name, email, language, answers, day_keys):
    """Store one registration and take its places; (registration, created). The same email for the
    same event returns the existing registration and sends its manage link again."""
    event = page.source_event
    source_page = page.source_page
    # A day posted twice (days=X&days=X) would take the last place and then queue the same person
    # behind it, leaving the place empty; each day counts once, in the order chosen.
    day_keys = list(dict.fromkeys(day_keys))
    try:
        with transaction.atomic():
            lock_days(day_keys)
            existing = Registration.objects.filter(event=event, email=email).first()
            if existing is None:
                registration = Registration.objects.create(
                    event=event,
                    page=source_page,
                    name=name,
                    email=email,
                    language=language,
                    answers=answers,
                    consent_at=timezone.now(),
                    manage_token=secrets.token_urlsafe(32),
                )
                left = places_left(day_keys)
                for key in day_keys:
                    _take(registration, key, left)
                send_registration_mail(registration, "confirmation")
                send_secretariat_mail(registration, "new")
                return registration, True
    except IntegrityError:  # the same email committed a moment earlier by another worker (PostgreSQL)
        existing = Registration.objects.get(event=event, email=email)
    with transaction.atomic():
        send_registration_mail(existing, "manage_link")
    return existing, False


def change_days(registration: Registration, new_keys: set) -> list[Registration]:
    """Set the days a person attends; empty cancels. Freed places go to the first people waiting,
    who are told by email. Returns who was promoted."""
    with transaction.atomic():
        current = {row.day_key: row for row in registration.days.all()}
        active = {key for key, row in current.items() if row.status != RegistrationDay.CANCELLED}
        lock_days(set(current) | new_keys)
        removed = active - new_keys
        added = new_keys - active
        if not removed and not added:
            return []
        for key in removed:
            row = current[key]
            row.status, row.position = RegistrationDay.CANCELLED, None
            row.save(update_fields=["status", "position", "updated_at"])
        left = places_left(added)
        for key in added:
            _take(registration, key, left)
        promoted = []
        for key in removed:
            promoted.extend(_promote(key))
        registration.save(update_fields=["updated_at"])
        send_registration_mail(registration, "cancelled" if not new_keys else "confirmation", changed=True)
        send_secretariat_mail(registration, "cancelled" if not new_keys else "changed")
        for person in promoted:
            send_registration_mail(person, "promotion")
    return promoted


# --- Mail ----------------------------------------------------------------------------------------


def manage_url(registration: Registration) -> str:
    page = registration.page
    base = page.localized_url(page, registration.language)
    return base.rstrip("/") + "/" + page.reverse_subpage("manage", args=[registration.manage_token]).lstrip("/")


def attendance_calendar(registration: Registration, days: list[dict]):
    """The days this person has a confirmed place on, for the mail attachment."""
    confirmed = [row["day"] for row in days if row["status"] == RegistrationDay.CONFIRMED]
    name = confirmed[0].page.title if confirmed else registration.event.title
    return calendar.registration_calendar(name, confirmed, registration.pk)


def send_registration_mail(registration: Registration, kind: str, **extra) -> None:
    """Queue one mail to the registrant, in their language, rendered after commit (outside the
    locks on the event's days). Call inside the transaction."""
    outbox.queue_mail(
        REGISTRANT_MAIL,
        {"pk": registration.pk, "kind": kind, **extra},
        reference=f"registration:{registration.pk}",
    )


def render_registration_mail(pk: int, kind: str, **extra) -> dict | None:
    registration = (
        Registration.objects.filter(pk=pk, anonymised_at__isnull=True).select_related("event", "page").first()
    )
    if registration is None:  # erased or anonymised before the mail went out
        return None
    with translation.override(registration.language):
        days = registration.day_summary()
        context = {
            "registration": registration,
            "event": registration.page.event.localized,
            "days": days,
            "manage_url": manage_url(registration),
            "has_waiting": any(row["status"] == RegistrationDay.WAITING for row in days),
            "has_confirmed": any(row["status"] == RegistrationDay.CONFIRMED for row in days),
            **extra,
        }
    if kind == "confirmation" and not context["has_confirmed"] and context["has_waiting"]:
        kind = "waiting"
    attachments = []
    if kind in {"confirmation", "promotion"} and context["has_confirmed"]:
        attachments.append(
            {
                "filename": f"{field_key(registration.event.slug or 'event')}.ics",
                "content": attendance_calendar(registration, days).to_ical().decode(),
                "mimetype": "text/calendar",
            }
        )
    return outbox.render_email(
        [registration.email],
        f"events/email/{kind}",
        context,
        registration.language,
        attachments=attachments,
        reply_to=registration.event.contact_email,
    )


def secretariat_addresses(registration: Registration) -> list[str]:
    page = registration.page
    if page.to_address:
        return [address.strip() for address in page.to_address.split(",") if address.strip()]
    if registration.event.contact_email:
        return [registration.event.contact_email]
    fallback = getattr(settings, "REGISTRATION_NOTIFY_EMAIL", "")
    return [fallback] if fallback else []


def send_secretariat_mail(registration: Registration, kind: str) -> None:
    outbox.queue_mail(
        SECRETARIAT_MAIL,
        {"pk": registration.pk, "kind": kind},
        reference=f"registration:{registration.pk}",
    )


def render_secretariat_mail(pk: int, kind: str) -> dict | None:
    registration = (
        Registration.objects.filter(pk=pk, anonymised_at__isnull=True).select_related("event", "page").first()
    )
    if registration is None:
        return None
    language = settings.LANGUAGE_CODE
    with translation.override(language):
        days = registration.day_summary()
        left = places_left([row["day"].translation_key for row in days])
        for row in days:
            row["left"] = left.get(row["day"].translation_key)
        context = {
            "registration": registration,
            "event": registration.event,
            "days": days,
            "kind": kind,
            "admin_url": absolute_url(reverse("registrations:index")),
        }
    addresses = secretariat_addresses(registration)
    if not addresses:
        return None
    return outbox.render_email(addresses, "events/email/secretariat", context, language)
