"""The Secretariat's case pipeline as its people use it (issue 19, points 11, 12 and 13): linking
into a partnership takes an explicit choice and a confirmation; the case's history speaks the
admin's language with human labels, whoever wrote it and whenever; names are people's names;
country and region stay apart; a draft partner profile made from a case is mailed to every editor
and waits on their dashboards; the cases' export has one language and one time zone."""

import csv
import datetime
import io

import pytest
from bs4 import BeautifulSoup

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail

from wagtail.users.models import UserProfile

from home.factories import StandardPageFactory, homes_in_every_language
from outbox.models import OutboundEmail
from partnerships.factories import (
    InterestCaseFactory,
    InterestFormPageFactory,
    PartnershipsIndexPageFactory,
    ThemeFactory,
    UkrainianPartnerPageFactory,
)
from partnerships.models import CaseEvent, CaseStatus, InterestCase, PartnerPage, Partnership
from tests.roles import sign_in

pytestmark = pytest.mark.django_db

THEMES = {
    "education": {"nb": "Utdanning", "uk": "Освіта", "en": "Education"},
    "health": {"nb": "Helse", "uk": "Охорона здоров'я", "en": "Health"},
}
# 22:51 UTC on 15 January is 23:51 in Oslo.
RECEIVED_AT = datetime.datetime(2027, 1, 15, 22, 51, tzinfo=datetime.UTC)


def staff_user(username, group, language="", first_name="", last_name="", email=""):
    user = get_user_model().objects.create_user(
        username=username, password="x" * 16, first_name=first_name, last_name=last_name, email=email
    )
    user.groups.add(Group.objects.get(name=group))
    if language:
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
    return user


@pytest.fixture(scope="module")
def _ids(module_transaction):
    """Themes in three languages, a partnerships index with the interest form, a Norwegian case
    (Bodø, Nordland) and a Ukrainian one (Чернігівська громада), a Ukrainian partner profile, and a
    Secretariat user per admin language, two editors and a moderator. Built once for the module."""
    homes = homes_in_every_language()
    for order, (slug, names) in enumerate(THEMES.items()):
        source = ThemeFactory(slug=slug, name=names["nb"], sort_order=order, locale=homes["nb"].locale)
        for code in ("uk", "en"):
            ThemeFactory(
                slug=slug,
                name=names[code],
                sort_order=order,
                locale=homes[code].locale,
                translation_key=source.translation_key,
            )
    privacy = StandardPageFactory(parent=homes["nb"], title="Personvern", slug="personvern")
    index = PartnershipsIndexPageFactory(parent=homes["nb"], slug="samarbeid")
    form = InterestFormPageFactory(parent=index, slug="meld-interesse", privacy_page=privacy)
    partner = UkrainianPartnerPageFactory(parent=index, title="Mykolaiv", locale=homes["nb"].locale)
    bodo = InterestCaseFactory(
        page=form,
        organisation="Bodø kommune",
        region="Nordland",
        email="kontakt@bodo.example",
        themes_offered=["education"],
        themes_needed=["health"],
    )
    chernihiv = InterestCaseFactory(
        page=form,
        organisation="Чернігівська громада",
        country="UA",
        region="Чернігівська область",
        language="uk",
        themes_needed=["education"],
    )
    InterestCase.objects.update(created_at=RECEIVED_AT)
    users = {
        "secretariat-nb": staff_user("sek-nb", "Secretariat", first_name="Sigrid", last_name="Sekretær"),
        "secretariat-uk": staff_user("sek-uk", "Secretariat", "uk", first_name="Оксана", last_name="Секретар"),
        "secretariat-en": staff_user("sek-en", "Secretariat", "en", first_name="Sam", last_name="Secretary"),
        "editor-uk": staff_user("ed-uk", "Editors", "uk", email="editor-uk@s2pu.example"),
        "editor-en": staff_user("ed-en", "Editors", "en", email="editor-en@s2pu.example"),
        "moderator": staff_user("mod", "Moderators", email="moderator@s2pu.example"),
    }
    return {
        "cases": {"bodo": bodo.pk, "chernihiv": chernihiv.pk},
        "partner": partner.pk,
        "users": {name: user.pk for name, user in users.items()},
    }


