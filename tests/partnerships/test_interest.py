"""The partnership interest form: one dataset in three languages, mail through the outbox, the
secretariat's pipeline (history, matches, draft profiles, partnerships), permissions and erasure."""

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pytest_django.asserts import assertContains, assertNotContains

from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.management import call_command

from wagtail.models import GroupPagePermission

from home.models import FormRejection
from outbox.models import OutboundEmail
from partnerships.factories import InterestCaseFactory, ThemeFactory, UkrainianPartnerPageFactory
from partnerships.models import (
    CaseEvent,
    CaseStatus,
    InterestCase,
    InterestFormPage,
    PartnerPage,
    Partnership,
    PartnershipsIndexPage,
    PartnershipStatus,
)
from partnerships.pipeline import create_draft_partner, link_partnership, score, suggested_matches
from tests.roles import sign_in, user_in

pytestmark = pytest.mark.django_db


def post_data(**overrides):
    data = {
        "kind": "municipality",
        "organisation": "Sokndal kommune",
        "country": "NO",
        "region": "Rogaland",
        "contact_person": "Kari Nordmann",
        "email": "Kari@Example.org",
        "phone": "+47 912 34 567",
        "themes_offered": ["education"],
        "themes_needed": [],
        "size": "3300",
        "message": "Vi vil samarbeide.",
        "contact_language": "nb",
        "consent": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def submit(client, page, capture, **overrides):
    with capture(execute=True):
        return client.post(page.url, post_data(**overrides))


def test_english_form_offers_the_themes_and_links_the_privacy_statement(client, forms):
    response = client.get(forms["en"].url)
    assertContains(
        response,
        '<label for="id_themes_offered_0"><input type="checkbox" name="themes_offered" value="education"'
        ' id="id_themes_offered_0"> Education</label>',
        html=True,
    )
    assertContains(response, f'<a href="{forms["en"].privacy_url()}">privacy statement</a>', html=True)


@pytest.fixture
def sent_in_english(client, forms, django_capture_on_commit_callbacks):
    """The response to an interest sent through the en form."""
    return submit(client, forms["en"], django_capture_on_commit_callbacks, contact_language="en")


def test_english_submission_lands_in_one_dataset(forms, sent_in_english):
    assert sent_in_english.status_code == 303
    case = InterestCase.objects.get()
    assert case.page_id == forms["nb"].pk
    assert case.language == "en" and case.contact_language == "en"
    assert case.email == "kari@example.org"
    assert case.themes_offered == ["education"] and case.size == 3300
    assert case.status == CaseStatus.NEW and case.consent_at


def test_english_submission_is_thanked_in_english(client, sent_in_english):
    assertContains(client.get(sent_in_english["Location"]), "Thank you for your interest")


def test_english_submission_is_confirmed_to_the_person_in_english(sent_in_english):
    to_person = mail.outbox[0]
    assert to_person.to == ["kari@example.org"]
    assert "Thank you" in to_person.body and "Education" in to_person.body
    assert to_person.alternatives and "<p>" in to_person.alternatives[0][0]


def test_the_secretariat_is_told_of_each_interest_through_the_outbox(sent_in_english):
    _to_person, to_secretariat = mail.outbox
    assert to_secretariat.to == ["sekretariat@s2pu.example"]
    assert "Sokndal kommune" in to_secretariat.subject
    assert OutboundEmail.objects.filter(status=OutboundEmail.SENT).count() == 2


def test_ukrainian_form_names_the_themes_in_ukrainian(client, forms):
    assertContains(client.get(forms["uk"].url), "Освіта")


def post_invalid_email(client, forms):
    return client.post(forms["uk"].url, post_data(email="not-an-address", organisation="Криворізька громада"))


def test_ukrainian_form_explains_errors_in_ukrainian(client, forms):
    assertContains(post_invalid_email(client, forms), ukrainian_email_error())


def test_a_refused_form_keeps_the_answers(client, forms):
    response = post_invalid_email(client, forms)
    assertContains(response, "Криворізька громада")
    assertContains(response, "not-an-address")


def test_a_refused_form_stores_no_case(client, forms):
    post_invalid_email(client, forms)
    assert InterestCase.objects.count() == 0


@pytest.mark.parametrize("code", ["nb", "uk", "en"])
def test_the_country_is_not_chosen_beforehand(client, forms, code):
    """Nothing is filed as Norwegian for a hromada that skipped the question."""
    select = BeautifulSoup(client.get(forms[code].url).content, "html.parser").find("select", {"name": "country"})
    assert select.has_attr("required")
    chosen = select.find("option", selected=True) or select.find("option")
    assert chosen["value"] == ""


def test_an_interest_without_a_country_is_refused_in_ukrainian_with_every_answer_kept(client, forms):
    answers = post_data(
        country=None, organisation="Криворізька громада", region="Дніпропетровська область", contact_language="uk"
    )
    response = client.post(forms["uk"].url, answers)
    assert response.status_code == 200 and not InterestCase.objects.exists()
    html = BeautifulSoup(response.content, "html.parser")
    summary = html.select_one(".error-summary").get_text(" ", strip=True)
    assert "Виберіть країну, у якій розташована ваша громада чи організація." in summary
    assert html.find("input", {"name": "organisation"})["value"] == "Криворізька громада"
    assert html.find("input", {"name": "region"})["value"] == "Дніпропетровська область"
    assert html.find("input", {"name": "contact_person"})["value"] == "Kari Nordmann"
    assert html.find("input", {"name": "email"})["value"] == "Kari@Example.org"
    assert html.find("input", {"name": "phone"})["value"] == "+47 912 34 567"
    assert html.find("input", {"name": "size"})["value"] == "3300"
    assert html.find("textarea", {"name": "message"}).get_text().strip() == "Vi vil samarbeide."
    assert html.find("input", {"name": "kind", "value": "municipality"}).has_attr("checked")
    assert html.find("input", {"name": "themes_offered", "value": "education"}).has_attr("checked")
    assert html.find("select", {"name": "contact_language"}).find("option", selected=True)["value"] == "uk"
    assert html.find("input", {"name": "consent"}).has_attr("checked")


def test_missing_consent_is_refused_in_norwegian(client, forms):
    response = client.post(forms["nb"].url, post_data(consent=None))
    assert response.status_code == 200
    assert "samtykke" in response.content.decode()
    assert not InterestCase.objects.exists()


def test_a_filled_honeypot_is_refused_and_counted(client, forms):
    response = client.post(forms["nb"].url, post_data(s2pu_website_check="http://spam"))
    assert response.status_code == 400
    assert FormRejection.objects.get(form="partnership_interest").reason == FormRejection.HONEYPOT
    assert not InterestCase.objects.exists()


def test_too_many_posts_from_one_address_are_refused(client, forms, settings):
    settings.FORM_RATE_LIMIT = 1
    client.post(forms["nb"].url, post_data(email="x"))
    assert client.post(forms["nb"].url, post_data(email="x")).status_code == 429
    assert not InterestCase.objects.exists()


def test_every_change_is_written_to_the_history(forms, django_user_model):
    user = django_user_model.objects.create_user(username="sek", password="x" * 16)
    user.groups.add(Group.objects.get(name="Secretariat"))
    case = InterestCaseFactory(page=forms["nb"])
    case.status = CaseStatus.IN_DIALOGUE
    case.assignee = user
    case.notes = "Ringt."
    case.save(changed_by=user)
    events = {event.field: event for event in CaseEvent.objects.filter(case=case)}
    assert set(events) == {"status", "assignee", "notes"}
    assert (events["status"].old_value, events["status"].new_value) == ("new", "in_dialogue")  # codes
    assert events["notes"].new_value == "Ringt." and events["notes"].user == user
    case.save(changed_by=user)
    assert CaseEvent.objects.filter(case=case).count() == 3


def test_score_counts_complementary_themes_double():
    result = score({"a", "b"}, {"c"}, {"c", "d"}, {"a"})
    assert result == {"score": 4, "gives": ["a"], "gets": ["c"], "shared": []}
    assert score({"a"}, set(), {"a"}, set())["score"] == 1


def test_suggested_matches_rank_the_other_country(forms):
    page = forms["nb"]
    mine = InterestCaseFactory(page=page, themes_offered=["education"], themes_needed=["health"])
    best = InterestCaseFactory(page=page, country="UA", themes_offered=["health"], themes_needed=["education"])
    weaker = InterestCaseFactory(page=page, country="UA", themes_offered=["education"])
    InterestCaseFactory(page=page, country="NO", themes_offered=["health"], themes_needed=["education"])
    InterestCaseFactory(page=page, country="UA", themes_offered=["culture"])
    matches = [(m["kind"], m["object"]) for m in suggested_matches(mine) if m["kind"] == "case"]
    assert matches == [("case", best), ("case", weaker)]
    assert suggested_matches(mine)[0]["score"] == 4


def test_partner_profiles_looking_for_a_partner_are_candidates(forms):
    index = PartnershipsIndexPage.objects.get(locale__language_code="nb")
    theme = ThemeFactory(name="Vann", slug="vann", locale=index.locale)
    partner = UkrainianPartnerPageFactory(parent=index, looking_for_partner=True)
    partner.themes_needed.set([theme])
    partner.save()
    case = InterestCaseFactory(page=forms["nb"], themes_offered=["vann"])
    assert any(m["object"] == partner and m["gives"] == ["vann"] for m in suggested_matches(case))


def test_draft_profile_and_partnership_from_two_cases(forms):
    page = forms["nb"]
    norwegian = InterestCaseFactory(page=page, organisation="Risør kommune", region="Agder", size=6900)
    ukrainian = InterestCaseFactory(page=page, organisation="Test hromada", country="UA")
    profile = create_draft_partner(norwegian)
    assert not profile.live and profile.title == "Risør kommune" and profile.kind == "no_municipality"
    assert profile.get_parent().specific.locale.language_code == "nb"
    assert create_draft_partner(norwegian) == profile  # once
    partnership = link_partnership(norwegian, ukrainian)
    assert partnership.status == PartnershipStatus.INTEREST
    assert partnership.norwegian_partner == profile
    assert partnership.ukrainian_partner.title == "Test hromada"
    norwegian.refresh_from_db()
    assert norwegian.status == CaseStatus.MATCHED
    assert CaseEvent.objects.filter(case=ukrainian, field="partnership").exists()


# --- Permissions per role --------------------------------------------------------------------------


@pytest.fixture
def case(forms):
    return InterestCaseFactory(page=forms["nb"], organisation="Hemmelig kommune", email="hemmelig@example.org")


@pytest.fixture
def translator(django_user_model, homes):
    group = Group.objects.create(name="Translators uk")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for permission in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group, page=homes["uk"], permission=Permission.objects.get(codename=permission)
        )
    return user_in("translator", group.name)


