"""Only the Secretariat sees registrations; exports are safe; pages with registrations stay."""

import io
import zipfile

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.utils import timezone

from wagtail.models import GroupPagePermission, Page

from events.models import Registration, RegistrationDay
from tests.roles import PASSWORD, sign_in, user_in

from .conftest import post_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def registered(client, conference, django_capture_on_commit_callbacks):
    """Three registrations: one with a formula, one waiting for day 1."""
    day1 = str(conference["days"][0].translation_key)
    with django_capture_on_commit_callbacks(execute=True):
        for n, (name, code) in enumerate([("=cmd|' /C calc'!A0", "nb"), ("Олена", "uk"), ("Late", "en")]):
            page = conference[code]["page"]
            client.post(
                page.url, post_data(page, name=name, email=f"r{n}@example.org", days=[day1], organisasjon="+47 1")
            )
    client.logout()
    assert Registration.objects.count() == 3
    return conference


@pytest.fixture
def secretariat(django_user_model):
    return user_in("secretariat", "Secretariat")


@pytest.fixture
def editor(django_user_model):
    return user_in("editor", "Editors")


@pytest.fixture
def translator(django_user_model, homes):
    group = Group.objects.create(name="Translators uk")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for permission in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group, page=homes["uk"], permission=Permission.objects.get(codename=permission)
        )
    return user_in("translator", group.name)


def test_secretariat_lists_registrations_in_every_language(client, registered, secretariat):
    sign_in(client, secretariat)
    response = client.get("/admin/registrations/")
    assertContains(response, "Олена")
    assertContains(response, "r2@example.org")


def test_secretariat_filters_registrations_by_day_and_status(client, registered, secretariat):
    sign_in(client, secretariat)
    day1 = registered["days"][0].translation_key
    waiting = client.get("/admin/registrations/", {"day": str(day1), "status": "waiting"})
    assertContains(waiting, "r2@example.org")
    assertNotContains(waiting, "r1@example.org")


def test_secretariat_filters_registrations_by_language(client, registered, secretariat):
    sign_in(client, secretariat)
    by_language = client.get("/admin/registrations/", {"language": "uk"})
    assertContains(by_language, "r1@example.org")
    assertNotContains(by_language, "r0@example.org")


def test_summary_warns_that_exports_defuse_formulas(client, registered, secretariat):
    sign_in(client, secretariat)
    text = client.get("/admin/registrations-summary/").content.decode()
    assert "formulas" in text or "formler" in text


def test_summary_counts_each_day(client, registered, secretariat):
    sign_in(client, secretariat)
    summary = client.get("/admin/registrations-summary/")
    # Day 1: 2 confirmed of capacity 2, 1 waiting, none cancelled.
    assertContains(summary, "<td>2</td><td>2</td><td>1</td><td>0</td>", html=True)


def test_csv_export_defuses_formulas(client, registered, secretariat):
    sign_in(client, secretariat)
    event = registered["nb"]["event"]
    csv = client.get("/admin/registrations-summary/", {"format": "csv", "event": event.pk}).content.decode("utf-8-sig")
    assert "'=cmd" in csv and "'+47 1" in csv and "Олена" in csv


