"""The demo conference: facts in three languages, the invented programme flagged, linked from the menu."""

import pytest

from django.core.management import call_command

from events.models import EventIndexPage, EventPage, Organisation, ProgrammeSession

pytestmark = pytest.mark.django_db


def test_conference_in_three_languages_under_each_home(demo_site):
    for code, title in (("nb", "Konferanse"), ("uk", "Конференція"), ("en", "Conference")):
        index = EventIndexPage.objects.get(locale__language_code=code)
        assert index.title == title and index.live
        assert index.get_parent().pk == demo_site[code]["home"].pk
        event = EventPage.objects.child_of(index).get()
        assert event.live
        assert (event.start_date.isoformat(), event.end_date.isoformat()) == ("2023-08-29", "2023-08-30")
        assert event.contact_phone == "91 10 60 45"
        assert event.days.count() == 2 and event.organisers.count() == 3 and event.steering_group.count() == 5
        assert not event.is_example_content  # the event itself is from the facts
    keys = {page.translation_key for page in EventPage.objects.all()}
    assert len(keys) == 1
    assert Organisation.objects.filter(locale__language_code="uk", name="Посольство України в Норвегії").exists()


def test_every_session_is_flagged_as_example_content(demo_site):
    assert ProgrammeSession.objects.count() == 15
    assert not ProgrammeSession.objects.filter(is_example_content=False).exists()
    assert not ProgrammeSession.objects.filter(speakers__isnull=False).exists()  # no invented words for real people


@pytest.mark.parametrize(
    ("code", "label", "url"),
    [
        ("nb", "Konferanse", "/nb/konferanse/"),
        ("uk", "Конференція", "/uk/konferentsiia/"),
        ("en", "Conference", "/en/conference/"),
    ],
)
def test_event_index_is_in_the_main_navigation(client, demo_site, code, label, url):
    html = client.get(f"/{code}/").content.decode()
    nav = html.split('class="main-nav"')[1].split("</nav>")[0]
    assert f'href="{url}">{label}</a>' in nav


def test_loading_the_demo_again_adds_no_events(demo_site):
    before = (EventPage.objects.count(), ProgrammeSession.objects.count(), Organisation.objects.count())
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (EventPage.objects.count(), ProgrammeSession.objects.count(), Organisation.objects.count()) == before
