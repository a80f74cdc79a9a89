"""A new event in few steps (issue 19, point 16): each date typed once, on the event's days; the places
per day on the registration form; and "New event from this one", which copies last year's event with
its programme and registration form to a new date and hands both to the translators in one post."""

import datetime

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from django.utils import timezone, translation

from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from events.copy_event import suggested_first_day
from events.forms import day_choice_label
from events.models import DayCapacity, EventDay, EventPage, ProgrammeSession, RegistrationPage
from events.places import places_left
from tests.roles import sign_in, user_in

pytestmark = pytest.mark.django_db


# --- Each date once: on the event's days ------------------------------------------------------------


def event_form(event, days):
    """The admin's edit form of `event` as it stands, with `days` [(day, date)] and published."""
    return nested_form_data(
        {
            "title": event.title,
            "slug": event.slug,
            "theme": event.theme,
            "intro": event.intro,
            "status": event.status,
            "attendance_mode": event.attendance_mode,
            "body": streamfield([]),
            "change_note": "",
            "days": inline_formset(
                [{"id": day.pk, "date": date.isoformat(), "title": day.title, "description": ""} for day, date in days],
                initial=len(days),
            ),
            "organisers": inline_formset([]),
            "steering_group": inline_formset([]),
            "sessions": inline_formset([]),
            "action-publish": "action-publish",
        }
    )


def test_moving_a_day_on_the_event_moves_it_on_the_registration_form_in_every_language(
    admin_client, client, conference
):
    event = conference["nb"]["event"]
    first, second = conference["days"]
    later = second.date + datetime.timedelta(days=7)
    response = admin_client.post(
        f"/admin/pages/{event.pk}/edit/", event_form(event, [(first, first.date), (second, later)])
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    event.refresh_from_db()
    assert event.end_date == later, "the event's last day is its last day's date"
    for code in ("nb", "uk", "en"):
        day = EventDay.objects.get(page=conference[code]["event"], translation_key=second.translation_key)
        # The translations' copies of the day wait for a sync; their forms offer the new date already.
        assert day.date == (later if code == "nb" else second.date)
        day.date = later
        with translation.override(code):
            label = day_choice_label(day)
        assertContains(client.get(conference[code]["page"].url), label)


def test_the_registration_form_asks_no_date_and_the_event_no_places(admin_client, conference):
    event, page = conference["nb"]["event"], conference["nb"]["page"]
    event_screen = admin_client.get(f"/admin/pages/{event.pk}/edit/").content.decode()
    assert 'name="start_date"' not in event_screen and 'name="end_date"' not in event_screen
    assert 'name="days-0-capacity"' not in event_screen
    form_screen = admin_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "days-0-date" not in form_screen
    first, second = conference["days"]
    with translation.override("nb"):  # the admin's language
        assert day_choice_label(first) in form_screen and day_choice_label(second) in form_screen
    assert 'name="day_capacities_0" value="2"' in form_screen and 'name="day_capacities_1" value="3"' in form_screen


# --- The places per day: on the registration form ----------------------------------------------------


def registration_form(page, places):
    questions = [
        {
            "id": field.pk,
            "label": field.label,
            "field_type": field.field_type,
            "required": "on" if field.required else "",
            "help_text": field.help_text,
            "choices": field.choices,
            "default_value": field.default_value,
            "autocomplete": field.autocomplete,
        }
        for field in page.form_fields.all()
    ]
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "intro": page.intro,
            "opens_at": "",
            "closes_at": "",
            **{f"day_capacities_{n}": places_on_day for n, places_on_day in enumerate(places)},
            "privacy_page": page.privacy_page_id or "",
            "thank_you_text": page.thank_you_text,
            "to_address": page.to_address,
            "subject": page.subject,
            "form_fields": inline_formset(questions, initial=len(questions)),
            "action-publish": "action-publish",
        }
    )


