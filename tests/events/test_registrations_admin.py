"""The Secretariat's registrations (issue 19, points 11 and 13): each row of the list leads to the
registration's inspect view (its answers and the registrant's email, for the Secretariat only), and
an event's export speaks one language, the exporting user's, with times in Oslo, said in the header."""

import csv
import datetime
import io
import zipfile

import pytest
from bs4 import BeautifulSoup

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

from wagtail.users.models import UserProfile

from events.factories import (
    EventDayFactory,
    EventIndexPageFactory,
    EventPageFactory,
    RegistrationFormFieldFactory,
    RegistrationPageFactory,
)
from events.models import EventDay, Registration, RegistrationFormField
from home.factories import StandardPageFactory, homes_in_every_language, publish_translation
from tests.roles import sign_in

from .conftest import post_data

pytestmark = pytest.mark.django_db

START = datetime.date(2027, 5, 3)
# 22:51 UTC on 15 January is 23:51 in Oslo; UTC ISO (the old export) would say 22:51:00+00:00.
REGISTERED_AT = datetime.datetime(2027, 1, 15, 22, 51, tzinfo=datetime.UTC)
DAY_TITLES = {
    "nb": ["Åpning", "Verksted"],
    "uk": ["Відкриття", "Майстерня"],
    "en": ["Opening", "Workshop"],
}
QUESTION = {"nb": "Organisasjon", "uk": "Організація", "en": "Organisation"}
NB_ONLY_QUESTION = "Allergier"  # added to the nb form after it was translated: no uk or en label


def staff_user(username, group, language=""):
    user = get_user_model().objects.create_user(username=username, password="x" * 16)
    user.groups.add(Group.objects.get(name=group))
    if language:
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
    return user


@pytest.fixture(scope="module")
def _ids(module_transaction):
    """An event of two days with a registration form in nb, uk and en (day titles and the question
    translated, one question nb only), two registrations sent through the nb and uk forms, and a
    user per role. Built once for the module."""
    homes = homes_in_every_language()
    privacy = StandardPageFactory(parent=homes["nb"], title="Personvern", slug="personvern")
    index = EventIndexPageFactory(parent=homes["nb"], title="Arrangementer", slug="arrangementer")
    event = EventPageFactory(parent=index, title="Kommunekonferansen", start_date=START, end_date=START)
    days = [
        EventDayFactory(page=event, date=START + datetime.timedelta(days=offset), title=title)
        for title, offset in zip(DAY_TITLES["nb"], (0, 1), strict=True)
    ]
    form = RegistrationPageFactory(parent=event, privacy_page=privacy, places=dict.fromkeys(days, 10))
    RegistrationFormFieldFactory(page=form, label=QUESTION["nb"], clean_name="organisasjon")
    forms = {"nb": form}
    for code in ("uk", "en"):
        for page in (privacy, index):
            publish_translation(page, code)
        translated_event = publish_translation(event, code)
        for day, title in zip(translated_event.days.order_by("date"), DAY_TITLES[code], strict=True):
            EventDay.objects.filter(pk=day.pk).update(title=title)
        forms[code] = publish_translation(form, code)
        RegistrationFormField.objects.filter(page=forms[code], clean_name="organisasjon").update(label=QUESTION[code])
    RegistrationFormFieldFactory(page=form, label=NB_ONLY_QUESTION, clean_name="allergier")
    visitor = Client()
    for code, name in (("nb", "Kari Nordmann"), ("uk", "Олена Коваленко")):
        page = forms[code]
        response = visitor.post(
            page.url, post_data(page, name=name, email=f"{code}@example.org", organisasjon="Kommune")
        )
        assert response.status_code == 303
    Registration.objects.update(created_at=REGISTERED_AT, consent_at=REGISTERED_AT)
    users = {
        "secretariat-nb": staff_user("secretariat-nb", "Secretariat"),
        "secretariat-uk": staff_user("secretariat-uk", "Secretariat", "uk"),
        "secretariat-en": staff_user("secretariat-en", "Secretariat", "en"),
        "editor": staff_user("editor", "Editors"),
        "moderator": staff_user("moderator", "Moderators"),
    }
    return {
        "event": event.pk,
        "registrations": dict(Registration.objects.values_list("email", "pk")),
        "users": {name: user.pk for name, user in users.items()},
    }