@pytest.fixture
def users(_ids):
    found = get_user_model().objects.in_bulk(_ids["users"].values())
    return {name: found[pk] for name, pk in _ids["users"].items()}


@pytest.fixture
def cases(_ids):
    return {name: InterestCase.objects.get(pk=pk) for name, pk in _ids["cases"].items()}


def parse(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def edit_url(case) -> str:
    return f"/admin/interest-cases/edit/{case.pk}/"


def link_url(case) -> str:
    return f"/admin/interest-cases-actions/{case.pk}/link/"


def history(client, case) -> list[list[str]]:
    """The history table's rows: [when, who, what, before, after]."""
    table = parse(client.get(edit_url(case))).find(id="history-heading").find_parent("section").find("table")
    return [[cell.get_text(" ", strip=True) for cell in row.find_all("td")] for row in table.select("tbody tr")]


# --- Linking: an explicit choice, then a confirmation -----------------------------------------------


def test_the_link_form_chooses_nothing_until_the_person_does(client, users, cases):
    sign_in(client, users["secretariat-en"])

    select = parse(client.get(edit_url(cases["bodo"]))).find("select", id="link-target")

    options = select.find_all("option")
    assert options[0]["value"] == "" and options[0].has_attr("selected")
    assert [option for option in options[1:] if option.has_attr("selected")] == []
    assert select.has_attr("required")


@pytest.mark.parametrize("target", ["case", "partner"])
def test_linking_asks_for_a_confirmation_that_names_both_sides(client, _ids, users, cases, target):
    sign_in(client, users["secretariat-en"])
    value = f"case:{_ids['cases']['chernihiv']}" if target == "case" else f"partner:{_ids['partner']}"

    response = client.post(link_url(cases["bodo"]), {"target": value})

    assert response.status_code == 200
    assert not Partnership.objects.exists()
    soup = parse(response)
    text = soup.find("main").get_text(" ", strip=True)
    assert "Bodø kommune" in text
    assert ("Чернігівська громада" if target == "case" else "Mykolaiv") in text
    form = soup.select_one(f'main form[action="{link_url(cases["bodo"])}"]')
    assert form.select_one(f'input[name="target"][value="{value}"]') is not None
    assert form.select_one('input[name="confirmed"]') is not None
    assert soup.select_one(f'main a[href="{edit_url(cases["bodo"])}"]') is not None  # cancel


def test_the_confirmed_link_makes_the_partnership(client, _ids, users, cases):
    sign_in(client, users["secretariat-en"])

    response = client.post(
        link_url(cases["bodo"]), {"target": f"partner:{_ids['partner']}", "confirmed": "1"}, follow=True
    )

    partnership = Partnership.objects.get()
    assert (partnership.norwegian_partner.title, partnership.ukrainian_partner.title) == ("Bodø kommune", "Mykolaiv")
    assert response.redirect_chain[-1][0] == edit_url(cases["bodo"])


def test_a_suggested_match_also_asks_for_the_confirmation(client, users, cases):
    sign_in(client, users["secretariat-en"])
    page = parse(client.get(edit_url(cases["bodo"])))
    matches = page.find(id="matches-heading").find_parent("section")
    form = matches.select_one("form")
    data = {field["name"]: field.get("value", "") for field in form.select("input[name]")}

    response = client.post(form["action"], data)

    assert response.status_code == 200 and not Partnership.objects.exists()
    assert parse(response).select_one('main form input[name="confirmed"]') is not None


# --- History in the admin's language, people by name -------------------------------------------------


def edit_case(client, case, **data):
    response = client.post(edit_url(case), {"status": case.status, "assignee": "", "notes": case.notes, **data})
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("nb", [["Saksbehandler", "–", "Sigrid Sekretær"], ["Status", "Ny", "I dialog"]]),
        ("uk", [["Відповідальний", "–", "Sigrid Sekretær"], ["Статус", "Нова", "У діалозі"]]),
        ("en", [["Assignee", "–", "Sigrid Sekretær"], ["Status", "New", "In dialogue"]]),
    ],
)
def test_the_history_names_fields_and_values_in_the_admins_language(client, users, cases, language, expected):
    case = cases["bodo"]
    sign_in(client, users["secretariat-nb"])
    edit_case(client, case, status=CaseStatus.IN_DIALOGUE, assignee=users["secretariat-nb"].pk)
    sign_in(client, users[f"secretariat-{language}"])

    rows = history(client, case)

    assert sorted(row[2:] for row in rows) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("nb", ["Status", "I dialog", "Koblet"]),
        ("uk", ["Статус", "У діалозі", "Знайдено пару"]),
        ("en", ["Status", "In dialogue", "Matched"]),
    ],
)
def test_history_written_before_in_english_reads_in_the_admins_language(client, users, cases, language, expected):
    """Rows written before this change stored the field's name and the English label."""
    CaseEvent.objects.create(case=cases["bodo"], field="status", old_value="In dialogue", new_value="Matched")
    sign_in(client, users[f"secretariat-{language}"])

    assert [row[2:] for row in history(client, cases["bodo"])] == [expected]


