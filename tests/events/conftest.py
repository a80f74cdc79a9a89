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

START = datetime.date.today() + datetime.timedelta(days=60)


def translate(page, code):
    """A live copy of `page` in `code`, as a translator would publish it."""
    copy = page.copy_for_translation(Locale.objects.get(language_code=code))
    copy.save_revision().publish()
    copy.refresh_from_db()
    return copy.specific


@pytest.fixture
def conference(demo_site):
    """An event with two days (capacity 2 and 3) and its registration page, in nb, uk and en:
    {"nb": {"event": ..., "page": ...}, "uk": {...}, "en": {...}, "days": [day1, day2]}."""
    home = demo_site["nb"]["home"]
    index = EventIndexPageFactory(parent=home, title="Arrangementer", slug="")
    event = EventPageFactory(
        parent=index,
        title="Kommunekonferansen",
        start_date=START,
        end_date=START + datetime.timedelta(days=1),
        contact_email="sekretariat@s2pu.example",
        venue_name="Oslo rådhus",
    )
    days = [
        EventDayFactory(page=event, date=START, title="Dag 1", capacity=2),
        EventDayFactory(page=event, date=START + datetime.timedelta(days=1), title="Dag 2", capacity=3),
    ]
    page = RegistrationPageFactory(parent=event, privacy_page=demo_site["nb"]["privacy"])
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
    EventDayFactory(page=event, date=START, title="Dag 1", capacity=50, locale=locale)
    return RegistrationPageFactory(parent=event, locale=locale)