ADMIN_URLS = ["/admin/interest-cases/", "/admin/interest-cases-export/csv/"]


@pytest.mark.parametrize("url", [*ADMIN_URLS, "/admin/interest-cases/edit/{case}/"])
def test_anonymous_sees_no_cases(client, case, url):
    response = client.get(url.format(case=case.pk))
    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.parametrize("role", ["editor", "translator"])
def test_editors_and_translators_see_no_cases(client, case, django_user_model, translator, role):
    user = translator if role == "translator" else user_in("ed", "Editors")
    sign_in(client, user)
    for url in [*ADMIN_URLS, f"/admin/interest-cases/edit/{case.pk}/"]:
        response = client.get(url)
        assert response.status_code in {302, 403}
        assert b"hemmelig@example.org" not in response.content
    assert client.post(f"/admin/interest-cases-actions/{case.pk}/partner/").status_code in {302, 403}
    assert not PartnerPage.objects.filter(title="Hemmelig kommune").exists()
    assert "interest-cases-export" not in client.get("/admin/").content.decode()
    submissions = client.get(f"/admin/forms/submissions/{case.page.pk}/")
    assert b"hemmelig@example.org" not in submissions.content


@pytest.fixture
def secretariat(client, django_user_model):
    user = user_in("sek", "Secretariat")
    sign_in(client, user)
    return user