def test_spreadsheet_export_stores_formulas_as_text(client, registered, secretariat):
    sign_in(client, secretariat)
    event = registered["nb"]["event"]
    xlsx = client.get("/admin/registrations-summary/", {"format": "xlsx", "event": event.pk}).content
    sheet = zipfile.ZipFile(io.BytesIO(xlsx)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "=cmd" in sheet


@pytest.mark.parametrize(
    "address",
    ["/admin/registrations-summary/?format=csv&event={event}", "/admin/registrations/", "/admin/interest-cases/"],
)
def test_without_the_second_factor_the_secretariat_gets_no_export_nor_listing(client, registered, secretariat, address):
    """A password alone (a stolen one, say) opens no personal data: the session must be verified."""
    client.post("/admin/login/", {"username": secretariat.username, "password": PASSWORD})
    url = address.format(event=registered["nb"]["event"].pk)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/two-factor/enrol/")
    assert "Олена" not in response.content.decode()


@pytest.mark.parametrize("role", ["editor", "translator"])
def test_editors_and_translators_do_not_see_registrations(client, registered, request, role):
    user = request.getfixturevalue(role)
    sign_in(client, user)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/registrations/").status_code in {302, 403}
    assert client.get("/admin/registrations-summary/").status_code in {302, 403}
    assert client.get("/admin/registrations-summary/?format=csv&event=1").status_code in {302, 403}
    forms = client.get("/admin/forms/").content.decode()
    for code in ("nb", "uk", "en"):
        assert f"/admin/forms/submissions/{registered[code]['page'].pk}/" not in forms
    page = registered["uk"]["page"]
    assert client.get(f"/admin/forms/submissions/{page.pk}/").status_code in {302, 403, 404}
    assert "r1@example.org" not in client.get("/admin/").content.decode()


def test_pages_with_registrations_cannot_be_deleted(admin_client, registered):
    for page in (registered["nb"]["page"], registered["uk"]["page"], registered["nb"]["event"]):
        response = admin_client.post(f"/admin/pages/{page.pk}/delete/")
        assert response.status_code == 302
        assert Page.objects.filter(pk=page.pk).exists()
    assert Registration.objects.count() == 3


def test_a_page_without_registrations_can_still_be_deleted(admin_client, conference):
    page = conference["en"]["page"]
    assert admin_client.post(f"/admin/pages/{page.pk}/delete/").status_code == 302
    assert not Page.objects.filter(pk=page.pk).exists()


def test_secretariat_group_has_only_admin_access_and_the_personal_data_right():
    group = Group.objects.get(name="Secretariat")
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert codenames == {
        "access_admin",
        "handle_personal_data",
    }
    assert not GroupPagePermission.objects.filter(group=group).exists()


def test_anonymise_after_retention_period(registered, settings):
    event = registered["nb"]["event"]
    type(event).objects.filter(pk=event.pk).update(
        start_date=timezone.localdate() - timezone.timedelta(days=100),
        end_date=timezone.localdate() - timezone.timedelta(days=91),
    )
    settings.REGISTRATION_RETENTION_DAYS = 92
    call_command("anonymise_registrations")
    assert not Registration.objects.filter(anonymised_at__isnull=False).exists()
    call_command("anonymise_registrations", days=90)
    for registration in Registration.objects.all():
        assert registration.anonymised_at and registration.name == "" and registration.answers == {}
        assert registration.email.endswith("@invalid.invalid")
    assert RegistrationDay.objects.count() == 3  # attendance figures survive


def test_erase_person_removes_everything_and_frees_the_place(registered, django_capture_on_commit_callbacks, capsys):
    from outbox.models import OutboundEmail

    with django_capture_on_commit_callbacks(execute=True):
        call_command("erase_person", email="R0@example.org")
    assert "r0@example.org" not in capsys.readouterr().out
    assert not Registration.objects.filter(email="r0@example.org").exists()
    assert not [row for row in OutboundEmail.objects.all() if "r0@example.org" in row.to + row.body_text]
    late = Registration.objects.get(email="r2@example.org")
    assert late.days.get().status == RegistrationDay.CONFIRMED


def test_bulk_delete_of_pages_with_registrations_is_refused(admin_client, registered):
    page = registered["nb"]["page"]
    url = f"/admin/bulk/wagtailcore/page/delete/?id={page.pk}&next=/admin/pages/"
    response = admin_client.post(url)
    assert response.status_code == 302
    assert Page.objects.filter(pk=page.pk).exists()


def test_bulk_delete_still_works_for_pages_without_registrations(admin_client, conference):
    page = conference["en"]["page"]
    response = admin_client.post(f"/admin/bulk/wagtailcore/page/delete/?id={page.pk}&next=/admin/pages/")
    assert response.status_code == 302
    assert not Page.objects.filter(pk=page.pk).exists()


def test_wagtails_submissions_list_leads_to_the_registrations(admin_client, registered):
    page = registered["uk"]["page"]
    response = admin_client.get(f"/admin/forms/submissions/{page.pk}/")
    assert response.status_code == 302
    assert response["Location"] == f"/admin/registrations/?event={registered['nb']['event'].pk}"


def read_csv(response) -> list[list[str]]:
    import csv as csv_module

    body = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv_module.reader(io.StringIO(body.decode("utf-8-sig"))))


