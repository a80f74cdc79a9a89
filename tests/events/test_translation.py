"""Editors' paths: translating an event with wagtail-localize, editing it in the admin, the sitemap."""

import pytest

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
from events.models import EventIndexPage, EventPage, ProgrammeChange

pytestmark = pytest.mark.django_db


def test_wagtail_localize_offers_days_roles_and_sessions_for_translation_and_keeps_the_draft(demo_site, admin_user):
    from wagtail_localize.models import StringSegment
    from wagtail_localize.operations import TranslationCreator

    index = EventIndexPage.objects.get(locale__language_code="nb")
    event = EventPageFactory(parent=index, title="Vinterkonferansen", slug="")
    EventDayFactory(page=event, title="Dag én")
    member = SteeringGroupMemberFactory(page=event, role="Leder")
    ProgrammeSessionFactory(page=event, title="Åpning", room="Sal A", speakers=[member.person])
    EventOrganiserFactory(page=event)
    event.save_revision().publish()

    uk = Locale.objects.get(language_code="uk")
    TranslationCreator(admin_user, [uk]).create_translations(event)

    translation = event.get_translation(uk).specific
    assert not translation.live  # a translation waits for a person to publish it
    texts = set(
        StringSegment.objects.filter(source__object_id=event.translation_key).values_list("string__data", flat=True)
    )
    assert {"Dag én", "Leder", "Åpning", "Sal A"} <= texts
    assert [day.locale_id for day in translation.days.all()] == [uk.pk]
    session = translation.sessions.get()
    assert list(session.speakers.all()) == [member.person]  # the person is shown in the reader's language
    assert translation.organisers.count() == 1
    assert not ProgrammeChange.objects.exists()


def test_editor_can_open_the_demo_event_and_the_organisation_snippet_in_the_admin(admin_client, demo_site):
    from events.models import Organisation

    event = demo_site["nb"]["conference-2023"]
    response = admin_client.get(f"/admin/pages/{event.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Åpning" in html  # the programme tab with its sessions
    organisation = Organisation.objects.filter(locale__language_code="nb").first()
    assert admin_client.get(f"/admin/snippets/events/organisation/edit/{organisation.pk}/").status_code == 200
    assert admin_client.get("/admin/snippets/events/programmechange/").status_code == 200


def test_event_page_query_count_does_not_grow_with_organisers_people_and_changes(client, demo_site):
    event = demo_site["uk"]["conference-2023"]

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


def test_sitemap_lists_the_programme_of_every_event(client, demo_site):
    xml = client.get("/sitemap.xml").content.decode()
    for event in EventPage.objects.all():
        assert f"http://localhost{event.programme_url()}</loc>" in xml or f"{event.programme_url()}</loc>" in xml