@pytest.fixture
def two_cases(forms):
    """A Norwegian case whose name is a spreadsheet formula, offering education, and a Ukrainian
    case sent in uk that needs it: {"formula": case, "mykolaiv": case}."""
    page = forms["nb"]
    formula = InterestCaseFactory(page=page, organisation="=cmd|' /C calc'!A0", themes_offered=["education"])
    mykolaiv = InterestCaseFactory(
        page=page, organisation="Mykolaiv", country="UA", language="uk", themes_needed=["education"]
    )
    return {"formula": formula, "mykolaiv": mykolaiv}


def test_secretariat_menu_offers_the_export(client, secretariat):
    assertContains(client.get("/admin/"), "interest-cases-export")


def test_secretariat_lists_cases(client, secretariat, two_cases):
    assertContains(client.get("/admin/interest-cases/"), "Mykolaiv")


def test_secretariat_filters_cases_by_country(client, secretariat, two_cases):
    filtered = client.get("/admin/interest-cases/", {"country": "UA"})
    assertContains(filtered, "Mykolaiv")
    assertNotContains(filtered, "calc")


def test_secretariat_filters_cases_by_language(client, secretariat, two_cases):
    assertContains(client.get("/admin/interest-cases/", {"language": "uk"}), "Mykolaiv")
    assertNotContains(client.get("/admin/interest-cases/", {"language": "nb"}), "Mykolaiv")


