"""Reader comments on story pages (news/comments.py, news/views.py, news/wagtail_hooks.py): posted in
the page's language, held for a moderator, shown once approved, refused with a reason and the text
kept, closed per page and after COMMENTS_CLOSE_AFTER_DAYS, erased with the person."""

import datetime
import re

import pytest

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from home.models import FormRejection
from news.comments import FORM_NAME, MODERATOR_MAIL, PageCommentForm, render_moderator_mail
from news.factories import PageCommentFactory
from news.models import PageComment
from outbox.models import OutboundEmail
from tests.roles import PASSWORD

pytestmark = pytest.mark.django_db

AUTHOR_EMAIL = "olena.reader@example.org"
TEXT = "Dette samarbeidet har betydd mye for skolen vår."


def post_url(language: str) -> str:
    with translation.override(language):
        return reverse("page_comments_post")


def comment_data(page, **overrides) -> dict:
    """What the page's form sends: its signed hidden fields and a reader's answers."""
    data = {key: str(value) for key, value in PageCommentForm(page).initial.items()}
    data.update(name="Olena", email=AUTHOR_EMAIL, comment=TEXT)
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def post_comment(client, page, **overrides):
    language = page.locale.language_code
    return client.post(post_url(language), comment_data(page, **overrides))


def approve(comment):
    comment.is_public = True
    comment.save()


# --- Posting and moderation -------------------------------------------------------------------


def test_a_visitors_comment_waits_for_moderation_and_is_not_shown(client, stories):
    response = post_comment(client, stories["nb"])

    assert response.status_code == 303
    comment = PageComment.objects.get()
    assert (comment.is_public, comment.is_removed, comment.user_email) == (False, False, AUTHOR_EMAIL)
    page = client.get(response["Location"])
    assert TEXT not in page.content.decode()


def test_after_posting_the_page_says_the_comment_awaits_moderation(client, stories):
    response = post_comment(client, stories["en"])

    assert response["Location"].startswith(stories["en"].url + "?comment=")
    html = client.get(response["Location"]).content.decode()
    assert 'id="comment-status" role="status"' in html
    assert "awaiting moderation" in html


def test_the_notice_is_not_shown_without_a_valid_token(client, stories):
    html = client.get(stories["en"].url + "?comment=forged").content.decode()

    assert 'role="status"' not in html


def test_a_comment_appears_after_a_moderator_approves_it_in_the_admin(client, stories, roles):
    post_comment(client, stories["nb"])
    comment = PageComment.objects.get()
    client.login(username="moderator", password=PASSWORD)

    response = client.post(reverse("reader_comments_approve", args=[comment.pk]))

    assert response.status_code == 302
    client.logout()
    html = client.get(stories["nb"].url).content.decode()
    assert TEXT in html
    assert f'id="comment-{comment.pk}"' in html


def test_a_removed_comment_is_not_shown(client, stories, roles):
    comment = PageCommentFactory(page=stories["nb"], is_public=True, comment="Fjernes snart.")
    client.login(username="moderator", password=PASSWORD)

    client.post(reverse("reader_comments_remove", args=[comment.pk]))

    comment.refresh_from_db()
    assert (comment.is_public, comment.is_removed) == (False, True)
    assert "Fjernes snart." not in client.get(stories["nb"].url).content.decode()


def test_a_comment_belongs_to_the_language_it_was_written_in(client, stories):
    post_comment(client, stories["uk"], comment="Дякуємо за статтю.")
    comment = PageComment.objects.get()
    approve(comment)

    assert (comment.page_id, comment.language) == (stories["uk"].pk, "uk")
    assert "Дякуємо за статтю." in client.get(stories["uk"].url).content.decode()
    assert "Дякуємо за статтю." not in client.get(stories["nb"].url).content.decode()


def test_the_form_posts_in_the_pages_language(client, stories):
    html = client.get(stories["uk"].url).content.decode()

    assert f'action="{post_url("uk")}#comment-form"' in html


