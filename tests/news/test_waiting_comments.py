"""Comments waiting for a moderator are seen (issue 19, point 11): counted in the moderator's menu,
listed on the moderator's dashboard, mailed to each moderator in their admin language when they
arrive; every row of the queue leads to the comment's inspect view, and a long comment can be read
whole from the list."""

import json

import pytest
from bs4 import BeautifulSoup

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from wagtail.users.models import UserProfile

from home.factories import homes_in_every_language, publish_translation
from news.comments import MODERATOR_MAIL
from news.factories import PageCommentFactory
from news.models import PageComment
from outbox.delivery import send_pending
from outbox.models import OutboundEmail
from partnerships.factories import PartnershipsIndexPageFactory, StoryPageFactory
from tests.news.test_comments import comment_data, post_url
from tests.roles import sign_in

pytestmark = pytest.mark.django_db

LONG_COMMENT = "Дякуємо за статтю про школи. " * 12 + "Останнє речення довгого коментаря."
SHORT_COMMENT = "Flott historie."
APPROVED_COMMENT = "Allerede godkjent."
REMOVED_COMMENT = "Allerede fjernet."
NEW_COMMENT = "En ny kommentar fra en leser."

# (username, admin language chosen in Account, or "" for none, email)
MODERATORS = [
    ("moderator-nb", "", "mod-nb@s2pu.example"),
    ("moderator-uk", "uk", "mod-uk@s2pu.example"),
    ("moderator-en", "en", "mod-en@s2pu.example"),
    ("moderator-no-mail", "en", ""),
]


def staff_user(username, group, language="", email=""):
    user = get_user_model().objects.create_user(username=username, email=email, password="x" * 16)
    user.groups.add(Group.objects.get(name=group))
    if language:
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
    return user


@pytest.fixture(scope="module")
def _ids(module_transaction):
    """A story in nb, uk and en, a moderator per admin language, an editor and the Secretariat, and
    four comments: two waiting, one approved, one removed. Built once for the module."""
    homes = homes_in_every_language()
    index = PartnershipsIndexPageFactory(parent=homes["nb"], slug="samarbeid")
    story = StoryPageFactory(parent=index, title="Skoler i Lyngdal", slug="skoler")
    stories = {"nb": story}
    for code, title in (("uk", "Школи"), ("en", "Schools")):
        publish_translation(index, code)
        stories[code] = publish_translation(story, code, title=title)
    users = {name: staff_user(name, "Moderators", language, email) for name, language, email in MODERATORS}
    users["editor"] = staff_user("editor", "Editors", email="editor@s2pu.example")
    users["secretariat"] = staff_user("secretariat", "Secretariat", email="sek@s2pu.example")
    comments = {
        "short": PageCommentFactory(page=stories["nb"], user_name="Kari", comment=SHORT_COMMENT),
        "long": PageCommentFactory(page=stories["uk"], user_name="Олена", comment=LONG_COMMENT),
        "approved": PageCommentFactory(page=stories["nb"], comment=APPROVED_COMMENT, is_public=True),
        "removed": PageCommentFactory(page=stories["en"], comment=REMOVED_COMMENT, is_removed=True),
    }
    return {
        "stories": {code: page.pk for code, page in stories.items()},
        "users": {name: user.pk for name, user in users.items()},
        "comments": {name: comment.pk for name, comment in comments.items()},
    }


@pytest.fixture
def users(_ids):
    found = get_user_model().objects.in_bulk(_ids["users"].values())
    return {name: found[pk] for name, pk in _ids["users"].items()}


@pytest.fixture
def comments(_ids):
    return {name: PageComment.objects.get(pk=pk) for name, pk in _ids["comments"].items()}


def sidebar_labels(response) -> str:
    """The admin menu, which Wagtail draws from JSON."""
    props = BeautifulSoup(response.content, "html.parser").find(id="wagtail-sidebar-props")
    return json.dumps(json.loads(props.string), ensure_ascii=False)


def inspect_url(comment) -> str:
    return reverse("reader_comments:inspect", args=[comment.pk])


# --- The menu and the dashboard ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("username", "label"),
    [("moderator-nb", "Kommentarer (2)"), ("moderator-uk", "Коментарі (2)"), ("moderator-en", "Comments (2)")],
)
def test_the_moderators_menu_counts_the_comments_waiting(client, users, username, label):
    sign_in(client, users[username])

    assert label in sidebar_labels(client.get("/admin/"))


def test_the_menu_count_follows_the_queue(client, users, comments):
    comments["short"].is_public = True
    comments["short"].save()
    sign_in(client, users["moderator-en"])

    labels = sidebar_labels(client.get("/admin/"))

    assert "Comments (1)" in labels


def test_the_moderators_dashboard_lists_the_waiting_comments_with_links(client, users, comments):
    sign_in(client, users["moderator-en"])

    panel = BeautifulSoup(client.get("/admin/").content, "html.parser").find(id="waiting-comments-section")

    assert panel is not None
    links = {a["href"] for a in panel.find_all("a")}
    assert {inspect_url(comments["short"]), inspect_url(comments["long"])} <= links
    assert inspect_url(comments["approved"]) not in links
    assert reverse("reader_comments:index") + "?is_public=false&is_removed=false" in links
    text = panel.get_text(" ", strip=True)
    assert "Comments waiting for moderation" in text
    assert SHORT_COMMENT in text and "Kari" in text
    assert APPROVED_COMMENT not in text and REMOVED_COMMENT not in text


