"""What a visitor types reaches mail as the text they typed and no more: a line break in a name does not
start a line of its own in the mail sent to the address they gave (or to the Secretariat), direction
overrides do not reorder what a moderator reads, and subjects carry quotes and ampersands, not HTML
entities. Each public form is posted as an attacker would, and the mail read from the outbox."""

import re

import pytest

from django.core import mail

from events.models import Registration
from news.comments import PageCommentForm, takes_comments
from news.models import PageComment
from partnerships.factories import ThemeFactory
from partnerships.models import InterestCase
from tests.page_tree import build_page_tree

# Lines of the attacker's choosing, in a single-line field.
INJECTED = "Eve\r\nBcc: mallory@example.org\r\n\r\nYou won"
FLATTENED = "Eve Bcc: mallory@example.org You won"
OWN_LINE = re.compile(r"^\s*(Bcc:|You won)", re.MULTILINE)
# Right-to-left override and a left-to-right isolate: "txt.exe" read as "exe.txt".
REORDERED = "Invoice \u202etxt.exe\u202c and \u2066more\u2069"
PLAIN = "Invoice txt.exe and more"
TITLE = 'Dugnad & "Vår" <2027>'
ENTITIES = re.compile(r"&(quot|amp|lt|gt|#x?[0-9a-f]+);", re.IGNORECASE)


@pytest.fixture(scope="module")
def tree(module_transaction):
    tree = build_page_tree()
    ThemeFactory(name="Vann", slug="vann")
    # The event's and the commented page's titles, which the subjects carry.
    for page in tree["pages"].values():
        if page.specific_class.__name__ == "EventPage" or takes_comments(page):
            page.title = TITLE
            page.save()
    return tree


@pytest.fixture
def site_pages(tree, db, settings):
    settings.SECRETARIAT_EMAIL = "sekretariat@s2pu.example"
    return {model._meta.label: page for model, page in tree["pages"].items()}


def posts(site_pages, text: str, long_text: str = "Hei.") -> dict:
    """{form: (address, data)} for every public form that takes a name, with `text` in the name."""
    registration = site_pages["events.RegistrationPage"]
    commentable = next(page for page in site_pages.values() if takes_comments(page))
    comment = {key: str(value) for key, value in PageCommentForm(commentable).initial.items()}
    comment.update(name=text, email="eve@example.org", comment=long_text)
    return {
        "registration": (
            registration.url,
            {
                "name": text,
                "email": "eve@example.org",
                "days": [str(day.translation_key) for day in registration.event_days()],
                "consent": "on",
                "s2pu_website_check": "",
            },
        ),
        "interest": (
            site_pages["partnerships.InterestFormPage"].url,
            {
                "kind": "municipality",
                "organisation": text,
                "country": "NO",
                "region": "Rogaland",
                "contact_person": text,
                "email": "eve@example.org",
                "phone": "+47 913 57 246",
                "themes_offered": ["vann"],
                "size": "3300",
                "message": long_text,
                "contact_language": "nb",
                "consent": "on",
            },
        ),
        "comment": ("/nb/comments/post/", comment),
    }


def stored_names(form: str) -> list[str]:
    if form == "registration":
        return [Registration.objects.get().name]
    if form == "interest":
        case = InterestCase.objects.get()
        return [case.organisation, case.contact_person]
    return [PageComment.objects.get().user_name]


def send(client, post, capture) -> list:
    address, data = post
    with capture(execute=True):
        response = client.post(address, data)
    assert response.status_code in {302, 303}, (address, response.status_code)
    assert mail.outbox, "the form sent no mail"
    return mail.outbox


def texts_of(message) -> list[str]:
    return [message.body, *(content for content, _type in getattr(message, "alternatives", []))]


@pytest.mark.parametrize("form", ["registration", "interest", "comment"])
def test_a_line_break_in_a_name_starts_no_line_in_any_mail(
    client, site_pages, form, django_capture_on_commit_callbacks
):
    sent = send(client, posts(site_pages, INJECTED)[form], django_capture_on_commit_callbacks)
    assert stored_names(form) == [FLATTENED] * len(stored_names(form))
    assert any(FLATTENED in text for message in sent for text in texts_of(message)), "the name reached no mail"
    for_own_lines = {message.subject: OWN_LINE.findall(text) for message in sent for text in texts_of(message)}
    assert {subject: found for subject, found in for_own_lines.items() if found} == {}


@pytest.mark.parametrize("form", ["interest", "comment"])
def test_direction_overrides_are_removed_from_long_answers(
    client, site_pages, form, django_capture_on_commit_callbacks
):
    sent = send(client, posts(site_pages, "Eve", long_text=REORDERED)[form], django_capture_on_commit_callbacks)
    stored = InterestCase.objects.get().message if form == "interest" else PageComment.objects.get().comment
    assert stored == PLAIN
    assert not [message.subject for message in sent if any("\u202e" in text for text in texts_of(message))]


def test_a_line_break_in_a_long_answer_stays_a_line_break(client, site_pages, django_capture_on_commit_callbacks):
    send(
        client, posts(site_pages, "Eve", long_text="Hei.\r\nVi er tre.")["comment"], django_capture_on_commit_callbacks
    )
    assert PageComment.objects.get().comment == "Hei.\nVi er tre."


@pytest.mark.parametrize("form", ["registration", "interest", "comment"])
def test_mail_subjects_carry_the_characters_not_html_entities(
    client, site_pages, form, django_capture_on_commit_callbacks
):
    sent = send(client, posts(site_pages, 'Eve "><b>')[form], django_capture_on_commit_callbacks)
    subjects = [message.subject for message in sent]
    assert [subject for subject in subjects if ENTITIES.search(subject)] == []
    assert all(TITLE in subject or 'Eve "><b>' in subject for subject in subjects), subjects


def test_a_name_of_nothing_but_line_breaks_is_missing(client, site_pages):
    address, data = posts(site_pages, "\r\n\r\n")["registration"]
    response = client.post(address, data)
    assert response.status_code == 200
    assert not Registration.objects.exists()
