import datetime

import pytest

from wagtail.models import Locale

from events.factories import (
    EventDayFactory,
    EventIndexPageFactory,
    EventPageFactory,
    RegistrationFormFieldFactory,
    RegistrationPageFactory,
)
from home.factories import StandardPageFactory, publish_translation
from tests.module_data import build_for_module, for_this_test

START = datetime.date.today() + datetime.timedelta(days=60)


# A live copy of a page in another language, as a translator would publish it.
translate = publish_translation


def build_privacy_pages(homes):
    source = StandardPageFactory(parent=homes["nb"], title="Personvern", slug="personvern")
    return {"nb": source, **{code: translate(source, code) for code in ("uk", "en")}}


@pytest.fixture(scope="module")
def _module_privacy_pages(request, django_db_blocker, _module_homes):
    return build_for_module(request, django_db_blocker, build_privacy_pages, _module_homes)


@pytest.fixture
def privacy_pages(_module_privacy_pages, homes):
    """The privacy page the consent question links to, in nb, uk and en."""
    return for_this_test(_module_privacy_pages, build_privacy_pages, homes)


def build_conference(homes, privacy_pages):
    # Its own slug, so that it stands beside `event_index` in a module that builds both.
    index = EventIndexPageFactory(parent=homes["nb"], title="Arrangementer", slug="konferanser")
    event = EventPageFactory(
        parent=index,
        title="Kommunekonferansen",
        start_date=START,
        end_date=START + datetime.timedelta(days=1),
        contact_email="sekretariat@s2pu.example",
        venue_name="Oslo rådhus",
    )
    days = [
        EventDayFactory(page=event, date=START, title="Dag 1"),
        EventDayFactory(page=event, date=START + datetime.timedelta(days=1), title="Dag 2"),
    ]
    page = RegistrationPageFactory(parent=event, privacy_page=privacy_pages["nb"], places={days[0]: 2, days[1]: 3})
    RegistrationFormFieldFactory(page=page, label="Organisasjon", required=False)
    RegistrationFormFieldFactory(page=page, label="Kommentar", field_type="multiline", required=False)
    result = {"nb": {"event": event, "page": page}, "days": days}
    for code in ("uk", "en"):
        translated_index = translate(index, code)
        translated_event = translate(event, code)
        translated_page = translate(page, code)
        assert translated_event.get_parent().pk == translated_index.pk
        result[code] = {"event": translated_event, "page": translated_page}
    return result


@pytest.fixture(scope="module")
def _module_conference(request, django_db_blocker, _module_homes, _module_privacy_pages):
    return build_for_module(request, django_db_blocker, build_conference, _module_homes, _module_privacy_pages)


@pytest.fixture
def conference(_module_conference, homes, privacy_pages):
    """An event with two days (capacity 2 and 3) and its registration page, in nb, uk and en:
    {"nb": {"event": ..., "page": ...}, "uk": {...}, "en": {...}, "days": [day1, day2]}."""
    return for_this_test(_module_conference, build_conference, homes, privacy_pages)


