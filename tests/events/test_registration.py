"""Registration: one dataset in three languages, capacity, waiting list, duplicates, PRG, mail."""

import re

import pytest
from pytest_django.asserts import assertContains, assertInHTML

from django.core import mail
from django.utils import timezone

from events.models import ManageToken, Registration, RegistrationDay, RegistrationFormField, RegistrationPage
from outbox.models import OutboundEmail

from .conftest import post_data

pytestmark = pytest.mark.django_db


def register(client, page, capture, **overrides):
    with capture(execute=True):
        return client.post(page.url, post_data(page, **overrides))


@pytest.fixture
def registered_in_ukrainian(client, conference, django_capture_on_commit_callbacks):
    """The response to a registration sent through the uk form for both days."""
    page = conference["uk"]["page"]
    assert client.get(page.url).status_code == 200
    return register(client, page, django_capture_on_commit_callbacks, email="Olena@Example.org")


def test_register_in_ukrainian_lands_in_one_dataset(conference, registered_in_ukrainian):
    assert registered_in_ukrainian.status_code == 303
    registration = Registration.objects.get()
    assert registration.email == "olena@example.org"
    assert registration.language == "uk"
    assert registration.event_id == conference["nb"]["event"].pk
    assert registration.page_id == conference["nb"]["page"].pk
    assert registration.answers == {"organisasjon": "Kommune", "kommentar": ""}
    assert set(registration.days_with(RegistrationDay.CONFIRMED)) == {d.translation_key for d in conference["days"]}
    assert registration.consent_at is not None


def test_done_page_thanks_in_the_visitors_language_and_lists_the_days(client, registered_in_ukrainian):
    done = client.get(registered_in_ukrainian["Location"])
    assertContains(done, "Дякуємо за реєстрацію")
    assertContains(done, "Dag 1")
    assertContains(done, "Dag 2")


def test_refreshing_the_done_page_never_registers_again(client, registered_in_ukrainian):
    client.get(registered_in_ukrainian["Location"])
    assert client.get(registered_in_ukrainian["Location"]).status_code == 200
    assert Registration.objects.count() == 1


def test_confirmation_mail_goes_to_the_person_in_their_language(registered_in_ukrainian):
    to_person = mail.outbox[0]
    assert to_person.to == ["olena@example.org"]
    assert "Kommunekonferansen" in to_person.subject
    assert "Вітаємо" in to_person.body or "Добрий день" in to_person.body
    assert to_person.alternatives and "<a href=" in to_person.alternatives[0][0]


def token_in(body: str) -> str:
    return re.search(r"/manage/([^/\s]+)/", body).group(1)


def test_confirmation_mail_carries_a_manage_link_in_the_visitors_language(registered_in_ukrainian):
    to_person = mail.outbox[0]
    assert Registration.with_manage_token(token_in(to_person.body)) == Registration.objects.get()
    assert "/uk/" in to_person.body


def test_confirmation_mail_attaches_a_calendar_entry_per_day(registered_in_ukrainian):
    ((filename, ics, mimetype),) = mail.outbox[0].attachments
    assert filename.endswith(".ics") and mimetype == "text/calendar"
    assert ics.count("BEGIN:VEVENT") == 2 and "Europe/Oslo" in ics


def test_the_secretariat_is_told_of_each_registration_through_the_outbox(registered_in_ukrainian):
    _to_person, to_secretariat = mail.outbox
    assert to_secretariat.to == ["sekretariat@s2pu.example"]
    assert OutboundEmail.objects.filter(status=OutboundEmail.SENT).count() == 2


def test_field_keys_stay_when_labels_are_translated(conference):
    nb = {f.translation_key: f.clean_name for f in conference["nb"]["page"].form_fields.all()}
    for code in ("uk", "en"):
        for field in conference[code]["page"].form_fields.all():
            assert field.clean_name == nb[field.translation_key]
    field = conference["uk"]["page"].form_fields.first()
    field.label = "Організація"
    field.save()
    field.refresh_from_db()
    assert field.clean_name == "organisasjon"


def test_reserved_field_keys_are_refused(conference):
    from django.core.exceptions import ValidationError

    field = RegistrationFormField(page=conference["nb"]["page"], label="Email", field_type="singleline")
    with pytest.raises(ValidationError):
        field.clean()


def fill_first_day(client, conference, page, capture) -> None:
    """Registers two people for the conference's first day, its capacity."""
    for n in range(2):
        register(client, page, capture, email=f"p{n}@example.org", days=[str(conference["days"][0].translation_key)])