def test_the_comments_section_works_under_the_strict_csp_without_javascript(client, stories):
    html = client.get(stories["en"].url).content.decode()
    section = html[html.index('id="comments"') : html.index("</section>", html.index('id="comments"'))]

    assert "<script" not in section
    assert "style=" not in section
    assert not re.search(r"\son[a-z]+=", section)  # no onclick / onsubmit handlers
    assert 'method="post"' in section


def test_the_authors_email_never_appears_in_public_html(client, stories):
    PageCommentFactory(page=stories["nb"], is_public=True, user_email=AUTHOR_EMAIL, comment=TEXT)
    index = stories["nb"].get_parent().specific

    pages = [stories["nb"].url, index.subpage_url("stories_view"), stories["en"].url]

    for url in pages:
        response = client.get(url)
        assert response.status_code == 200
        assert AUTHOR_EMAIL not in response.content.decode()
    assert TEXT in client.get(stories["nb"].url).content.decode()


def test_moderators_are_told_of_each_new_comment_through_the_outbox(client, stories, roles):
    roles["moderator"].email = "moderator@s2pu.example"
    roles["moderator"].save()

    post_comment(client, stories["nb"])

    mail = OutboundEmail.objects.get(kind=MODERATOR_MAIL)
    comment = PageComment.objects.get()
    assert mail.arguments == {"pk": comment.pk, "user": roles["moderator"].pk}
    rendered = render_moderator_mail(**mail.arguments)
    assert rendered["to"] == "moderator@s2pu.example"
    assert TEXT in rendered["body_text"]
    assert AUTHOR_EMAIL not in rendered["body_text"] + rendered["body_html"]


def test_the_same_comment_sent_twice_is_stored_and_announced_once(client, stories):
    data = comment_data(stories["nb"])
    client.post(post_url("nb"), data)
    client.post(post_url("nb"), data)

    assert PageComment.objects.count() == 1
    assert OutboundEmail.objects.filter(kind=MODERATOR_MAIL).count() == 1


# --- Refusals: told why, text kept, spam counted -----------------------------------------------


def test_a_filled_honeypot_is_refused_explained_and_counted(client, stories):
    response = post_comment(client, stories["en"], s2pu_website_check="http://spam.example")

    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="comment-refusal"' in html
    assert "automatic spam" in html
    assert TEXT in html
    assert not PageComment.objects.exists()
    assert FormRejection.objects.get(form=FORM_NAME, reason=FormRejection.HONEYPOT).count == 1


def test_too_many_posts_are_refused_explained_and_counted(client, stories, settings):
    settings.FORM_RATE_LIMIT = 1
    post_comment(client, stories["en"], comment="Første.")

    response = post_comment(client, stories["en"], comment="Andre kommentar.")

    assert response.status_code == 429
    assert "Andre kommentar." in response.content.decode()
    assert PageComment.objects.count() == 1
    assert FormRejection.objects.get(form=FORM_NAME, reason=FormRejection.RATE_LIMIT).count == 1


def test_a_comment_with_missing_fields_is_sent_back_with_errors_and_the_text_kept(client, stories):
    response = post_comment(client, stories["en"], name="", email="not-an-address")

    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert TEXT in html
    assert not PageComment.objects.exists()


def test_a_form_open_for_hours_is_renewed_with_the_text_kept(client, stories):
    page = stories["en"]
    old = PageCommentForm(page)
    timestamp = str(int(timezone.now().timestamp()) - 3 * 60 * 60)
    hashed = old.generate_security_hash(old.initial["content_type"], old.initial["object_pk"], timestamp)

    response = post_comment(client, page, timestamp=timestamp, security_hash=hashed)

    assert response.status_code == 400
    html = response.content.decode()
    assert "open for too long" in html
    assert TEXT in html
    assert not PageComment.objects.exists()


@pytest.mark.parametrize(
    "overrides",
    [
        {"security_hash": "0" * 40},
        {"security_hash": None},
        {"timestamp": "yesterday"},
        {"object_pk": None},
        {"object_pk": "999999"},
        {"object_pk": "12abc"},
        {"object_pk": "9" * 40},
        {"content_type": "partnerships.nosuchpage"},
        {"content_type": "wagtailcore.page"},
        {"content_type": "auth.user"},
        {"content_type": None},
        {"comment": "x" * 200_000},
        {"name": "n" * 5000, "email": "e" * 5000},
        {"comment": None, "name": None, "email": None},
        {"comment": "nul \x00 byte"},
    ],
)
def test_malformed_posts_are_refused_without_an_error(client, stories, overrides):
    response = post_comment(client, stories["nb"], **overrides)

    assert response.status_code in {400, 403}
    assert not PageComment.objects.exists()