@pytest.mark.parametrize(
    "address",
    [
        "/admin/registrations/?export=csv&event={event}",
        "/admin/forms/submissions/{page}/?export=csv",
        "/admin/forms/submissions/{uk_page}/?export=csv",
    ],
)
def test_wagtails_listing_exports_lead_to_the_formula_safe_export(client, registered, secretariat, address):
    """Wagtail's own listing export wrote a file with no columns and no rows (Repairs 23)."""
    sign_in(client, secretariat)
    event = registered["nb"]["event"]
    url = address.format(event=event.pk, page=registered["nb"]["page"].pk, uk_page=registered["uk"]["page"].pk)
    response = client.get(url, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == f"/admin/registrations-summary/?format=csv&event={event.pk}"
    rows = read_csv(response)
    assert len(rows) == 4 and "'=cmd|' /C calc'!A0" in rows[1]


def test_the_listing_export_without_an_event_leads_to_the_summary(client, registered, secretariat):
    sign_in(client, secretariat)
    response = client.get("/admin/registrations/?export=xlsx")
    assert response.status_code == 302 and response["Location"] == "/admin/registrations-summary/"


@pytest.mark.parametrize(
    "query", [{"format": "csv", "event": "abc"}, {"format": "csv", "event": ""}, {"format": "pdf", "event": "1"}]
)
def test_summary_refuses_odd_export_parameters_with_a_400(client, registered, secretariat, query):
    sign_in(client, secretariat)
    client.raise_request_exception = False
    response = client.get("/admin/registrations-summary/", query)
    assert response.status_code == 400
    assert "Denne eksporten finnes ikke" in response.content.decode()  # the admin speaks nb by default


# --- What the secretariat's screens show (Repairs 14) ------------------------------------------


def secretariat_speaking(django_user_model, language):
    from wagtail.users.models import UserProfile

    user = user_in(f"sek-{language}", "Secretariat")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


def parse(response):
    from bs4 import BeautifulSoup

    return BeautifulSoup(response.content.decode(), "html.parser")


@pytest.mark.parametrize(
    ("language", "organisation_label", "yes"), [("nb", "Organisasjon", "ja"), ("uk", "Organisasjon", "так")]
)
def test_inspect_shows_answers_under_their_questions_with_human_values(
    client, registered, django_user_model, language, organisation_label, yes
):
    """Answers showed as a raw dict; now a definition list: the question in the admin's language
    where the form has it, else the form's own label, else the stored key."""
    registration = Registration.objects.get(email="r1@example.org")
    registration.answers = {
        "organisasjon": "+47 1",
        "kommentar": "Linje 1\nLinje 2",
        "removed_question": ["a", "b"],
        "agree": True,
    }
    registration.save()
    sign_in(client, secretariat_speaking(django_user_model, language))
    html = client.get(f"/admin/registrations/inspect/{registration.pk}/")
    answers = parse(html).select("dd dl")[0]
    pairs = [
        (dt.get_text(strip=True), dd.get_text(strip=True)) for dt, dd in zip(answers("dt"), answers("dd"), strict=True)
    ]
    assert pairs == [
        (organisation_label, "+47 1"),
        ("Kommentar", "Linje 1Linje 2"),
        ("agree", yes),
        ("removed_question", "a, b"),
    ]
    assert answers.find("br") is not None  # a multi-line answer keeps its lines
    assert "{'" not in answers.parent.get_text()


def test_question_labels_follow_the_admins_language(client, registered, django_user_model):
    nb_page, uk_page = registered["nb"]["page"], registered["uk"]["page"]
    field = uk_page.form_fields.get(clean_name="organisasjon")
    field.label = "Організація"
    field.save()
    registration = Registration.objects.get(email="r1@example.org")
    sign_in(client, secretariat_speaking(django_user_model, "uk"))
    answers = parse(client.get(f"/admin/registrations/inspect/{registration.pk}/")).select("dd dl")[0]
    assert answers("dt")[0].get_text(strip=True) == "Організація"
    assert nb_page.form_fields.get(clean_name="organisasjon").label == "Organisasjon"


@pytest.mark.parametrize("language", ["nb", "uk", "en"])
def test_list_and_inspect_show_one_time_in_oslo(client, registered, django_user_model, language):
    """The list said 11:51 p.m. and the inspect view 10:51 p.m. for the same registration."""
    import datetime

    from django.utils import formats, translation

    registration = Registration.objects.get(email="r1@example.org")
    registered_at = datetime.datetime(2026, 1, 15, 22, 51, tzinfo=datetime.UTC)  # 23:51 in Oslo
    Registration.objects.filter(pk=registration.pk).update(created_at=registered_at, consent_at=registered_at)
    with translation.override(language):
        oslo = formats.date_format(timezone.localtime(registered_at), "DATETIME_FORMAT")
        utc = formats.date_format(registered_at.replace(tzinfo=None), "DATETIME_FORMAT")
    assert oslo != utc
    sign_in(client, secretariat_speaking(django_user_model, language))
    listing = client.get("/admin/registrations/").content.decode()
    inspect = client.get(f"/admin/registrations/inspect/{registration.pk}/").content.decode()
    assert oslo in listing and oslo in inspect
    assert utc not in listing and utc not in inspect


def test_titles_carry_the_name_without_an_unexplained_number(client, registered, secretariat):
    registration = Registration.objects.get(email="r1@example.org")
    assert str(registration) == "Олена"
    sign_in(client, secretariat)
    title = parse(client.get(f"/admin/registrations/inspect/{registration.pk}/")).title.get_text()
    assert "Олена" in title and f"({registration.event_id})" not in title


def test_the_summary_has_a_page_heading_and_one_per_event(client, registered, secretariat):
    sign_in(client, secretariat)
    soup = parse(client.get("/admin/registrations-summary/"))
    assert [h1.get_text(strip=True) for h1 in soup("h1")] == ["Plasser per dag"]
    headings = [h2.get_text(strip=True) for h2 in soup.select("main h2")]
    assert registered["nb"]["event"].title in headings
    assert len(headings) == len(soup.select("main table"))
    assert soup.select_one("main table th[scope=col]") is not None
