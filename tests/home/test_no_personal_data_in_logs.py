"""Personal data never reaches a log line or an error report (docs/security.md): every public form is
posted with the mail server down, and once more with its processing crashing, while every logger
writes at DEBUG and ADMINS get Django's error reports; neither holds the visitor's name, address or
phone number."""

import logging
import re

import pytest

from django.core import mail
from django.test import override_settings
from django.utils.log import AdminEmailHandler

from events.factories import RegistrationFormFieldFactory
from events.models import ManageToken, Registration
from news.comments import PageCommentForm, takes_comments
from outbox import delivery
from partnerships.factories import ThemeFactory
from tests.page_tree import build_page_tree

pytestmark = pytest.mark.django_db

NAME = "Ingeborg Kvitsand-Lyngstad"
EMAIL = "ingeborg.kvitsand@example.org"
PHONE = "+47 913 57 246"
PERSONAL = (NAME, "Kvitsand", EMAIL, "ingeborg.kvitsand", PHONE, "913 57 246")


@pytest.fixture
def tree():
    tree = build_page_tree()
    ThemeFactory(name="Vann", slug="vann")
    registration = next(page for model, page in tree["pages"].items() if model._meta.label == "events.RegistrationPage")
    RegistrationFormFieldFactory(page=registration, label="Telefon", required=False, autocomplete="tel")
    return tree


def page_of(tree, label):
    return next(page for model, page in tree["pages"].items() if model._meta.label == label)


def public_form_posts(tree) -> list[tuple[str, dict]]:
    """(address, data) for every form a visitor can send."""
    registration = page_of(tree, "events.RegistrationPage")
    interest = page_of(tree, "partnerships.InterestFormPage")
    commentable = next(page for page in tree["pages"].values() if takes_comments(page))
    comment = {key: str(value) for key, value in PageCommentForm(commentable).initial.items()}
    comment.update(name=NAME, email=EMAIL, comment=f"Ring meg på {PHONE}.")
    return [
        (
            registration.url,
            {
                "name": NAME,
                "email": EMAIL,
                "telefon": PHONE,
                "days": [str(day.translation_key) for day in registration.event_days()],
                "consent": "on",
                "s2pu_website_check": "",
            },
        ),
        (
            interest.url,
            {
                "kind": "municipality",
                "organisation": "Sokndal kommune",
                "country": "NO",
                "region": "Rogaland",
                "contact_person": NAME,
                "email": EMAIL,
                "phone": PHONE,
                "themes_offered": ["vann"],
                "size": "3300",
                "message": f"Ring {NAME} på {PHONE}.",
                "contact_language": "nb",
                "consent": "on",
            },
        ),
        ("/nb/comments/post/", comment),
    ]


class Everything(logging.Handler):
    """Every record any logger passes, formatted as a log file would hold it, tracebacks included."""

    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(self.format(record))


@pytest.fixture
def captured():
    """Every logger at DEBUG into one list. ADMINS' error reports go where the test settings send all
    mail (mail.outbox): Django's own `mail_admins` handler, as in production, and one more that adds
    the HTML report, which lists every frame's local variables."""
    handler = Everything()
    html_reports = AdminEmailHandler(include_html=True)
    html_reports.setLevel(logging.ERROR)
    request_logger = logging.getLogger("django.request")
    request_logger.addHandler(html_reports)
    root = logging.getLogger()
    loggers = [root] + [logging.getLogger(name) for name in list(logging.root.manager.loggerDict)]
    levels = {logger: logger.level for logger in loggers}
    for logger in loggers:
        logger.setLevel(logging.DEBUG)
    # Loggers that do not propagate (django.server, say) get the handler themselves.
    quiet = [logger for logger in loggers if not logger.propagate]
    for logger in [root, *quiet]:
        logger.addHandler(handler)
    try:
        yield handler
    finally:
        for logger in [root, *quiet]:
            logger.removeHandler(handler)
        request_logger.removeHandler(html_reports)
        for logger, level in levels.items():
            logger.setLevel(level)


def leaks(text: str) -> list[str]:
    return [value for value in PERSONAL if value.lower() in text.lower()]


def everything_written(captured) -> str:
    reports = [f"{m.subject}\n{m.body}\n{''.join(a[0] for a in getattr(m, 'alternatives', []))}" for m in mail.outbox]
    return "\n".join(captured.lines + reports)


@override_settings(
    EMAIL_BACKEND="tests.events.broken_mail.Backend",
    ADMINS=[("Drift", "drift@s2pu.example")],
    DEBUG_PROPAGATE_EXCEPTIONS=False,
)
def test_a_mail_server_down_logs_no_personal_data(client, tree, captured, django_capture_on_commit_callbacks):
    for address, data in public_form_posts(tree):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(address, data)
        assert response.status_code in {302, 303}, (address, response.status_code)
    registration = Registration.objects.get()
    token = ManageToken.issue(registration)
    page = registration.page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(page.url + page.reverse_subpage("cancel", args=[token]))
    assert any("mail not sent" in line for line in captured.lines), "the failures were not logged at all"
    assert leaks(everything_written(captured)) == []


@override_settings(ADMINS=[("Drift", "drift@s2pu.example")], DEBUG_PROPAGATE_EXCEPTIONS=False)
def test_a_crash_while_handling_a_form_reports_no_personal_data(tree, captured, monkeypatch):
    from django.test import Client

    def crash(*args, **kwargs):
        raise RuntimeError("the outbox is broken")

    monkeypatch.setattr(delivery, "queue_mail", crash)
    client = Client(raise_request_exception=False)
    for address, data in public_form_posts(tree):
        assert client.post(address, data).status_code == 500, address
    reports = [m for m in mail.outbox if m.to == ["drift@s2pu.example"]]
    assert len(reports) == 6, "every crash reaches ADMINS, as text and with the HTML report"
    assert sum(bool(m.alternatives) for m in reports) == 3
    assert all(re.search(r"RuntimeError", m.body) for m in reports)
    assert leaks(everything_written(captured)) == []


def test_a_manage_links_token_is_masked_in_request_logs(client, tree, caplog):
    registration_page = page_of(tree, "events.RegistrationPage")
    guess = "a-token-that-someone-tried-0123456789"
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get(registration_page.url + registration_page.reverse_subpage("manage", args=[guess]))
    assert response.status_code == 404
    assert "/manage/…" in caplog.text
    assert guess not in caplog.text
