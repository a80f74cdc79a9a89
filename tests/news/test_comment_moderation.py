"""The moderation queue in the Wagtail admin (news/wagtail_hooks.py): the Moderators group approves and
removes reader comments and sees the author's email; every other role is turned away from every URL."""

import pytest

from django.contrib.auth.models import Group
from django.urls import reverse

from news.factories import PageCommentFactory
from tests.roles import PASSWORD

pytestmark = pytest.mark.django_db

AUTHOR_EMAIL = "olena.reader@example.org"


@pytest.fixture
def waiting(stories):
    return PageCommentFactory(page=stories["uk"], user_name="Олена", user_email=AUTHOR_EMAIL, comment="Дякую!")


def log_in(client, roles, role):
    if roles[role] is not None:
        client.login(username=role, password=PASSWORD)


def queue_url(screen, comment) -> str:
    return {
        "index": reverse("reader_comments:index"),
        "waiting in uk": reverse("reader_comments:index") + "?is_public=false&language=uk",
        "inspect": reverse("reader_comments:inspect", args=[comment.pk]),
        "edit": reverse("reader_comments:edit", args=[comment.pk]),
    }[screen]


QUEUE_SCREENS = ["index", "waiting in uk", "inspect", "edit"]


def action_urls(comment) -> list[str]:
    return [
        reverse("reader_comments_approve", args=[comment.pk]),
        reverse("reader_comments_remove", args=[comment.pk]),
    ]


def test_the_moderators_group_may_moderate_and_enter_the_admin():
    permissions = set(Group.objects.get(name="Moderators").permissions.values_list("codename", flat=True))

    assert {"can_moderate", "access_admin", "view_pagecomment", "change_pagecomment"} <= permissions


def test_a_moderator_sees_the_waiting_comment_in_the_queue(client, roles, waiting):
    log_in(client, roles, "moderator")

    html = client.get(reverse("reader_comments:index") + "?is_public=false").content.decode()

    assert "Дякую!" in html
    assert "Олена" in html
    assert reverse("reader_comments_approve", args=[waiting.pk]) in html


def test_only_moderators_see_the_authors_email(client, roles, waiting):
    log_in(client, roles, "moderator")

    response = client.get(reverse("reader_comments:inspect", args=[waiting.pk]))

    assert response.status_code == 200
    assert AUTHOR_EMAIL in response.content.decode()


@pytest.mark.parametrize("screen", QUEUE_SCREENS)
@pytest.mark.parametrize("role", ["moderator"])
def test_moderators_reach_every_queue_url(client, roles, waiting, role, screen):
    log_in(client, roles, role)

    assert client.get(queue_url(screen, waiting)).status_code == 200


@pytest.mark.parametrize("screen", QUEUE_SCREENS)
@pytest.mark.parametrize("role", ["visitor", "editor", "secretariat"])
def test_other_roles_are_turned_away_from_every_queue_url(client, roles, waiting, role, screen):
    log_in(client, roles, role)

    url = queue_url(screen, waiting)
    response = client.get(url)
    assert response.status_code in {302, 403}
    assert AUTHOR_EMAIL not in response.content.decode()
    if response.status_code == 302:
        assert response["Location"].split("?")[0] != url


@pytest.mark.parametrize("role", ["visitor", "editor", "secretariat"])
def test_other_roles_can_neither_approve_nor_remove(client, roles, waiting, role):
    log_in(client, roles, role)

    for url in action_urls(waiting):
        response = client.post(url)
        assert response.status_code in {302, 403}, url
    waiting.refresh_from_db()
    assert (waiting.is_public, waiting.is_removed) == (False, False)


def test_approving_and_removing_take_a_post(client, roles, waiting):
    log_in(client, roles, "moderator")

    for url in action_urls(waiting):
        assert client.get(url).status_code == 405
    waiting.refresh_from_db()
    assert (waiting.is_public, waiting.is_removed) == (False, False)


def test_approving_needs_the_csrf_token(roles, waiting):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.login(username="moderator", password=PASSWORD)

    assert client.post(reverse("reader_comments_approve", args=[waiting.pk])).status_code == 403
    waiting.refresh_from_db()
    assert waiting.is_public is False


def test_the_approve_button_in_the_queue_works_with_csrf_checks(roles, waiting):
    import re

    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.login(username="moderator", password=PASSWORD)
    html = client.get(reverse("reader_comments:index")).content.decode()
    action = reverse("reader_comments_approve", args=[waiting.pk])
    form = re.search(rf'<form[^>]*action="{re.escape(action)}".*?</form>', html, re.S).group(0)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)

    response = client.post(action, {"csrfmiddlewaretoken": token})

    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.is_public is True


def test_after_approving_the_moderator_returns_to_the_filtered_queue(client, roles, waiting):
    log_in(client, roles, "moderator")
    queue = reverse("reader_comments:index") + "?is_public=false"

    response = client.post(reverse("reader_comments_approve", args=[waiting.pk]), {"next": queue})

    assert response["Location"] == queue
    waiting.refresh_from_db()
    assert waiting.is_public is True


def test_the_return_address_cannot_lead_off_the_site(client, roles, waiting):
    log_in(client, roles, "moderator")

    response = client.post(reverse("reader_comments_remove", args=[waiting.pk]), {"next": "https://evil.example/"})

    assert response["Location"] == reverse("reader_comments:index")


def test_an_unknown_comment_is_not_found(client, roles, waiting):
    log_in(client, roles, "moderator")

    # 404, which LocaleMiddleware turns into a redirect to the same path under a language prefix
    assert client.post(reverse("reader_comments_approve", args=[waiting.pk + 1000])).status_code in {302, 404}


def test_nobody_adds_or_deletes_comments_by_hand(client, roles, waiting):
    log_in(client, roles, "moderator")

    assert client.get(reverse("reader_comments:add")).status_code in {302, 403}
    assert client.post(reverse("reader_comments:delete", args=[waiting.pk])).status_code in {302, 403}
    waiting.refresh_from_db()