def test_secretariat_filters_cases_by_theme(client, secretariat, two_cases):
    assertNotContains(client.get("/admin/interest-cases/", {"theme": "health"}), "Mykolaiv")
    assertContains(client.get("/admin/interest-cases/", {"theme": "education"}), "Mykolaiv")


def test_case_page_suggests_a_matching_case(client, secretariat, two_cases):
    assertContains(client.get(f"/admin/interest-cases/edit/{two_cases['formula'].pk}/"), "Mykolaiv")


def test_case_page_offers_cases_and_partner_profiles_to_link_by_hand(client, secretariat, two_cases, forms):
    profile = UkrainianPartnerPageFactory(parent=forms["nb"].get_parent(), locale=forms["nb"].locale)
    edit = client.get(f"/admin/interest-cases/edit/{two_cases['formula'].pk}/")
    assertContains(edit, f'value="case:{two_cases["mykolaiv"].pk}"')
    assertContains(edit, f'value="partner:{profile.pk}"')


def test_editing_a_case_records_each_change(client, secretariat, two_cases):
    case = two_cases["formula"]
    response = client.post(
        f"/admin/interest-cases/edit/{case.pk}/", {"status": "in_dialogue", "assignee": secretariat.pk, "notes": "Møte"}
    )
    assert response.status_code == 302
    assert CaseEvent.objects.filter(case=case, user=secretariat).count() == 3
    assertContains(client.get(f"/admin/interest-cases/edit/{case.pk}/"), "Møte")


def test_linking_two_cases_makes_an_unpublished_partnership(client, secretariat, two_cases):
    case, other = two_cases["formula"], two_cases["mykolaiv"]
    linked = client.post(
        f"/admin/interest-cases-actions/{case.pk}/link/", {"target": f"case:{other.pk}", "confirmed": "1"}, follow=True
    )
    assert Partnership.objects.filter(status=PartnershipStatus.INTEREST).count() == 1
    assertContains(linked, "publisert av noen med publiseringsrett")  # told it is not public yet


def test_csv_export_of_cases_defuses_formulas(client, secretariat, two_cases):
    csv = client.get("/admin/interest-cases-export/csv/").content.decode("utf-8-sig")
    assert "'=cmd" in csv and "Mykolaiv" in csv


def test_cases_export_as_a_spreadsheet(client, secretariat, two_cases):
    xlsx = client.get("/admin/interest-cases-export/xlsx/")
    assert xlsx.status_code == 200 and xlsx["Content-Type"].startswith("application/vnd.openxml")


def test_form_page_with_cases_cannot_be_deleted(admin_client, case):
    page = case.page
    response = admin_client.post(f"/admin/pages/{page.pk}/delete/")
    assert response.status_code == 302
    assert InterestFormPage.objects.filter(pk=page.pk).exists()
    for translation in page.get_translations():
        admin_client.post(f"/admin/pages/{translation.pk}/delete/")
        assert InterestFormPage.objects.filter(pk=translation.pk).exists()


def test_erase_person_removes_cases(case, capsys):
    call_command("erase_person", email="HEMMELIG@example.org")
    assert not InterestCase.objects.filter(pk=case.pk).exists()
    assert "interest cases: 1" in capsys.readouterr().out


# --- Bad input ---------------------------------------------------------------------------------

SPECIAL = st.sampled_from(
    [
        "Київ",
        "Ærlig Øystein på Ås",
        "🇺🇦🙂",
        "x" * 10_000,
        "a\x00b",
        "<script>alert(1)</script>",
        "=cmd|' /C calc'!A0",
        "",
    ]
)
TEXT = st.one_of(SPECIAL, st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=300))


