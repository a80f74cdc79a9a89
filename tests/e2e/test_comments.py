"""A reader comments on an article in a real browser, without JavaScript help: the form posts, the page
comes back with the "awaiting moderation" notice, and the comment is not shown until approved."""

import pytest

from .accessibility import check_accessibility

pytestmark = pytest.mark.e2e

TEXT = "Thank you for telling this story; our school would like to take part."


def test_a_visitor_posts_a_comment_and_sees_that_it_awaits_moderation(page, site, axe):
    from news.models import PageComment

    # A recent one: the demo's stories date from 2023, and comments close 90 days after publication.
    story = site["en"]["news-registration-open"]
    assert page.goto(story.url).status == 200
    check_accessibility(page, axe)

    form = page.locator("#comment-form")
    form.get_by_label("Your name").fill("Olena")
    form.get_by_label("Your email address").fill("olena.reader@example.org")
    form.get_by_label("Your comment").fill(TEXT)
    with page.expect_navigation():
        form.get_by_role("button", name="Send comment").click()

    status = page.get_by_role("status")
    assert status.is_visible()
    assert "awaiting moderation" in status.inner_text()
    assert TEXT not in page.locator(".comments").inner_text()
    assert "olena.reader@example.org" not in page.content()
    check_accessibility(page, axe)
    comment = PageComment.objects.get()
    assert (comment.page_id, comment.language, comment.is_public) == (story.pk, "en", False)


@pytest.mark.parametrize(
    ("language", "label"), [("nb", "Kommentarer (1)"), ("uk", "Коментарі (1)"), ("en", "Comments (1)")]
)
def test_the_moderators_menu_shows_the_comments_waiting_uncut(page, site, language, label):
    """ "Leserkommentarer (1)" was cut off in the sidebar, the number with it."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from wagtail.users.models import UserProfile

    from news.factories import PageCommentFactory
    from tests.e2e.admin_login import sign_in

    PageCommentFactory(page=site["uk"]["story-lyngdal-kryvyi-rih"])
    moderator = get_user_model().objects.create_user(username=f"mod-{language}", password="moderator-password-1")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    profile = UserProfile.get_for_user(moderator)
    profile.preferred_language = language
    profile.save()
    sign_in(page, moderator, "moderator-password-1")

    page.goto("/admin/")
    item = page.locator(".menuitem-label", has_text=label)
    assert item.count() == 1
    assert item.evaluate("label => label.scrollWidth <= label.clientWidth")
