"""Manage links open a registration, but the database keeps only the SHA-256 of their tokens
(events.models.ManageToken): a copy of the database opens nothing."""

import hashlib
import importlib
import re

import pytest
from bs4 import BeautifulSoup

from django.core import mail
from django.db import connection
from django.utils import translation
from django.utils.translation import gettext

from events.models import ManageToken, Registration
from events.retention import anonymise_past_registrations

from .conftest import post_data

pytestmark = pytest.mark.django_db


def register(client, page, capture, **overrides):
    with capture(execute=True):
        return client.post(page.url, post_data(page, **overrides))


def manage_link_in(message) -> str:
    return re.search(r"https?://\S+?/manage/[^/\s]+/", message.body).group(0)


@pytest.fixture
def link(client, conference, django_capture_on_commit_callbacks):
    register(client, conference["nb"]["page"], django_capture_on_commit_callbacks, email="kari@example.org")
    (message,) = [m for m in mail.outbox if m.to == ["kari@example.org"]]
    return manage_link_in(message)


def token_of(link: str) -> str:
    return link.rstrip("/").rsplit("/", 1)[1]


def every_stored_text() -> str:
    """Every registration and manage-token row as the database holds it."""
    with connection.cursor() as cursor:
        rows = []
        for table in (Registration._meta.db_table, ManageToken._meta.db_table):
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 - our own table names
            rows += cursor.fetchall()
    return repr(rows)


def test_the_mailed_link_opens_the_registration(client, link):
    assert client.get(link.split("testserver", 1)[-1]).status_code == 200


def test_the_database_holds_the_digest_and_never_the_token(link):
    token = token_of(link)
    stored = every_stored_text()
    assert token not in stored
    assert hashlib.sha256(token.encode()).hexdigest() in stored


@pytest.mark.parametrize("guess", ["digest", "short", "unknown"])
def test_only_the_token_itself_opens_the_page(client, link, guess):
    token = token_of(link)
    wrong = {
        "digest": ManageToken.digest_of(token),
        "short": token[:10],
        "unknown": token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB"),
    }[guess]
    assert client.get(link.split("testserver", 1)[-1].replace(token, wrong)).status_code == 404


def test_a_newer_mail_does_not_break_the_older_link(client, conference, link, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    register(client, conference["nb"]["page"], django_capture_on_commit_callbacks, email="kari@example.org")
    (resent,) = mail.outbox
    newer = manage_link_in(resent)
    assert token_of(newer) != token_of(link)
    for address in (link, newer):
        assert client.get(address.split("testserver", 1)[-1]).status_code == 200


def test_anonymising_a_registration_drops_its_tokens(client, conference, link):
    event = conference["nb"]["event"]
    for day in event.days.all():  # the event took place long ago: its days, and so its dates
        day.date = day.date.replace(year=2000)
        day.save()
    event.save()
    anonymise_past_registrations(days=30)
    assert not ManageToken.objects.exists()
    assert client.get(link.split("testserver", 1)[-1]).status_code == 404


def test_the_migration_hashes_old_tokens_as_the_lookup_does():
    """Links mailed before the digests keep working: the data migration's digest is the lookup's."""
    migration = importlib.import_module("events.migrations.0007_manage_tokens_hashed")
    old_token = "Zq3-legacy_token_0123456789abcdefABCDEF"
    assert migration.hashlib.sha256(old_token.encode("utf-8")).hexdigest() == ManageToken.digest_of(old_token)


def active_days(email: str) -> int:
    from events.models import RegistrationDay

    return RegistrationDay.objects.filter(registration__email=email).exclude(status=RegistrationDay.CANCELLED).count()


@pytest.mark.parametrize("code", ["nb", "uk", "en"])
def test_cancelling_asks_first_and_only_the_answer_cancels(
    client, conference, code, django_capture_on_commit_callbacks
):
    """The manage page's cancel is a link to a page that asks; neither opening it (as a mail scanner
    does) nor a form from before this change cancels. Its "yes" does, in the registrant's language."""
    email = f"kari.{code}@example.org"
    register(client, conference[code]["page"], django_capture_on_commit_callbacks, email=email)
    (message,) = [m for m in mail.outbox if m.to == [email]]
    manage = manage_link_in(message).split("testserver", 1)[-1]
    assert manage.startswith(f"/{code}/")
    managed = BeautifulSoup(client.get(manage).content, "html.parser")
    assert managed.find("a", href=manage + "cancel/") is not None
    assert not managed.select('[name="cancel"]'), "no button on the manage page cancels by itself"

    asked = client.get(manage + "cancel/")
    assert asked.status_code == 200 and active_days(email) == 2
    page = BeautifulSoup(asked.content, "html.parser")
    assert page.html["lang"] == code
    with translation.override(code):
        assert page.h1.get_text(strip=True) == gettext("Cancel your registration?")
        answers = [element.get_text(strip=True) for element in page.select("main form[method=post] .button")]
        assert answers == [gettext("Yes, cancel my registration"), gettext("No, keep my registration")]
    assert page.select_one("main form[method=post] a")["href"] == manage

    old_form = client.post(manage, {"cancel": "1", "days": []})
    assert old_form.status_code == 303 and old_form["Location"] == manage + "cancel/"
    assert active_days(email) == 2

    with django_capture_on_commit_callbacks(execute=True):
        answered = client.post(manage + "cancel/")
    assert answered.status_code == 303 and answered["Location"] == manage + "?cancelled=1"
    assert active_days(email) == 0
    with translation.override(code):
        assert (
            gettext("Your registration is cancelled. We have sent you an email.")
            in client.get(answered["Location"]).content.decode()
        )


def test_the_cancel_page_of_another_language_leads_to_the_registrants_own(client, conference, link):
    nb_cancel = link.split("testserver", 1)[-1] + "cancel/"
    uk_page = conference["uk"]["page"]
    registration = Registration.objects.get(email="kari@example.org")
    registration.language = "uk"
    registration.save(update_fields=["language"])
    response = client.get(nb_cancel)
    assert response.status_code == 302
    assert response["Location"].endswith(uk_page.url + f"manage/{token_of(link)}/cancel/")