def test_an_empty_post_and_a_get_are_refused_without_an_error(client, stories):
    assert client.post(post_url("nb"), {}).status_code == 400
    assert client.get(post_url("nb")).status_code == 405


def test_a_comment_on_an_unpublished_page_is_refused(client, stories):
    data = comment_data(stories["nb"])
    stories["nb"].unpublish()

    assert client.post(post_url("nb"), data).status_code == 400
    assert not PageComment.objects.exists()


# --- Closing --------------------------------------------------------------------------------


def test_comments_close_per_page(client, stories):
    page = stories["en"]
    data = comment_data(page)
    page.comments_open = False
    page.save()

    html = client.get(page.url).content.decode()
    response = client.post(post_url("en"), data)

    assert 'id="comment-form"' not in html
    assert "comments__closed" in html
    assert response.status_code == 403
    assert "Comments are closed" in response.content.decode()
    assert TEXT in response.content.decode()
    assert not PageComment.objects.exists()


def test_comments_close_a_set_number_of_days_after_first_publication(client, stories, settings):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 90
    page = stories["en"]
    page.first_published_at = timezone.now() - datetime.timedelta(days=91)
    page.save()

    assert 'id="comment-form"' not in client.get(page.url).content.decode()
    assert post_comment(client, page).status_code == 403
    assert not PageComment.objects.exists()


def test_comments_stay_open_within_the_set_number_of_days(client, stories, settings):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 90
    page = stories["en"]
    page.first_published_at = timezone.now() - datetime.timedelta(days=89)
    page.save()

    assert 'id="comment-form"' in client.get(page.url).content.decode()
    assert post_comment(client, page).status_code == 303


def test_approved_comments_stay_visible_after_comments_close(client, stories):
    page = stories["nb"]
    PageCommentFactory(page=page, is_public=True, comment=TEXT)
    page.comments_open = False
    page.save()

    assert TEXT in client.get(page.url).content.decode()


# --- Erasure and listings ---------------------------------------------------------------------


def test_erase_person_removes_the_persons_comments(stories):
    PageCommentFactory(page=stories["nb"], user_email=AUTHOR_EMAIL, is_public=True)
    PageCommentFactory(page=stories["uk"], user_email=AUTHOR_EMAIL)
    kept = PageCommentFactory(page=stories["nb"], user_email="someone.else@example.org")

    call_command("erase_person", email=AUTHOR_EMAIL.upper())

    assert list(PageComment.objects.all()) == [kept]


def story_list_html(client, index):
    return client.get(index.subpage_url("stories_view")).content.decode()


def test_the_story_list_shows_the_approved_comment_count(client, stories):
    page = stories["en"]
    PageCommentFactory.create_batch(2, page=page, is_public=True)
    PageCommentFactory(page=page)  # waiting
    PageCommentFactory(page=page, is_public=True, is_removed=True)

    html = story_list_html(client, page.get_parent().specific)

    assert '<span class="story-card__comments">2 comments</span>' in html


def test_the_story_list_counts_comments_without_a_query_per_story(client, stories):
    from partnerships.factories import StoryPageFactory

    index = stories["en"].get_parent().specific

    def add_story_with_comments():
        story = StoryPageFactory(parent=index, locale=index.locale)
        PageCommentFactory.create_batch(2, page=story, is_public=True)

    add_story_with_comments()
    story_list_html(client, index)  # warm caches (site root, locales)
    with CaptureQueriesContext(connection) as few:
        story_list_html(client, index)
    for _ in range(3):
        add_story_with_comments()
    with CaptureQueriesContext(connection) as more:
        html = story_list_html(client, index)

    assert html.count("2 comments") == 4
    assert len(more) == len(few)