@pytest.fixture
def users(_ids):
    found = get_user_model().objects.in_bulk(_ids["users"].values())
    return {name: found[pk] for name, pk in _ids["users"].items()}


def parse(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


# --- One click from a row to what the person sent ----------------------------------------------------


def test_each_row_of_the_registrations_leads_to_its_inspect_view(client, _ids, users):
    sign_in(client, users["secretariat-en"])

    rows = parse(client.get("/admin/registrations/")).select("tbody tr")

    assert len(rows) == 2
    links = {row.select_one("td a")["href"] for row in rows}
    assert links == {f"/admin/registrations/inspect/{pk}/" for pk in _ids["registrations"].values()}


def test_the_inspect_view_shows_the_answers_and_the_email(client, _ids, users):
    sign_in(client, users["secretariat-en"])

    text = parse(client.get(f"/admin/registrations/inspect/{_ids['registrations']['uk@example.org']}/")).get_text()

    assert "uk@example.org" in text and "Олена Коваленко" in text
    assert "Organisation" in text and "Kommune" in text


@pytest.mark.parametrize("role", ["editor", "moderator"])
def test_no_one_else_opens_a_registration(client, _ids, users, role):
    sign_in(client, users[role])

    response = client.get(f"/admin/registrations/inspect/{_ids['registrations']['uk@example.org']}/")

    assert response.status_code in {302, 403}
    assert b"uk@example.org" not in response.content


# --- The export: one language, one time zone -----------------------------------------------------------


def export(client, _ids, export_format):
    response = client.get("/admin/registrations-summary/", {"format": export_format, "event": _ids["event"]})
    assert response.status_code == 200
    return response.content


def read_csv(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def read_xlsx(content: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    assert zipfile.is_zipfile(io.BytesIO(content))
    sheet = load_workbook(io.BytesIO(content)).active
    return [[cell.value or "" for cell in row] for row in sheet.iter_rows()]


EXPECTED_HEADERS = {
    "nb": ["Påmeldt (Europe/Oslo)", "Navn", "E-post", "Språk", "03.05.2027 Åpning", "04.05.2027 Verksted"],
    "uk": [
        "Зареєстровано (Europe/Oslo)",
        "Ім'я",
        "Електронна пошта",
        "Мова",
        "03.05.2027 Відкриття",
        "04.05.2027 Майстерня",
    ],
    "en": ["Registered (Europe/Oslo)", "Name", "Email", "Language", "03.05.2027 Opening", "04.05.2027 Workshop"],
}


@pytest.mark.parametrize("language", ["nb", "uk", "en"])
def test_the_csv_export_speaks_the_exporting_users_language(client, _ids, users, language):
    sign_in(client, users[f"secretariat-{language}"])

    header, *rows = read_csv(export(client, _ids, "csv"))

    assert header == [*EXPECTED_HEADERS[language], QUESTION[language], NB_ONLY_QUESTION]
    assert len(rows) == 2


@pytest.mark.parametrize("language", ["uk", "en"])
def test_the_spreadsheet_export_speaks_the_exporting_users_language(client, _ids, users, language):
    sign_in(client, users[f"secretariat-{language}"])

    header, *_rows = read_xlsx(export(client, _ids, "xlsx"))

    assert header == [*EXPECTED_HEADERS[language], QUESTION[language], NB_ONLY_QUESTION]


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_registration_times_are_exported_in_oslo_time(client, _ids, users, export_format):
    sign_in(client, users["secretariat-en"])
    read = read_csv if export_format == "csv" else read_xlsx

    _header, *rows = read(export(client, _ids, export_format))

    assert [row[0] for row in rows] == ["2027-01-15 23:51", "2027-01-15 23:51"]


def test_the_status_of_each_day_is_in_the_exporting_users_language(client, _ids, users):
    sign_in(client, users["secretariat-uk"])

    _header, *rows = read_csv(export(client, _ids, "csv"))

    by_email = {row[2]: row for row in rows}
    assert by_email["uk@example.org"][4:6] == ["підтверджено", "підтверджено"]