@pytest.mark.parametrize(
    ("language", "what"), [("nb", "Partnerprofil"), ("uk", "Профіль партнера"), ("en", "Partner profile")]
)
def test_the_draft_profile_in_the_history_is_named_as_a_person_reads_it(client, users, cases, language, what):
    sign_in(client, users["secretariat-nb"])
    client.post(f"/admin/interest-cases-actions/{cases['bodo'].pk}/partner/")
    sign_in(client, users[f"secretariat-{language}"])

    (row,) = history(client, cases["bodo"])

    assert row[2:] == [what, "–", "Bodø kommune"]
    assert "partner_page" not in str(history(client, cases["bodo"]))


def test_the_history_says_who_by_their_name(client, users, cases):
    sign_in(client, users["secretariat-uk"])
    edit_case(client, cases["bodo"], notes="Ringte kommunen.")

    (row,) = history(client, cases["bodo"])

    assert row[1] == "Оксана Секретар"


def test_the_assignee_list_names_people_as_the_history_does(client, users, cases):
    sign_in(client, users["secretariat-en"])

    select = parse(client.get(edit_url(cases["bodo"]))).find("select", attrs={"name": "assignee"})

    names = [option.get_text(strip=True) for option in select.find_all("option") if option["value"]]
    assert sorted(names) == ["Sam Secretary", "Sigrid Sekretær", "Оксана Секретар"]


def test_the_case_list_names_the_assignee_by_name(client, users, cases):
    InterestCase.objects.filter(pk=cases["bodo"].pk).update(assignee=users["secretariat-uk"])
    sign_in(client, users["secretariat-en"])

    text = parse(client.get("/admin/interest-cases/")).select_one("main table tbody").get_text(" ", strip=True)

    assert "Оксана Секретар" in text and "sek-uk" not in text


# --- Country and region apart -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "country", "region"),
    [("uk", "Україна", "Чернігівська область"), ("en", "Ukraine", "Чернігівська область")],
)
def test_the_case_shows_country_and_region_apart(client, users, cases, language, country, region):
    sign_in(client, users[f"secretariat-{language}"])

    facts = parse(client.get(edit_url(cases["chernihiv"]))).find(id="case-heading").find_parent("section")

    values = [dd.get_text(" ", strip=True) for dd in facts.find_all("dd")]
    assert country in values and region in values
    assert f"{country} {region}" not in facts.get_text(" ", strip=True)


# --- A draft partner profile tells the editors -------------------------------------------------------