def test_the_places_set_on_the_form_are_what_registration_counts(admin_client, client, conference):
    page = conference["nb"]["page"]
    first, second = conference["days"]
    response = admin_client.post(f"/admin/pages/{page.pk}/edit/", registration_form(page, ["0", ""]))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert places_left([first.translation_key, second.translation_key]) == {
        first.translation_key: 0,
        second.translation_key: None,
    }
    assert list(DayCapacity.objects.filter(page=page).values_list("day_key", "capacity")) == [
        (first.translation_key, 0)
    ]
    uk_form = client.get(conference["uk"]["page"].url)
    assertContains(uk_form, "місць немає", count=1)  # day 1 is full at once; day 2 has no limit


def test_places_on_a_translated_form_cannot_be_set_there(admin_client, conference):
    screen = admin_client.get(f"/admin/pages/{conference['uk']['page'].pk}/edit/").content.decode()
    assert 'name="day_capacities_0"' in screen and "disabled" in screen.split('name="day_capacities_0"')[1][:200]


# --- New event from this one --------------------------------------------------------------------------


@pytest.fixture
def editor(db):
    return user_in("editor", "Editors")


def test_an_editor_makes_next_years_event_from_this_years_in_one_post(client, demo_site, editor):
    event = demo_site["nb"]["conference-next"]
    registration = demo_site["nb"]["registration-next"]
    sign_in(client, editor)
    url = f"/admin/events/{event.pk}/copy/"
    screen = client.get(url)
    first_day = suggested_first_day(event)
    assert first_day.weekday() == event.start_date.weekday() and first_day > timezone.localdate()
    assertContains(screen, f'value="{first_day.isoformat()}"')
    assertContains(screen, f"Kommunekonferansen {first_day.year}")

    response = client.post(url, {"title": "Kommunekonferansen neste år", "first_day": first_day, "translate": "on"})
    new_event = EventPage.objects.get(title="Kommunekonferansen neste år", locale=event.locale)
    assert response.status_code == 302 and response["Location"] == f"/admin/pages/{new_event.pk}/edit/"
    shift = first_day - event.start_date

    # A draft beside last year's, its days and sessions moved, no speakers carried over.
    assert not new_event.live and new_event.get_parent().pk == event.get_parent().pk
    assert (new_event.start_date, new_event.end_date) == (event.start_date + shift, event.end_date + shift)
    assert [(day.date, day.title) for day in new_event.days.all()] == [
        (day.date + shift, day.title) for day in event.days.all()
    ]
    assert [(s.date, s.start_time, s.title) for s in new_event.sessions.all()] == [
        (s.date + shift, s.start_time, s.title) for s in event.sessions.all()
    ]
    assert not ProgrammeSession.speakers.through.objects.filter(programmesession__page=new_event).exists()

    # Its registration form: a draft with the same questions, the places on the new days.
    new_form = RegistrationPage.objects.child_of(new_event).get()
    assert not new_form.live
    assert list(new_form.form_fields.values_list("label", flat=True)) == list(
        registration.form_fields.values_list("label", flat=True)
    )
    assert new_form.closes_at == registration.closes_at + shift
    new_days = [day.translation_key for day in new_event.days.all()]
    assert places_left(new_days) == dict(zip(new_days, [120, 80], strict=True))

    # The translators have both as drafts in uk and en, with last year's words where nothing changed.
    for code in ("uk", "en"):
        translated_event = new_event.get_translation(demo_site[code]["home"].locale).specific
        translated_form = new_form.get_translation(demo_site[code]["home"].locale)
        assert not translated_event.live and not translated_form.live
        assert [day.title for day in translated_event.days.all()] == [
            day.title for day in demo_site[code]["conference-next"].days.all()
        ]


def test_wagtails_own_copy_of_an_event_leads_to_the_new_event_form(admin_client, demo_site):
    event = demo_site["nb"]["conference-next"]
    response = admin_client.get(f"/admin/pages/{event.pk}/copy/")
    assert response.status_code == 302 and response["Location"] == f"/admin/events/{event.pk}/copy/"
    other = demo_site["nb"]["about"]
    assert admin_client.get(f"/admin/pages/{other.pk}/copy/").status_code == 200