def post_data(page, **overrides):
    """A valid registration for `page`: both days unless `days` is given."""
    days = [str(day.translation_key) for day in page.event_days()]
    data = {
        "name": "Olena Kovalenko",
        "email": "olena@example.org",
        "organisasjon": "Kommune",
        "kommentar": "",
        "days": days,
        "consent": "on",
        "s2pu_website_check": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def committed_registration_page(transactional_db, django_db_serialized_rollback, settings):
    """A registration page (one day, 50 places) reachable by URL, committed for real so that other
    threads, and the task worker, see what a request wrote. pytest-django flushes it afterwards and
    the serialized rollback brings back the migrated rows; no demo tree."""
    import uuid

    from wagtail.models import Page, Site

    from home.factories import HomePageFactory

    settings.FORM_RATE_LIMIT = 0  # every test client shares one address
    locale, _created = Locale.objects.get_or_create(language_code="nb")
    home = HomePageFactory(parent=Page.get_first_root_node(), title="Forside", slug="nb", locale=locale)
    Site.objects.update_or_create(is_default_site=True, defaults={"hostname": "testserver", "root_page": home})
    event = EventPageFactory(
        parent=home,
        title=f"Konferanse {uuid.uuid4().hex[:8]}",
        start_date=START,
        end_date=START,
        contact_email="sekretariat@s2pu.example",
        locale=locale,
    )
    day = EventDayFactory(page=event, date=START, title="Dag 1", locale=locale)
    return RegistrationPageFactory(parent=event, locale=locale, places={day: 50})


def build_event_index(homes):
    index = EventIndexPageFactory(parent=homes["nb"], title="Arrangementer", slug="arrangementer")
    return {"nb": index, "uk": translate(index, "uk"), "en": translate(index, "en")}


@pytest.fixture(scope="module")
def _module_event_index(request, django_db_blocker, _module_homes):
    return build_for_module(request, django_db_blocker, build_event_index, _module_homes)


@pytest.fixture
def event_index(_module_event_index, homes):
    """An events index under the nb home and its uk and en translations: {language: index}."""
    return for_this_test(_module_event_index, build_event_index, homes)


def publish(page):
    """`page` published as it stands, as an editor would."""
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def translate_as(page, code, title, rows=()):
    """A live copy of `page` in `code` with the texts a translator wrote, published once (so its
    first publication, as a translator's, records no programme change). `rows` are
    (relation, field, {source text: translation}) for its days, sessions or steering group."""
    copy = page.copy_for_translation(Locale.objects.get(language_code=code)).specific
    copy.title = title
    for relation, field, texts in rows:
        for row in getattr(copy, relation).all():
            if getattr(row, field) in texts:
                setattr(row, field, texts[getattr(row, field)])
                row.save()
    return publish(copy)


VENUE = {
    "venue_name": "Oslo rådhus",
    "venue_address": "Rådhusplassen 1, Oslo",
    "latitude": "59.913900",
    "longitude": "10.752200",
}


def build_spring_conference(event_index):
    """A two-day event in 2023 with a programme, a venue, an organiser and a steering group member,
    published in nb and translated into uk and en, the organisation and person with their own uk
    records: {"nb": event, "uk": event, "en": event}.

    Day 1 (29 August): Åpning 09:00–09:30 (with interpretation, in Plenumssalen), Panel 10:00–11:00,
    Statlig støtte 11:30–12:30. Day 2 (30 August): Ukrainsk kultur 11:00–12:00."""
    from events.factories import (
        EventOrganiserFactory,
        OrganisationFactory,
        ProgrammeSessionFactory,
        SteeringGroupMemberFactory,
    )
    from home.factories import LocaleFactory, PersonFactory

    first, second = datetime.date(2023, 8, 29), datetime.date(2023, 8, 30)
    event = EventPageFactory(
        parent=event_index["nb"],
        title="Vårkonferansen",
        slug="varkonferansen",
        theme="Kommuner hjelper kommuner",
        start_date=first,
        end_date=second,
        contact_phone="91 10 60 45",
        **VENUE,
    )
    EventDayFactory(page=event, date=first, title="Kommuner hjelper kommuner")
    EventDayFactory(page=event, date=second, title="Kultur og historie")
    sessions = [
        (first, (9, 0), (9, 30), "Åpning", {"interpretation": True, "room": "Plenumssalen"}),
        (first, (10, 0), (11, 0), "Panel", {}),
        (first, (11, 30), (12, 30), "Statlig støtte", {}),
        (second, (11, 0), (12, 0), "Ukrainsk kultur", {}),
    ]
    for date, start, end, title, extra in sessions:
        ProgrammeSessionFactory(
            page=event, date=date, start_time=datetime.time(*start), end_time=datetime.time(*end), title=title, **extra
        )
    uk = LocaleFactory(language_code="uk")
    embassy = OrganisationFactory(name="Ukrainas ambassade i Norge", locale=event.locale)
    OrganisationFactory(name="Посольство України в Норвегії", locale=uk, translation_key=embassy.translation_key)
    EventOrganiserFactory(page=event, organisation=embassy)
    chair = PersonFactory(name="Jan Kristensen", locale=event.locale)
    PersonFactory(name="Ян Крістенсен", locale=uk, translation_key=chair.translation_key)
    SteeringGroupMemberFactory(page=event, person=chair, role="Leder")
    event = publish(event)
    uk_rows = [
        (
            "days",
            "title",
            {"Kommuner hjelper kommuner": "Громади допомагають громадам", "Kultur og historie": "Культура та історія"},
        ),
        ("sessions", "title", {"Åpning": "Відкриття", "Panel": "Панель"}),
        ("steering_group", "role", {"Leder": "Голова"}),
    ]
    en_rows = [("sessions", "title", {"Ukrainsk kultur": "Ukrainian culture"})]
    return {
        "nb": event,
        "uk": translate_as(event, "uk", "Весняна конференція", uk_rows),
        "en": translate_as(event, "en", "Spring conference", en_rows),
    }


@pytest.fixture(scope="module")
def _module_spring_conference(request, django_db_blocker, _module_event_index):
    return build_for_module(request, django_db_blocker, build_spring_conference, _module_event_index)


@pytest.fixture
def spring_conference(_module_spring_conference, event_index):
    """The spring conference of `build_spring_conference`: {"nb": event, "uk": event, "en": event}."""
    return for_this_test(_module_spring_conference, build_spring_conference, event_index)


@pytest.fixture
def site_settings(homes):
    """The default site's settings, saved before a test counts queries: the first request would
    otherwise create them, and that save empties the navigation cache in the middle of a count."""
    from wagtail.models import Site

    from home.factories import SiteSettingsFactory

    return SiteSettingsFactory(site=Site.objects.get(is_default_site=True))
