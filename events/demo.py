"""Demo content for the events app: the 2023 conference under a "Konferanse" index in nb, uk and en.

Called from home.demo.load(), inside its transaction. Like it, it creates only what is missing.
"""

import datetime
from zoneinfo import ZoneInfo

from wagtail.models import Page

from home.models import Person

from . import demo_content
from .factories import EventIndexPageFactory, EventPageFactory, OrganisationFactory, RegistrationPageFactory
from .models import (
    EventDay,
    EventIndexPage,
    EventOrganiser,
    EventPage,
    Organisation,
    ProgrammeSession,
    RegistrationFormField,
    RegistrationPage,
    SteeringGroupMember,
)

OSLO = ZoneInfo("Europe/Oslo")


def _publish(page: Page) -> Page:
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def ensure_index(home) -> EventIndexPage:
    existing = home.get_children().type(EventIndexPage).first()
    if existing is not None:
        return existing.specific
    fields = demo_content.INDEX[home.locale.language_code]
    index = EventIndexPageFactory.build(locale=home.locale, **fields)
    home.add_child(instance=index)
    return _publish(index)


def ensure_organisations(locale_by_code) -> list[Organisation]:
    from home.demo import ensure_snippet

    return [
        ensure_snippet(Organisation, OrganisationFactory, locale_by_code, {**fields}, lookup="name")
        for fields in ({code: {**names, "url": ""} for code, names in org.items()} for org in demo_content.ORGANISERS)
    ]


def _source_event(index: EventIndexPage, locale_by_code, source: str) -> EventPage:
    fields = {k: v for k, v in demo_content.EVENT[source].items() if k != "body"}
    event = EventPageFactory.build(
        locale=index.locale,
        contact_email="sekretariat@s2pu.example",
        **fields,
        **demo_content.EVENT_DATES,
        **demo_content.VENUE,
    )
    event.body = demo_content.EVENT[source]["body"]
    event.days = [
        EventDay(
            locale=index.locale,
            sort_order=position,
            date=day["date"],
            capacity=day["capacity"],
            title=day["title"][source],
            description=day["description"][source],
        )
        for position, day in enumerate(demo_content.DAYS)
    ]
    event.sessions = [
        ProgrammeSession(
            locale=index.locale,
            is_example_content=True,
            **{k: v for k, v in session.items() if k not in {"title", "description", "room"}},
            **{k: session[k][source] for k in ("title", "description", "room")},
        )
        for session in demo_content.SESSIONS
    ]
    event.organisers = [
        EventOrganiser(organisation=org, sort_order=position)
        for position, org in enumerate(ensure_organisations(locale_by_code))
    ]
    people = {person.name: person for person in Person.objects.filter(locale=index.locale)}
    event.steering_group = [
        SteeringGroupMember(locale=index.locale, person=people[name], role=role[source], sort_order=position)
        for position, (name, role) in enumerate(demo_content.STEERING_GROUP)
        if name in people
    ]
    index.add_child(instance=event)
    return _publish(event)


def _translate_event(event: EventPage, locale) -> EventPage:
    existing = event.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    code = locale.language_code
    translation = event.copy_for_translation(locale, copy_parents=False, alias=False).specific
    for name, value in demo_content.EVENT[code].items():
        setattr(translation, name, value)
    translation.slug = ""  # romanised from the translated title
    # The copied days and sessions (saved with the copy, so each is saved again here) keep the source's translation keys and order; give them the
    # translated words, position by position.
    for child, content in zip(translation.days.all(), demo_content.DAYS, strict=True):
        child.locale = locale
        child.title, child.description = content["title"][code], content["description"][code]
        child.save()
    for child, content in zip(
        sorted(translation.sessions.all(), key=lambda s: (s.date, s.start_time)), demo_content.SESSIONS, strict=True
    ):
        child.locale = locale
        child.title, child.description, child.room = (content[k][code] for k in ("title", "description", "room"))
        child.save()
    for child, (_name, role) in zip(translation.steering_group.all(), demo_content.STEERING_GROUP, strict=False):
        child.locale = locale
        child.role = role[code]
        child.save()
    translation.save()
    return _publish(translation)


def ensure_registration(event: EventPage, locale_by_code, source: str, privacy_page=None) -> RegistrationPage:
    """The conference's registration page in every language, with the same questions (and keys)."""
    from home.demo import translate_page

    page = RegistrationPage.objects.child_of(event).first()
    if page is None:
        page = RegistrationPageFactory.build(
            **demo_content.REGISTRATION[source],
            locale=event.locale,
            privacy_page=privacy_page,
            # The 2023 conference is over: registration closed when it began.
            closes_at=datetime.datetime.combine(event.start_date, datetime.time(0, 0), tzinfo=OSLO),
            to_address=event.contact_email,
            subject="Ny påmelding",
        )
        page.form_fields = [
            RegistrationFormField(
                label=field["label"][source],
                field_type=field["field_type"],
                required=field["required"],
                autocomplete=field.get("autocomplete", ""),
                locale=event.locale,
                sort_order=position,
            )
            for position, field in enumerate(demo_content.REGISTRATION_FIELDS)
        ]
        event.add_child(instance=page)
        page = _publish(page)
    for code, locale in locale_by_code.items():
        if code == source or page.has_translation(locale):
            continue
        translated = translate_page(page, locale, demo_content.REGISTRATION[code])
        for field, content in zip(translated.form_fields.all(), demo_content.REGISTRATION_FIELDS, strict=True):
            field.label = content["label"][code]  # clean_name stays the Norwegian key
            field.save()
        _publish(translated)
    return page


def load(locale_by_code, homes: dict, source: str, privacy_page=None) -> dict[str, EventIndexPage]:
    """The event index under each home ({language: home}) with the 2023 conference in it."""
    from home.demo import translate_page

    indexes = {source: ensure_index(homes[source])}
    for code in homes:
        if code != source:
            indexes[code] = translate_page(indexes[source], locale_by_code[code], demo_content.INDEX[code])
    event = EventPage.objects.child_of(indexes[source]).filter(
        title=demo_content.EVENT[source]["title"]
    ).first() or _source_event(indexes[source], locale_by_code, source)
    for code in homes:
        if code != source:
            _translate_event(event, locale_by_code[code])
    ensure_registration(event, locale_by_code, source, privacy_page)
    return indexes


def link_organisers_to_partners(source: str) -> None:
    """Organisers that have a partner profile (same source-language name) link to it."""
    from partnerships.models import PartnerPage

    profiles = {page.title: page for page in PartnerPage.objects.filter(locale__language_code=source)}
    for organisation in Organisation.objects.filter(locale__language_code=source, partner_page__isnull=True):
        if organisation.name in profiles:
            Organisation.objects.filter(translation_key=organisation.translation_key).update(
                partner_page=profiles[organisation.name]
            )
