"""Event pages, the registration form and every registration mail write dates in the reader's
language ("29 серпня 2023", never "29. Серпень 2023"), and never put the event's name where
Ukrainian would have to decline it ("на Муніципальна конференція")."""

import datetime
import re

import pytest
from pytest_django.asserts import assertContains, assertInHTML

from events.capacity import register
from events.factories import EventDayFactory, EventIndexPageFactory, EventPageFactory, RegistrationPageFactory
from events.forms import ManageForm
from events.mail import render_registration_mail, render_secretariat_mail
from events.models import ManageToken, Registration

from .conftest import post_data, translate

pytestmark = pytest.mark.django_db

EVENT_UK = "Муніципальна конференція"
NAME = "Олена Коваленко"
NOMINATIVE_MONTHS = re.compile(
    r"Січень|Лютий|Березень|Квітень|Травень|Червень|Липень|Серпень|Вересень|Жовтень|Листопад|Грудень", re.I
)
PREPOSITIONS = r"(?:на|від|для|до|у|в|з|із|за|про|при|по|о)"


def assert_no_nominative_month(text: str):
    # A nominative month right after a day number is the mistake; "листопад" could be a word in prose.
    assert not re.search(rf"\d\.?\s+(?:{NOMINATIVE_MONTHS.pattern})", text, re.I), text


def assert_name_never_follows_a_preposition(text: str, name: str):
    assert not re.search(rf"\b{PREPOSITIONS}\s+[«“\"]?{re.escape(name)}", text, re.I), text


@pytest.fixture
def conference(homes):
    """29–30 August 2062 (a Tuesday and Wednesday, as in 2023, and far enough ahead that its form stays
    open), one place on the first day; nb source, live in uk."""
    index = EventIndexPageFactory(parent=homes["nb"], title="Arr", slug="")
    event = EventPageFactory(
        parent=index,
        title="Kommunekonferansen",
        start_date=datetime.date(2062, 8, 29),
        end_date=datetime.date(2062, 8, 30),
        contact_email="sekretariat@s2pu.example",
    )
    days = [
        EventDayFactory(page=event, date=datetime.date(2062, 8, 29), title="Dag 1"),
        EventDayFactory(page=event, date=datetime.date(2062, 8, 30), title="Dag 2"),
    ]
    page = RegistrationPageFactory(parent=event, places={days[0]: 1, days[1]: 5})
    translate(index, "uk")
    event_uk = translate(event, "uk")
    event_uk.title = EVENT_UK
    event_uk.save_revision().publish()
    event_uk.refresh_from_db()  # publishing gave it a slug from its new title
    page_uk = translate(page, "uk")
    return {"event": event_uk, "page": page_uk, "days": days}


def test_event_page_prints_the_range_once(client, conference):
    response = client.get(conference["event"].url)
    assertContains(
        response, '<time datetime="2062-08-29">29</time>–<time datetime="2062-08-30">30 серпня 2062</time>', html=True
    )
    assert_no_nominative_month(response.content.decode())


def test_event_page_dates_each_day_with_its_weekday(client, conference):
    response = client.get(conference["event"].url)
    assertContains(response, '<time datetime="2062-08-29">Вівторок, 29 серпня 2062</time>', html=True)


def test_registration_form_offers_days_in_the_readers_language(client, conference):
    response = client.get(conference["page"].url)
    labels = [label for _key, label in response.context["form"].fields["days"].choices]
    assert labels == ["Вівторок, 29 серпня 2062: Dag 1", "Середа, 30 серпня 2062: Dag 2"]
    assertContains(response, "Вівторок, 29 серпня 2062: Dag 1")


def test_manage_form_offers_the_same_day_labels_as_the_registration_form(client, conference):
    registration_form = client.get(conference["page"].url).context["form"]
    form = ManageForm(days=conference["page"].event_days(), registration=_registered(conference))
    assert form.fields["days"].choices == registration_form.fields["days"].choices


def _registered(conference, name=NAME) -> Registration:
    registration, created = register(
        conference["page"],
        name=name,
        email="olena@example.org",
        language="uk",
        answers={},
        day_keys=[day.translation_key for day in conference["days"]],
    )
    assert created
    return registration