@pytest.fixture
def drafted(client, users, cases, django_capture_on_commit_callbacks):
    """The Secretariat made a draft partner profile from the Bodø case; its mail is sent."""
    sign_in(client, users["secretariat-nb"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/interest-cases-actions/{cases['bodo'].pk}/partner/")
    assert response.status_code == 302
    return PartnerPage.objects.get(title="Bodø kommune")


@pytest.mark.parametrize(
    ("address", "subject"),
    [
        ("editor-uk@s2pu.example", "Чернетка профілю партнера чекає: «Bodø kommune»"),
        ("editor-en@s2pu.example", "A draft partner profile is waiting: “Bodø kommune”"),
        ("moderator@s2pu.example", "Et utkast til partnerprofil venter: «Bodø kommune»"),
    ],
)
def test_a_draft_profile_made_from_a_case_is_mailed_to_each_editor_in_their_language(drafted, address, subject):
    (sent,) = [message for message in mail.outbox if message.to == [address]]

    assert sent.subject == subject
    assert f"http://testserver/admin/pages/{drafted.pk}/edit/" in sent.body
    assert "Sigrid Sekretær" in sent.body
    assert "kontakt@bodo.example" not in sent.body + sent.alternatives[0][0]


def test_the_draft_profile_mail_goes_to_those_who_may_edit_it_and_no_one_else(drafted):
    addresses = sorted(address for message in mail.outbox for address in message.to)

    assert addresses == ["editor-en@s2pu.example", "editor-uk@s2pu.example", "moderator@s2pu.example"]
    assert OutboundEmail.objects.filter(kind="partnerships.draft_profile").count() == 3


def test_the_editors_dashboard_lists_draft_profiles_made_from_cases(client, users, drafted):
    sign_in(client, users["editor-en"])

    panel = parse(client.get("/admin/")).find(id="draft-partner-profiles-section")

    assert panel is not None
    assert panel.select_one(f'a[href="/admin/pages/{drafted.pk}/edit/"]') is not None
    assert "Bodø kommune" in panel.get_text()
    assert "/admin/interest-cases/" not in str(panel)  # editors may not open cases


def test_the_secretariats_dashboard_lists_them_with_the_case(client, users, cases, drafted):
    sign_in(client, users["secretariat-en"])

    panel = parse(client.get("/admin/")).find(id="draft-partner-profiles-section")

    assert panel.select_one(f'a[href="{edit_url(cases["bodo"])}"]') is not None


def test_a_published_profile_leaves_the_dashboard(client, users, drafted):
    drafted.save_revision().publish()
    sign_in(client, users["editor-en"])

    assert parse(client.get("/admin/")).find(id="draft-partner-profiles-section") is None


# --- The cases' export: one language, one time zone --------------------------------------------------


def read_csv(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def test_the_case_export_speaks_the_exporting_users_language_in_oslo_time(client, users, cases):
    sign_in(client, users["secretariat-uk"])

    header, *rows = read_csv(client.get("/admin/interest-cases-export/csv/").content)

    assert header[0] == "Отримано (Europe/Oslo)"
    assert header[8:10] == ["Теми, які може запропонувати", "Теми, яких потребує"]
    bodo = next(row for row in rows if row[1] == "Bodø kommune")
    assert bodo[0] == "2027-01-15 23:51"
    assert bodo[2:4] == ["Громада", "Норвегія"]
    assert bodo[8:10] == ["Освіта", "Охорона здоров'я"]
    assert bodo[14] == "Нова"


def test_the_spreadsheet_export_of_cases_is_in_oslo_time(client, users, cases):
    from openpyxl import load_workbook

    sign_in(client, users["secretariat-en"])

    response = client.get("/admin/interest-cases-export/xlsx/")

    sheet = load_workbook(io.BytesIO(response.content)).active
    header, *rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert header[0] == "Received (Europe/Oslo)"
    assert {str(row[0]) for row in rows} == {"2027-01-15 23:51"}
    assert [row[8] for row in rows if row[1] == "Bodø kommune"] == ["Education"]