def test_a_day_that_fills_is_marked_full_on_the_next_drawing_of_the_form(
    client, conference, django_capture_on_commit_callbacks
):
    """The empty form is drawn once and kept (home.forms.CachedRendering); a day's "full" mark changes
    its description, so the next visitor sees it at once, though no content was published."""
    page = conference["en"]["page"]
    assert "full – waiting list" not in client.get(page.url).content.decode()
    fill_first_day(client, conference, page, django_capture_on_commit_callbacks)
    assert "full – waiting list" in client.get(page.url).content.decode()


def test_full_day_goes_to_waiting_list_and_cancellation_promotes(
    client, conference, django_capture_on_commit_callbacks
):
    page = conference["en"]["page"]
    day1 = conference["days"][0]
    fill_first_day(client, conference, page, django_capture_on_commit_callbacks)
    assert "full – waiting list" in client.get(page.url).content.decode()
    mail.outbox.clear()
    response = register(
        client,
        conference["nb"]["page"],
        django_capture_on_commit_callbacks,
        email="late@example.org",
        days=[str(day1.translation_key)],
    )
    late = Registration.objects.get(email="late@example.org")
    assert late.days.get().status == RegistrationDay.WAITING
    assert "venteliste" in mail.outbox[0].subject.lower()
    assert not mail.outbox[0].attachments
    assert "nummer 1" in client.get(response["Location"]).content.decode()

    first = Registration.objects.get(email="p0@example.org")
    mail.outbox.clear()
    cancel = page.url + page.reverse_subpage("cancel", args=[ManageToken.issue(first)])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(cancel)
    assert response.status_code == 303
    assert first.days.get().status == RegistrationDay.CANCELLED
    assert late.days.get().status == RegistrationDay.CONFIRMED
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert "plass" in subjects["late@example.org"].lower()  # promotion, in Norwegian
    assert "cancelled" in subjects["p0@example.org"].lower()  # cancellation, in English
    confirmed = RegistrationDay.objects.filter(day_key=day1.translation_key, status=RegistrationDay.CONFIRMED)
    assert confirmed.count() == 2


def test_manage_link_changes_days_in_the_registrants_language(client, conference, django_capture_on_commit_callbacks):
    register(client, conference["uk"]["page"], django_capture_on_commit_callbacks)
    registration = Registration.objects.get()
    nb_page = conference["nb"]["page"]
    response = client.get(nb_page.url + nb_page.reverse_subpage("manage", args=[ManageToken.issue(registration)]))
    assert response.status_code == 302 and "/uk/" in response["Location"]
    page = conference["uk"]["page"]
    url = page.url + page.reverse_subpage("manage", args=[ManageToken.issue(registration)])
    assert "Ваша реєстрація" in client.get(url).content.decode()
    day2 = conference["days"][1]
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"days": [str(day2.translation_key)], "save": "1"}).status_code == 303
    statuses = {row.day_key: row.status for row in registration.days.all()}
    assert statuses == {conference["days"][0].translation_key: "cancelled", day2.translation_key: "confirmed"}
    assert client.get(page.url + page.reverse_subpage("manage", args=["x" * 43])).status_code == 404


def test_same_email_twice_resends_the_manage_link(client, conference, django_capture_on_commit_callbacks):
    register(client, conference["nb"]["page"], django_capture_on_commit_callbacks)
    mail.outbox.clear()
    response = register(
        client, conference["en"]["page"], django_capture_on_commit_callbacks, email="OLENA@example.org "
    )
    assert response.status_code == 303
    assert "already" in response["Location"]
    assert "already registered" in client.get(response["Location"]).content.decode()
    assert Registration.objects.count() == 1
    (message,) = mail.outbox
    assert Registration.with_manage_token(token_in(message.body)) == Registration.objects.get()
    assert message.to == ["olena@example.org"]


def post_invalid(client, conference):
    page = conference["uk"]["page"]
    return client.post(page.url, post_data(page, email="not-an-address", consent="", organisasjon="Житомир"))


def test_invalid_input_is_explained_next_to_the_field(client, conference):
    response = post_invalid(client, conference)
    assertContains(response, ukrainian_email_error())
    email = response.context["form"]["email"]
    assert 'aria-invalid="true"' in str(email)
    assertInHTML(str(email), response.content.decode())


def test_invalid_input_keeps_the_answers(client, conference):
    response = post_invalid(client, conference)
    assertContains(response, "Житомир")
    assertContains(response, "Olena Kovalenko")


def test_invalid_input_stores_nothing(client, conference):
    post_invalid(client, conference)
    assert Registration.objects.count() == 0