@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(organisation=TEXT, contact=TEXT, region=TEXT, message=TEXT, phone=TEXT, size=TEXT)
def test_any_post_is_stored_as_sent_or_refused_with_a_message(
    client, forms, settings, organisation, contact, region, message, phone, size
):
    settings.FORM_RATE_LIMIT = 0
    InterestCase.objects.all().delete()
    page = forms["uk"]
    data = post_data(
        organisation=organisation, contact_person=contact, region=region, message=message, phone=phone, size=size
    )
    response = client.post(page.url, data)
    assert response.status_code < 500
    if response.status_code == 303:
        from home.forms import multi_line, single_line

        # As sent, made plain: one line each, the message with its lines (tests/home/test_typed_text_in_mail.py).
        stored = InterestCase.objects.get()
        assert stored.organisation == single_line(organisation)
        assert stored.contact_person == single_line(contact)
        assert stored.region == single_line(region)
        assert stored.message == multi_line(message)
        assert stored.phone == single_line(phone)
        from django import forms as django_forms

        assert stored.size == django_forms.IntegerField(required=False).clean(size)
    else:
        assert response.status_code == 200
        html = response.content.decode()
        assert 'class="errorlist' in html
        assert "<script>alert(1)</script>" not in html
        assert not InterestCase.objects.exists()


def test_closed_cases_are_deleted_after_the_retention_period(forms):
    import datetime

    from django.utils import timezone

    old = InterestCaseFactory(page=forms["nb"], status=CaseStatus.CLOSED)
    recent = InterestCaseFactory(page=forms["nb"], status=CaseStatus.CLOSED)
    active = InterestCaseFactory(page=forms["nb"], status=CaseStatus.IN_DIALOGUE)
    long_ago = timezone.now() - datetime.timedelta(days=400)
    InterestCase.objects.filter(pk__in=[old.pk, active.pk]).update(updated_at=long_ago)
    call_command("erase_closed_interest_cases", "--days", "365")
    assert set(InterestCase.objects.values_list("pk", flat=True)) == {recent.pk, active.pk}


def test_a_mail_server_that_is_down_never_loses_a_submission(
    client, forms, settings, django_capture_on_commit_callbacks
):
    from outbox.delivery import send_pending

    settings.EMAIL_BACKEND = "tests.events.broken_mail.Backend"
    response = submit(client, forms["uk"], django_capture_on_commit_callbacks)
    assert response.status_code == 303
    assert InterestCase.objects.get().language == "uk"
    assert OutboundEmail.objects.filter(status=OutboundEmail.PENDING).count() == 2
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_pending(everything=True) == (2, 0, 0, 0)
    assert "Дякуємо" in mail.outbox[0].body


def test_bulk_delete_of_a_form_page_with_cases_is_refused(admin_client, case):
    pages = [case.page, *case.page.get_translations()]
    assert len(pages) == 3
    for page in pages:
        admin_client.post(f"/admin/bulk/wagtailcore/page/delete/?id={page.pk}&next=/admin/pages/")
        assert InterestFormPage.objects.filter(pk=page.pk).exists()


def test_a_form_page_without_cases_can_be_deleted(admin_client, forms):
    page = forms["en"]
    admin_client.post(f"/admin/pages/{page.pk}/delete/")
    assert not InterestFormPage.objects.filter(pk=page.pk).exists()


def test_wagtails_submissions_list_leads_to_the_cases(admin_client, case):
    response = admin_client.get(f"/admin/forms/submissions/{case.page.pk}/")
    assert response.status_code == 302 and response["Location"] == "/admin/interest-cases/"


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_wagtails_listing_exports_lead_to_the_formula_safe_export(client, case, django_user_model, export_format):
    """Wagtail's own listing export wrote a file with no columns and no rows (Repairs 23)."""
    case.organisation = "=HYPERLINK(1)"
    case.save()
    user = user_in("sek", "Secretariat")
    sign_in(client, user)
    safe = f"/admin/interest-cases-export/{export_format}/"
    for address in (
        f"/admin/interest-cases/?export={export_format}",
        f"/admin/forms/submissions/{case.page.pk}/?export={export_format}",
    ):
        response = client.get(address, follow=True)
        assert response.status_code == 200
        assert response.redirect_chain[-1][0] == safe
        if export_format == "csv":
            assert "'=HYPERLINK(1)" in response.content.decode("utf-8-sig")
        else:
            assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert client.get("/admin/interest-cases-export/pdf/", follow=True).status_code == 404


