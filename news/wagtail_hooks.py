"""The news room in the Wagtail admin.

A "News" item in the admin menu opens the news list of the editor's language, so that writing an
article does not start with a walk through the page tree; only those who may work there see it.

The moderators' queue of reader comments: a list (newest waiting first) with filters, each comment's
text (a long one unfolds in place), page, language, author and date, each row leading to the
comment's inspect view (the whole text and the author's email, which only moderators reach), and
Approve / Remove buttons in both that POST with the admin's CSRF token. The menu item counts the
comments waiting, and the moderator's dashboard lists the newest of them. Only the Moderators group
(news.can_moderate, news/migrations/0003_moderators_group.py) and superusers pass; everyone else gets
403 on every URL here. Nobody adds or deletes comments by hand: removing hides a comment; only
`erase_person` deletes."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .comments import may_moderate
from .viewsets import (
    NewsMenuItem,
    TagNameViewSet,
    WaitingCommentsPanel,
    approve_view,
    comment_queue_viewset,
    remove_view,
)


@hooks.register("register_admin_menu_item")
def register_news_menu_item():
    return NewsMenuItem(_("News"), reverse("wagtailadmin_explore_root"), icon_name="doc-full", order=250)


@hooks.register("register_admin_viewset")
def register_comment_queue_viewset():
    return comment_queue_viewset


@hooks.register("construct_homepage_panels")
def add_waiting_comments_panel(request, panels):
    if may_moderate(request.user):
        panels.append(WaitingCommentsPanel())


@hooks.register("register_admin_urls")
def register_moderation_urls():
    return [
        path("reader-comments-actions/<int:pk>/approve/", approve_view, name="reader_comments_approve"),
        path("reader-comments-actions/<int:pk>/remove/", remove_view, name="reader_comments_remove"),
    ]


register_snippet(TagNameViewSet)