def test_closed_and_not_yet_open_forms_take_nothing(client, conference):
    page = conference["nb"]["page"]
    page.closes_at = timezone.now() - timezone.timedelta(minutes=1)
    page.save()
    response = client.post(page.url, post_data(page))
    assert response.status_code == 200
    assert "stengt" in response.content.decode()
    assert Registration.objects.count() == 0


def test_honeypot_is_refused_visibly_counted_and_logged_without_personal_data(client, conference, caplog):
    from home.models import FormRejection

    page = conference["nb"]["page"]
    response = client.post(page.url, post_data(page, s2pu_website_check="http://spam.example"))
    assert response.status_code == 400
    assert "Takk" not in response.content.decode()
    assert "sekretariat@s2pu.example" in response.content.decode()
    assert Registration.objects.count() == 0
    assert FormRejection.objects.get().count == 1
    client.post(page.url, post_data(page, s2pu_website_check="x"))
    assert FormRejection.objects.get().count == 2
    logged = " ".join(record.getMessage() for record in caplog.records)
    assert "honeypot" in logged
    assert "olena" not in logged.lower() and "Olena" not in logged


def test_rate_limit_per_address(client, conference, settings):
    settings.FORM_RATE_LIMIT = 3
    page = conference["nb"]["page"]
    statuses = [client.post(page.url, post_data(page, email=f"r{n}@example.org")).status_code for n in range(4)]
    assert statuses == [303, 303, 303, 429]
    other = client.post(page.url, post_data(page, email="other@example.org"), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 303
    assert Registration.objects.count() == 4


def test_mail_server_down_never_fails_or_duplicates_a_registration(
    client, conference, django_capture_on_commit_callbacks, settings
):
    from django.core.management import call_command

    settings.EMAIL_BACKEND = "tests.events.broken_mail.Backend"
    response = register(client, conference["nb"]["page"], django_capture_on_commit_callbacks)
    assert response.status_code == 303
    assert Registration.objects.count() == 1
    pending = OutboundEmail.objects.filter(status=OutboundEmail.PENDING)
    assert pending.count() == 2
    assert all(row.attempts == 1 and "SMTPServerDisconnected" in row.last_error for row in pending)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_pending_mail", "--all")  # as after repairing the mail server
    call_command("send_pending_mail", "--all")
    assert len(mail.outbox) == 2
    assert OutboundEmail.objects.filter(status=OutboundEmail.SENT).count() == 2


def test_a_crash_during_a_post_logs_no_personal_data(conference, caplog, monkeypatch):
    from django.test import Client

    import events.capacity

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(events.capacity, "register", broken)
    page = conference["nb"]["page"]
    response = Client(raise_request_exception=False).post(
        page.url, post_data(page, email="secret.person@example.org", organisasjon="+47 99 88 77 66")
    )
    assert response.status_code == 500
    logged = "\n".join(f"{record.getMessage()} {record.exc_text or ''}" for record in caplog.records)
    assert "boom" in logged or "Internal Server Error" in logged
    assert "secret.person" not in logged and "99 88 77 66" not in logged and "Olena" not in logged


def test_labels_and_help_text_are_escaped(client, conference):
    page = conference["nb"]["page"]
    field = page.form_fields.first()
    field.label = "Kommune <em>x</em>"
    field.help_text = "<script>alert(1)</script>"
    field.save()
    html = client.get(page.url).content.decode()
    assert "Kommune &lt;em&gt;x&lt;/em&gt;" in html
    assert "<script>alert(1)</script>" not in html


def test_wagtail_localize_translates_labels_but_never_keys(conference):
    from wagtail.models import Locale
    from wagtail_localize.models import String, TranslationSource

    page = conference["nb"]["page"]
    source, _created = TranslationSource.get_or_create_from_instance(page)
    strings = set(String.objects.filter(segments__source=source).values_list("data", flat=True))
    assert "Organisasjon" in strings
    assert "organisasjon" not in strings  # the key is not offered for translation
    source.create_or_update_translation(Locale.objects.get(language_code="uk"), fallback=True)
    translated = page.get_translation(Locale.objects.get(language_code="uk"))
    assert sorted(translated.form_fields.values_list("clean_name", flat=True)) == ["kommentar", "organisasjon"]


def test_consent_links_the_privacy_page_in_the_visitors_language(client, conference, privacy_pages):
    response = client.get(conference["uk"]["page"].url)
    assertContains(response, f'<a href="{privacy_pages["uk"].url}">положенні про конфіденційність</a>', html=True)


def admin_form(**fields):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    questions = [
        {
            "label": label,
            "field_type": "singleline",
            "required": "",
            "help_text": "",
            "choices": "",
            "default_value": "",
        }
        for label in fields.pop("questions")
    ]
    base = {
        "title": "Påmelding",
        "slug": "pamelding",
        "intro": "",
        "opens_at": "",
        "closes_at": "",
        "privacy_page": "",
        "thank_you_text": "",
        "to_address": "",
        "subject": "",
        "form_fields": inline_formset(questions),
        "action-publish": "publish",
    }
    return nested_form_data({**base, **fields})


@pytest.fixture
def event_without_registration(homes):
    from events.factories import EventDayFactory, EventIndexPageFactory, EventPageFactory

    index = EventIndexPageFactory(parent=homes["nb"], title="Arrangementer", slug="")
    event = EventPageFactory(parent=index)
    EventDayFactory(page=event)
    return event


def test_editor_cannot_add_a_question_with_a_reserved_key(admin_client, event_without_registration):
    event = event_without_registration
    url = f"/admin/pages/add/events/registrationpage/{event.pk}/"
    refused = admin_client.post(url, admin_form(questions=["Email"]))
    assert refused.status_code == 200 and not RegistrationPage.objects.child_of(event).exists()


def test_editor_builds_a_registration_page_in_the_admin(admin_client, event_without_registration):
    event = event_without_registration
    url = f"/admin/pages/add/events/registrationpage/{event.pk}/"
    assert admin_client.post(url, admin_form(questions=["Kommune / fylke", "Matallergi?"])).status_code == 302
    page = RegistrationPage.objects.child_of(event).get()
    assert page.live
    assert list(page.form_fields.values_list("clean_name", flat=True)) == ["kommune_fylke", "matallergi"]


def test_the_same_day_posted_twice_takes_the_last_place(client, conference, django_capture_on_commit_callbacks):
    """`days=X&days=X` with one place left confirms the person once, never queues them behind an
    empty place (Repairs 22)."""
    page = conference["nb"]["page"]
    day1 = conference["days"][0]
    register(
        client, page, django_capture_on_commit_callbacks, email="first@example.org", days=[str(day1.translation_key)]
    )
    key = str(day1.translation_key)
    response = register(client, page, django_capture_on_commit_callbacks, email="twice@example.org", days=[key, key])
    assert response.status_code == 303
    row = Registration.objects.get(email="twice@example.org").days.get()
    assert (row.status, row.position) == (RegistrationDay.CONFIRMED, None)
    assert RegistrationDay.objects.filter(day_key=day1.translation_key, status=RegistrationDay.CONFIRMED).count() == 2


@pytest.mark.parametrize(
    ("language", "message"),
    [("nb", "Svaret er for langt"), ("uk", "Відповідь задовга"), ("en", "This answer is too long")],
)
def test_every_answer_is_capped_and_the_visitor_told_in_their_language(client, conference, language, message):
    """A multi-line answer of 1.5 MB was stored whole (Repairs 22); now every editor-built question
    has a cap, shown in the browser (maxlength) and enforced on the server."""
    page = conference[language]["page"]
    form = page.get_form(page=page)
    assert form.fields["organisasjon"].max_length == 255
    assert form.fields["kommentar"].max_length == 10_000
    assert 'maxlength="10000"' in str(form["kommentar"])
    response = client.post(page.url, post_data(page, kommentar="x" * 1_500_000))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Registration.objects.count() == 0
    accepted = client.post(page.url, post_data(page, kommentar="x" * 10_000))
    assert accepted.status_code == 303
    assert len(Registration.objects.get().answers["kommentar"]) == 10_000


def test_pages_showing_what_a_person_sent_are_never_cached(client, conference, django_capture_on_commit_callbacks):
    """The done page had no Cache-Control (Repairs 23): a shared computer's back button or a proxy
    could show one person's registration to the next."""
    page = conference["uk"]["page"]
    done = register(client, page, django_capture_on_commit_callbacks)
    already = register(client, page, django_capture_on_commit_callbacks)
    invalid = client.post(page.url, post_data(page, email="not-an-address"))
    for response in (client.get(done["Location"]), client.get(already["Location"]), invalid):
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert "no-store" not in client.get(page.url).get("Cache-Control", "")


def ukrainian_email_error() -> str:
    """Django's message for a bad email address as the site words it in Ukrainian (the wording comes
    from whichever installed app translates it first), checked to be Ukrainian."""
    from django.core.validators import EmailValidator
    from django.utils import translation

    with translation.override("uk"):
        message = str(EmailValidator.message)
    assert message != "Enter a valid email address." and "Введіть" in message
    return message