@pytest.mark.parametrize("shown", ["done", "invalid"])
def test_pages_showing_what_a_person_sent_are_never_cached(client, forms, django_capture_on_commit_callbacks, shown):
    """The done page had no Cache-Control (Repairs 23)."""
    page = forms["en"]
    if shown == "done":
        response = client.get(submit(client, page, django_capture_on_commit_callbacks)["Location"])
    else:
        response = client.post(page.url, post_data(email="not-an-address"))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_a_linked_case_stays_private_until_its_profile_is_published(client, forms, django_user_model):
    """Linking a case put the name a visitor typed into the public overview, the open data and the
    other partner's page at once, next to a draft profile that answers 404 (Repairs 21)."""
    index = PartnershipsIndexPage.objects.get(locale__language_code="nb")
    uk_index = PartnershipsIndexPage.objects.get(locale__language_code="uk")
    other = UkrainianPartnerPageFactory(parent=index, title="Offentlig hromada", looking_for_partner=True)
    case = InterestCaseFactory(page=forms["nb"], organisation="Typet av en besøkende")
    partnership = link_partnership(case, other)
    profile = partnership.norwegian_partner
    assert not profile.live

    def public_text() -> str:
        texts = []
        for page in (index, uk_index):
            overview = page.reverse_subpage("overview_view")
            for address in (overview, "data/partnerships/json/", "data/partnerships/csv/", "?status=interest"):
                response = client.get(page.url + address)
                assert response.status_code == 200
                texts.append(response.content.decode())
        texts.append(client.get(other.url).content.decode())
        return "\n".join(texts)

    hidden = public_text()
    assert "Typet av en besøkende" not in hidden
    assert "Offentlig hromada" not in client.get(index.url + "?status=interest").content.decode()
    assert all(
        row["id"] != partnership.pk for row in client.get(index.url + "data/partnerships/json/").json()["results"]
    )

    publisher = django_user_model.objects.create_superuser("publisher", "p@example.org", "x" * 16)
    profile.get_latest_revision().publish(user=publisher)
    shown = public_text()
    assert shown.count("Typet av en besøkende") >= 5
    assert any(
        row["id"] == partnership.pk for row in client.get(index.url + "data/partnerships/json/").json()["results"]
    )


def test_case_screens_show_answers_themes_and_times_as_people_read_them(client, forms, django_user_model):
    """The case's inspect view showed raw dicts, theme slugs and UTC times (Repairs 14)."""
    import datetime

    from django.utils import formats, timezone, translation

    from partnerships.models import InterestFormField

    InterestFormField.objects.create(page=forms["nb"], label="Antall ansatte", field_type="number", required=False)
    case = InterestCaseFactory(
        page=forms["nb"],
        themes_offered=["education"],
        answers={"antall_ansatte": 12, "gammelt_sporsmal": ["a", "b"], "enig": False},
    )
    received = datetime.datetime(2026, 7, 1, 21, 30, tzinfo=datetime.UTC)  # 23:30 in Oslo
    InterestCase.objects.filter(pk=case.pk).update(created_at=received)
    sign_in(client, user_in("sek", "Secretariat"))
    with translation.override("nb"):
        oslo = formats.date_format(timezone.localtime(received), "DATETIME_FORMAT")
    inspect = client.get(f"/admin/interest-cases/inspect/{case.pk}/").content.decode()
    edit = client.get(f"/admin/interest-cases/edit/{case.pk}/").content.decode()
    for html in (inspect, edit):
        assert "<dt>Antall ansatte</dt>" in html and "<dd>12</dd>" in html
        assert "<dt>gammelt_sporsmal</dt>" in html and "<dd>a, b</dd>" in html
        assert "<dd>nei</dd>" in html, html
        assert "{&#x27;" not in html
    assert "Utdanning" in inspect and "[&#x27;education&#x27;]" not in inspect
    assert oslo in inspect and oslo in client.get("/admin/interest-cases/").content.decode()


@pytest.mark.parametrize(
    "target", ["case:abc", "case:", "partner:99999999999999999999999", "partner:-1", "x", "", "case:{own}"]
)
def test_linking_refuses_odd_targets_without_a_server_error(client, case, django_user_model, target):
    sign_in(client, user_in("sek", "Secretariat"))
    client.raise_request_exception = False
    response = client.post(
        f"/admin/interest-cases-actions/{case.pk}/link/", {"target": target.format(own=case.pk)}, follow=True
    )
    assert response.status_code == 200
    assert "Velg en sak eller partner" in response.content.decode()
    assert not Partnership.objects.filter(norwegian_partner__title=case.organisation).exists()


def ukrainian_email_error() -> str:
    """Django's message for a bad email address as the site words it in Ukrainian (the wording comes
    from whichever installed app translates it first), checked to be Ukrainian."""
    from django.core.validators import EmailValidator
    from django.utils import translation

    with translation.override("uk"):
        message = str(EmailValidator.message)
    assert message != "Enter a valid email address." and "Введіть" in message
    return message
