import datetime

import pytest

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from events.factories import EventDayFactory, EventIndexPageFactory, EventPageFactory
from events.models import EventIndexPage, EventPage, RegistrationPage
from home.models import HomePage


class TestEventTree(WagtailPageTestCase):
    def test_index_lives_under_home_and_holds_events(self):
        self.assertAllowedParentPageTypes(EventIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(EventIndexPage, {EventPage})

    def test_event_lives_under_the_index(self):
        self.assertAllowedParentPageTypes(EventPage, {EventIndexPage})


@pytest.mark.django_db
def test_index_lists_upcoming_and_past_events_in_its_language(client, demo_site):
    index = EventIndexPageFactory(parent=demo_site["nb"]["home"], title="Arrangementer", slug="")
    past = EventPageFactory(parent=index, title="Kommunekonferansen 2023")
    soon = datetime.date.today() + datetime.timedelta(days=30)
    upcoming = EventPageFactory(parent=index, title="Neste konferanse", start_date=soon, end_date=soon)
    for event in (past, upcoming):
        EventDayFactory(page=event)
    html = client.get(index.url).content.decode()
    assert html.index("Neste konferanse") < html.index("Kommunekonferansen 2023")
    assert client.get(past.url).status_code == 200


@pytest.mark.django_db
def test_index_query_count_does_not_grow_with_events(client, demo_site, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    index = EventIndexPageFactory(parent=demo_site["nb"]["home"], title="Arrangementer", slug="")
    before = Page.objects.type(EventPage).count()  # the demo conference in three languages

    def count():
        client.get(index.url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(index.url).status_code == 200
        return len(captured)

    EventPageFactory(parent=index)
    few = count()
    for _ in range(8):
        EventPageFactory(parent=index)
    assert count() == few
    assert Page.objects.type(EventPage).count() == before + 9


class TestEventPageTree(WagtailPageTestCase):
    def test_event_holds_only_its_registration_page(self):
        self.assertAllowedSubpageTypes(EventPage, {RegistrationPage})
        self.assertAllowedParentPageTypes(RegistrationPage, {EventPage})


@pytest.mark.django_db
def test_event_page_shows_organisers_steering_group_and_contact_in_the_visitors_language(client, demo_site):
    event = demo_site["uk"]["conference-2023"]
    html = client.get(event.url).content.decode()
    assert "Посольство України в Норвегії" in html  # the organiser's Ukrainian record
    assert "Ukrainas ambassade" not in html
    assert "Ян Крістенсен" in html and "Голова" in html  # person in Ukrainian, role translated with the page
    assert "Норвезькі громади допомагають українським громадам" in html
    assert 'href="tel:91106045"' in html and "91 10 60 45" in html
    assert '<time datetime="2023-08-29">' in html


@pytest.mark.django_db
def test_organisation_falls_back_to_the_source_language_until_its_translation_is_published(client):
    from django.utils import translation

    from events.factories import OrganisationFactory
    from home.factories import LocaleFactory

    source = OrganisationFactory(name="Ukrainas ambassade i Norge")
    draft = OrganisationFactory(
        name="Посольство України", locale=LocaleFactory(language_code="uk"), translation_key=source.translation_key
    )
    draft.live = False
    draft.save()
    with translation.override("uk"):
        assert source.localized_or_source == source
        draft.live = True
        draft.save()
        assert source.localized_or_source == draft
    with translation.override("en"):
        assert draft.localized_or_source == source


@pytest.mark.django_db
def test_index_lists_untranslated_source_events_marked_as_norwegian(client, demo_site):
    nb_index = EventIndexPage.objects.get(locale__language_code="nb")
    only_nb = EventPageFactory(parent=nb_index, title="Bare på norsk", slug="")
    only_nb.save_revision().publish()
    html = client.get(EventIndexPage.objects.get(locale__language_code="uk").url).content.decode()
    assert "Муніципальна конференція s2pU 2023" in html
    assert "Bare på norsk" in html
    assert 'lang="nb" hreflang="nb">Bare på norsk' in html
    assert "s2pU Kommunekonferansen 2023" not in html  # translated, so only its Ukrainian version is listed


@pytest.mark.django_db
def test_upcoming_and_past_events_are_paginated(client, demo_site):
    from events.models.pages import EVENTS_PER_PAGE

    index = EventIndexPage.objects.get(locale__language_code="nb")
    for year in range(EVENTS_PER_PAGE + 2):
        EventPageFactory(
            parent=index,
            title=f"Konferanse {2000 + year}",
            slug="",
            start_date=datetime.date(2000 + year, 5, 1),
            end_date=datetime.date(2000 + year, 5, 1),
        )
    first = client.get(index.url).content.decode()
    second = client.get(index.url + "?page=2").content.decode()
    assert "Konferanse 2011" in first and "Konferanse 2000" not in first
    assert "Konferanse 2000" in second
    assert 'rel="next"' in first


@pytest.mark.django_db
def test_editor_cannot_put_a_session_on_a_day_the_event_does_not_have(admin_client, demo_site):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    index = EventIndexPage.objects.get(locale__language_code="nb")

    def post(session_date, day_dates=("2024-09-10",)):
        data = nested_form_data(
            {
                "title": "Høstkonferansen",
                "slug": "hostkonferansen",
                "start_date": "2024-09-10",
                "end_date": "2024-09-10",
                "status": "scheduled",
                "attendance_mode": "offline",
                "body": streamfield([]),
                "days": inline_formset(
                    [{"date": date, "title": "Dag", "description": "", "capacity": ""} for date in day_dates]
                ),
                "organisers": inline_formset([]),
                "steering_group": inline_formset([]),
                "sessions": inline_formset(
                    [
                        {
                            "date": session_date,
                            "start_time": "09:00",
                            "end_time": "10:00",
                            "title": "Åpning",
                            "description": "",
                            "room": "",
                            "language": "nb",
                        }
                    ]
                ),
            }
        )
        return admin_client.post(f"/admin/pages/add/events/eventpage/{index.pk}/", data)

    response = post("2024-09-11")
    assert response.status_code == 200
    assert "Choose one of the event" in response.content.decode() or "Velg en av" in response.content.decode()
    assert not EventPage.objects.filter(slug="hostkonferansen").exists()
    for days in (("2024-09-10", "2024-09-10"), ("2024-09-10", "2024-09-12")):  # a date twice; outside the event
        response = post("2024-09-10", days)
        assert response.status_code == 200
        assert not EventPage.objects.filter(slug="hostkonferansen").exists()
    response = post("2024-09-10")
    assert response.status_code == 302, response.content.decode()[:2000]
    assert EventPage.objects.get(slug="hostkonferansen").sessions.count() == 1


def test_session_must_end_after_it_starts():
    from django.core.exceptions import ValidationError

    from events.models import ProgrammeSession

    session = ProgrammeSession(date=datetime.date(2023, 8, 29), start_time=datetime.time(10), end_time=datetime.time(9))
    with pytest.raises(ValidationError):
        session.clean()


class TestEventPagesRenderInTheAdminPreview(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        from demo import loader as demo

        cls.demo = demo.load()

    def test_event_and_index_render_as_the_preview_does(self):
        for page in (
            self.demo["nb"]["conference-2023"],
            EventIndexPage.objects.get(locale__language_code="nb"),
        ):
            self.assertPageIsRenderable(page)
        event = self.demo["en"]["conference-2023"]
        response = event.make_preview_request(preview_mode=event.default_preview_mode)
        html = response.render().content.decode() if hasattr(response, "render") else response.content.decode()
        self.assertIn("Political recognition of the Holodomor as genocide", html)
        self.assertIn("Dr Liliya Honcharevych", html)