@pytest.mark.parametrize("role", ["editor", "secretariat"])
def test_other_roles_see_neither_the_panel_nor_a_count(client, users, role):
    sign_in(client, users[role])

    response = client.get("/admin/")

    assert BeautifulSoup(response.content, "html.parser").find(id="waiting-comments-section") is None
    assert SHORT_COMMENT not in response.content.decode()
    assert "(2)" not in sidebar_labels(response)


# --- The queue and the inspect view ------------------------------------------------------------------


def test_each_row_of_the_queue_leads_to_the_comments_inspect_view(client, users, comments):
    sign_in(client, users["moderator-en"])

    soup = BeautifulSoup(client.get(reverse("reader_comments:index")).content, "html.parser")

    rows = soup.select("tbody tr")
    assert len(rows) == 4
    for row in rows:  # four rows, asserted above
        assert row.select_one('a[href*="/admin/reader-comments/inspect/"]') is not None
    assert soup.select_one(f'tbody a[href="{inspect_url(comments["long"])}"]') is not None


def test_a_long_comment_can_be_read_whole_from_the_queue(client, users):
    sign_in(client, users["moderator-uk"])

    html = client.get(reverse("reader_comments:index")).content.decode()

    assert "Останнє речення довгого коментаря." in html


def test_the_inspect_view_shows_the_whole_comment_its_author_and_the_moderators_buttons(client, users, comments):
    comment = comments["long"]
    sign_in(client, users["moderator-en"])

    soup = BeautifulSoup(client.get(inspect_url(comment)).content, "html.parser")

    text = soup.get_text(" ", strip=True)
    assert "Останнє речення довгого коментаря." in text
    assert comment.user_email in text
    assert soup.select_one(f'form[action="{reverse("reader_comments_approve", args=[comment.pk])}"]') is not None
    assert soup.select_one(f'form[action="{reverse("reader_comments_remove", args=[comment.pk])}"]') is not None


@pytest.mark.parametrize("role", ["editor", "secretariat"])
def test_only_moderators_open_a_comments_inspect_view(client, users, comments, role):
    sign_in(client, users[role])

    response = client.get(inspect_url(comments["long"]))

    assert response.status_code in {302, 403}
    assert comments["long"].user_email not in response.content.decode()


def test_approving_from_the_inspect_view_leads_to_the_comments_still_waiting(client, users, comments):
    comment = comments["short"]
    sign_in(client, users["moderator-en"])
    soup = BeautifulSoup(client.get(inspect_url(comment)).content, "html.parser")
    form = soup.select_one(f'form[action="{reverse("reader_comments_approve", args=[comment.pk])}"]')
    data = {field["name"]: field.get("value", "") for field in form.select("input[name]")}

    response = client.post(form["action"], data)

    comment.refresh_from_db()
    assert comment.is_public
    assert response.status_code == 302
    assert response["Location"] == reverse("reader_comments:index") + "?is_public=false&is_removed=false"


# --- Mail to each moderator --------------------------------------------------------------------------


@pytest.fixture
def posted(client, _ids, django_capture_on_commit_callbacks):
    """A reader's comment sent through the nb story's form, with its mail sent: the new comment."""
    from partnerships.models import StoryPage

    page = StoryPage.objects.get(pk=_ids["stories"]["nb"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(post_url("nb"), comment_data(page, comment=NEW_COMMENT, email="leser@example.org"))
    assert response.status_code == 303
    return PageComment.objects.get(comment=NEW_COMMENT)


@pytest.mark.parametrize(
    ("address", "subject", "opening"),
    [
        ("mod-nb@s2pu.example", "Ny kommentar å moderere på «Skoler i Lyngdal»", "En leser har kommentert"),
        ("mod-uk@s2pu.example", "Новий коментар для модерації до «Skoler i Lyngdal»", "Читач прокоментував"),
        ("mod-en@s2pu.example", "New comment to moderate on “Skoler i Lyngdal”", "A reader has commented"),
    ],
)
def test_a_new_comment_is_mailed_to_each_moderator_in_their_admin_language(posted, address, subject, opening):
    sent = [message for message in mail.outbox if message.to == [address]]

    assert len(sent) == 1
    assert sent[0].subject == subject
    assert opening in sent[0].body
    assert NEW_COMMENT in sent[0].body
    assert f"http://testserver{inspect_url(posted)}" in sent[0].body
    assert "leser@example.org" not in sent[0].body + sent[0].alternatives[0][0]


def test_one_mail_per_moderator_with_an_address_and_none_to_anyone_else(posted):
    addresses = sorted(address for message in mail.outbox for address in message.to)

    assert addresses == ["mod-en@s2pu.example", "mod-nb@s2pu.example", "mod-uk@s2pu.example"]
    assert OutboundEmail.objects.filter(kind=MODERATOR_MAIL, reference=f"comment:{posted.pk}").count() == 3


def test_a_moderator_who_left_the_group_before_the_mail_went_out_gets_none(client, _ids, users):
    from partnerships.models import StoryPage

    page = StoryPage.objects.get(pk=_ids["stories"]["nb"])
    client.post(post_url("nb"), comment_data(page, comment=NEW_COMMENT))  # queued; sent after commit
    users["moderator-uk"].groups.clear()

    send_pending(everything=True)

    assert sorted(address for message in mail.outbox for address in message.to) == [
        "mod-en@s2pu.example",
        "mod-nb@s2pu.example",
    ]


def test_erasing_the_author_erases_the_moderators_mails_about_the_comment(posted):
    from django.core.management import call_command

    call_command("erase_person", email="leser@example.org")

    assert not PageComment.objects.filter(pk=posted.pk).exists()
    assert not OutboundEmail.objects.filter(reference=f"comment:{posted.pk}").exists()