def _register_through_the_form(client, conference, django_capture_on_commit_callbacks):
    page = conference["page"]
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(page.url, post_data(page, name=NAME))


def test_done_page_labels_the_event_instead_of_declining_it(client, conference, django_capture_on_commit_callbacks):
    done = client.get(_register_through_the_form(client, conference, django_capture_on_commit_callbacks)["Location"])
    assertContains(done, f"<p>Захід: {EVENT_UK}</p>", html=True)
    assert_name_never_follows_a_preposition(done.content.decode(), EVENT_UK)


def test_done_page_dates_the_days_in_the_readers_language(client, conference, django_capture_on_commit_callbacks):
    done = client.get(_register_through_the_form(client, conference, django_capture_on_commit_callbacks)["Location"])
    assertContains(done, "<li><strong>Вівторок, 29 серпня 2062</strong>: Dag 1 – підтверджено</li>", html=True)
    assert_no_nominative_month(done.content.decode())


def test_manage_page_dates_the_days_in_the_readers_language(client, conference, django_capture_on_commit_callbacks):
    _register_through_the_form(client, conference, django_capture_on_commit_callbacks)
    page, registration = conference["page"], Registration.objects.get()
    manage = client.get(page.url + page.reverse_subpage("manage", args=[ManageToken.issue(registration)]))
    assertContains(manage, "<li><strong>Середа, 30 серпня 2062</strong>: Dag 2 – підтверджено</li>", html=True)
    assert_no_nominative_month(manage.content.decode())


def test_registration_opening_time_is_written_in_oslo_time(client, conference):
    page = conference["page"]
    source = page.source_page  # opening and closing times are one value, set on the source page
    source.opens_at = datetime.datetime(2030, 1, 15, 8, 0, tzinfo=datetime.UTC)
    source.save_revision().publish()
    assertContains(client.get(page.url), "Реєстрація відкривається 15 січня 2030 о 09:00.")


@pytest.mark.parametrize(
    ("kind", "extra", "opening"),
    [
        ("confirmation", {}, "Дякуємо за реєстрацію. Ваша реєстрація:"),
        ("confirmation", {"changed": True}, "Вашу реєстрацію змінено. Тепер вона така:"),
        ("waiting", {}, "Дні, які ви вибрали, заповнені, тому ви в списку очікування:"),
        ("promotion", {}, "Звільнилося місце, і воно ваше. Ваша реєстрація зараз:"),
        ("cancelled", {}, "Вашу реєстрацію скасовано:"),
        ("manage_link", {}, "Хтось спробував ще раз зареєструвати цю адресу."),
    ],
)
def test_every_registration_mail_labels_the_event_instead_of_declining_it(conference, kind, extra, opening):
    registration = _registered(conference)
    mail = render_registration_mail(registration.pk, kind, **extra)
    text, html = mail["body_text"], mail["body_html"]
    assert text.startswith("Добрий день!\n")  # no name in the greeting: Ukrainian would need the vocative
    assert opening in text
    assert f"Захід: {EVENT_UK}\nКоли: 29–30 серпня 2062\nІм'я: {NAME}\n" in text
    assertInHTML(f"<p>Захід: {EVENT_UK}<br>Коли: 29–30 серпня 2062<br>Ім'я: {NAME}</p>", html)
    if kind != "cancelled":
        assert "- Вівторок, 29 серпня 2062: Dag 1 – " in text
        assertInHTML("<strong>Вівторок, 29 серпня 2062</strong>", html)
    assert mail["subject"].endswith(f": {EVENT_UK}")
    for part in (mail["subject"], text, html):
        assert_name_never_follows_a_preposition(part, EVENT_UK)
        assert_name_never_follows_a_preposition(part, NAME)
        assert_no_nominative_month(part)


def test_secretariat_mail_dates_the_days_in_norwegian(conference):
    mail = render_secretariat_mail(_registered(conference).pk, "new")
    assert "- Tirsdag 29. august 2062: Dag 1 – bekreftet" in mail["body_text"]
