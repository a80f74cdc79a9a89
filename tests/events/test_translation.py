"""Editors' paths: translating an event with wagtail-localize, editing it in the admin, the sitemap."""

import pytest
from pytest_django.asserts import assertContains

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Locale

from events.factories import (
    EventDayFactory,
    EventOrganiserFactory,
    EventPageFactory,
    ProgrammeChangeFactory,
    ProgrammeSessionFactory,
    SteeringGroupMemberFactory,
)
from events.models import ProgrammeChange

pytestmark = pytest.mark.django_db


@pytest.fixture
def event_sent_for_translation(event_index, admin_user):
    """A published nb event with a day, a steering group member who speaks in a session, and an
    organiser; then wagtail-localize's translation into uk created: (event, uk translation)."""
    from wagtail_localize.operations import TranslationCreator

    event = EventPageFactory(parent=event_index["nb"], title="Vinterkonferansen", slug="")
    EventDayFactory(page=event, title="Dag én")
    member = SteeringGroupMemberFactory(page=event, role="Leder")
    ProgrammeSessionFactory(page=event, title="Åpning", room="Sal A", speakers=[member.person])
    EventOrganiserFactory(page=event)
    event.save_revision().publish()
    uk = Locale.objects.get(language_code="uk")
    TranslationCreator(admin_user, [uk]).create_translations(event)
    return event, event.get_translation(uk).specific


def test_a_new_translation_waits_as_a_draft_for_a_person_to_publish_it(event_sent_for_translation):
    _event, translation = event_sent_for_translation
    assert not translation.live


def test_wagtail_localize_offers_days_roles_and_sessions_for_translation(event_sent_for_translation):
    from wagtail_localize.models import StringSegment

    event, _translation = event_sent_for_translation
    texts = set(
        StringSegment.objects.filter(source__object_id=event.translation_key).values_list("string__data", flat=True)
    )
    assert {"Dag én", "Leder", "Åpning", "Sal A"} <= texts


def test_translated_days_belong_to_the_translations_locale(event_sent_for_translation):
    _event, translation = event_sent_for_translation
    assert [day.locale.language_code for day in translation.days.all()] == ["uk"]


def test_translated_session_keeps_its_speakers_for_the_reader_to_see_in_their_language(event_sent_for_translation):
    event, translation = event_sent_for_translation
    assert list(translation.sessions.get().speakers.all()) == list(event.sessions.get().speakers.all())


def test_translated_event_keeps_its_organisers(event_sent_for_translation):
    _event, translation = event_sent_for_translation
    assert translation.organisers.count() == 1


def test_creating_a_translation_records_no_programme_change(event_sent_for_translation):
    assert not ProgrammeChange.objects.exists()


def test_event_editor_shows_the_programme_with_its_sessions(admin_client, spring_conference):
    response = admin_client.get(f"/admin/pages/{spring_conference['nb'].pk}/edit/")
    assert response.status_code == 200
    assertContains(response, 'value="Statlig støtte"')


def test_editor_can_open_an_organisation_snippet(admin_client, spring_conference):
    from events.models import Organisation

    organisation = Organisation.objects.get(locale__language_code="nb")
    assert admin_client.get(f"/admin/snippets/events/organisation/edit/{organisation.pk}/").status_code == 200


def test_editor_can_list_the_programme_changes(admin_client, spring_conference):
    ProgrammeChangeFactory(event=spring_conference["nb"], description="«Åpning» flyttet til Sal B")
    assertContains(admin_client.get("/admin/snippets/events/programmechange/"), "«Åpning» flyttet til Sal B")


def test_event_page_query_count_does_not_grow_with_organisers_people_and_changes(
    client, spring_conference, site_settings
):
    event = spring_conference["uk"]

    def count():
        client.get(event.url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(event.url).status_code == 200
        return len(captured)

    few = count()
    for _ in range(4):
        EventOrganiserFactory(page=event)
        SteeringGroupMemberFactory(page=event)
        ProgrammeChangeFactory(event=event)
    assert count() == few


def test_sitemap_lists_the_programme_of_every_event(client, spring_conference):
    xml = client.get("/sitemap.xml").content.decode()
    assert set(spring_conference) == {"nb", "uk", "en"}
    for event in spring_conference.values():
        assert f"{event.programme_url()}</loc>" in xml