def test_the_event_screens_offer_the_new_event_form(admin_client, demo_site):
    event = demo_site["nb"]["conference-next"]
    assertContains(admin_client.get(f"/admin/pages/{event.pk}/edit/"), f'href="/admin/events/{event.pk}/copy/"')
    listing = admin_client.get(f"/admin/pages/{event.get_parent().pk}/")
    assertContains(listing, f'href="/admin/events/{event.pk}/copy/"')
    assertNotContains(admin_client.get(f"/admin/pages/{demo_site['nb']['about'].pk}/edit/"), "/admin/events/")


def test_a_first_day_in_the_past_is_refused_with_the_form_kept(admin_client, demo_site):
    event = demo_site["nb"]["conference-next"]
    count = Page.objects.count()
    response = admin_client.post(
        f"/admin/events/{event.pk}/copy/", {"title": "Etterpå", "first_day": timezone.localdate().isoformat()}
    )
    assert response.status_code == 200 and Page.objects.count() == count
    assertContains(response, "Velg en dag etter i dag")
    assertContains(response, 'value="Etterpå"')


def test_who_may_not_add_pages_gets_no_copy(client, demo_site):
    secretariat = user_in("secretariat", "Secretariat")
    sign_in(client, secretariat)
    event = demo_site["nb"]["conference-next"]
    count = Page.objects.count()
    response = client.post(f"/admin/events/{event.pk}/copy/", {"title": "X", "first_day": "2099-01-06"})
    # Refused as Wagtail refuses in its admin (to the dashboard, with a message): nothing is made.
    assert response.status_code in (302, 403) and response.get("Location", "/admin/") == "/admin/"
    assert Page.objects.count() == count
    assert client.get(f"/admin/events/{event.pk}/copy/").status_code in (302, 403)


def test_the_migration_moves_each_days_places_to_the_form_and_back(transactional_db, django_db_serialized_rollback):
    """Places typed on the days before the upgrade land on the nb registration form, in its rows and
    in its revisions (so that publishing a draft made before the upgrade keeps them), and go back to
    the days when the migration is reversed."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from events.factories import EventDayFactory, EventPageFactory, RegistrationPageFactory
    from home.factories import HomePageFactory, LocaleFactory

    locale = LocaleFactory(language_code="nb")
    home = HomePageFactory(parent=Page.get_first_root_node(), slug="migrering", locale=locale)
    event = EventPageFactory(parent=home, slug="", locale=locale)
    days = [EventDayFactory(page=event, locale=locale), EventDayFactory(page=event, locale=locale)]
    page = RegistrationPageFactory(parent=event, locale=locale, places={days[0]: 2, days[1]: 3})
    page.save_revision()

    before = [("events", "0009_hero_image_description")]
    executor = MigrationExecutor(connection)
    after = executor.loader.graph.leaf_nodes()
    executor.migrate(before)
    try:
        old_apps = executor.loader.project_state(before).apps
        old_day = old_apps.get_model("events", "EventDay")
        assert dict(old_day.objects.filter(page_id=event.pk).values_list("translation_key", "capacity")) == {
            days[0].translation_key: 2,
            days[1].translation_key: 3,
        }, "reversed: the places are back on the days"
        old_day.objects.filter(pk=days[0].pk).update(capacity=7)
        revision = old_apps.get_model("wagtailcore", "Revision").objects.get(object_id=str(page.pk))
        revision.content.pop("day_capacities", None)  # a revision saved before the upgrade
        revision.save()
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(after)
    assert places_left([day.translation_key for day in days]) == {
        days[0].translation_key: 7,
        days[1].translation_key: 3,
    }
    draft = RegistrationPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert draft.capacity_by_day() == {str(days[0].translation_key): 7, str(days[1].translation_key): 3}
