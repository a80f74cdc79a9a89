"""The news room in the Wagtail admin.

A "News" item in the admin menu opens the news list of the editor's language, so that writing an
article does not start with a walk through the page tree.

The moderators' queue of reader comments: a list (newest waiting first) with filters, each comment's
page, language, author, text and date (the author's email in the inspect view, which only moderators
reach), and Approve / Remove buttons that POST with the admin's CSRF token. Only the Moderators group
(news.can_moderate, news/migrations/0003_moderators_group.py) and superusers pass; everyone else gets
403 on every URL here. Nobody adds or deletes comments by hand: removing hides a comment; only
`erase_person` deletes."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import truncatechars
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.sidebar import LinkMenuItem as LinkMenuItemComponent
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Locale
from wagtail.permissions import policy_registry, register_permission_policy
from wagtail.snippets.models import register_snippet

from home.admin_display import LocalDateTimeColumn
from home.permission_policies import SinglePermissionPolicy
from home.viewsets import TranslatableSnippetViewSet

from .comments import MODERATE_PERMISSION, may_moderate
from .models import NewsIndexPage, PageComment, TagName


class NewsMenuItem(MenuItem):
    def is_shown(self, request):
        return self.index(request) is not None and super().is_shown(request)

    def index(self, request):
        if not hasattr(request, "_news_index"):
            indexes = NewsIndexPage.objects.select_related("locale")
            active = Locale.get_active()
            request._news_index = indexes.filter(locale=active).first() or indexes.first()
        return request._news_index

    def render_component(self, request):
        url = reverse("wagtailadmin_explore", args=[self.index(request).pk])
        return LinkMenuItemComponent(
            self.name, self.label, url, icon_name=self.icon_name, classname=self.classname, attrs=self.attrs
        )


@hooks.register("register_admin_menu_item")
def register_news_menu_item():
    return NewsMenuItem(_("News"), reverse("wagtailadmin_explore_root"), icon_name="doc-full", order=250)


def status_of(comment) -> str:
    if comment.is_removed:
        return str(_("Removed"))
    return str(_("Approved")) if comment.is_public else str(_("Waiting"))


class StatusColumn(StatusTagColumn):
    def get_value(self, instance):
        return status_of(instance)

    def get_primary(self, instance):
        return instance.is_public and not instance.is_removed


class ExcerptColumn(Column):
    def get_value(self, instance):
        return truncatechars(instance.comment, 200)


class PageColumn(Column):
    def get_value(self, instance):
        return instance.page.title


class ModerationActionsColumn(Column):
    cell_template_name = "news/admin/comment_actions_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        context["next"] = request.get_full_path() if request else ""
        # A table cell is rendered with its own context, without the page's token.
        context["csrf_token"] = get_token(request) if request else ""
        return context


class CommentQueueViewSet(ModelViewSet):
    model = PageComment
    icon = "comment"
    menu_label = _("Reader comments")
    menu_order = 260
    add_to_admin_menu = True
    url_prefix = "reader-comments"
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = [
        PageColumn("page", label=_("Page")),
        "language",
        "user_name",
        ExcerptColumn("comment", label=_("Comment")),
        LocalDateTimeColumn("submit_date", label=_("Sent"), sort_key="submit_date"),
        StatusColumn("status", label=_("Status")),
        ModerationActionsColumn("actions", label=_("Moderation")),
    ]
    list_filter = ["is_public", "is_removed", "language"]
    form_fields = ["is_public", "is_removed"]
    inspect_view_fields = [
        "page",
        "language",
        "user_name",
        "user_email",
        "comment",
        "submit_date",
        "is_public",
        "is_removed",
    ]

    def register_permissions(self):
        # As Wagtail 8 asks: registered before the base viewset would create the default policy.
        if not policy_registry.get_by_type(self.model, fallback=False):
            register_permission_policy(
                self.model,
                SinglePermissionPolicy(
                    self.model, permission=MODERATE_PERMISSION, allowed_actions=frozenset({"view", "change"})
                ),
                exact_class=True,
            )
        super().register_permissions()

    def get_queryset(self, request):
        # Waiting comments first, newest first; the page for its title in one join.
        return PageComment.objects.select_related("page").order_by("is_removed", "is_public", "-submit_date")


comment_queue_viewset = CommentQueueViewSet("reader_comments")


@hooks.register("register_admin_viewset")
def register_comment_queue_viewset():
    return comment_queue_viewset


def _comment_for_moderator(request, pk):
    if not may_moderate(request.user):
        raise PermissionDenied
    return get_object_or_404(PageComment, pk=pk)


def _back(request):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(target)
    return redirect("reader_comments:index")


@require_POST
def approve_view(request, pk):
    comment = _comment_for_moderator(request, pk)
    comment.is_public, comment.is_removed = True, False
    comment.save(update_fields=["is_public", "is_removed"])
    messages.success(request, _("Comment by %(name)s approved: it is shown on the page.") % {"name": comment.user_name})
    return _back(request)


@require_POST
def remove_view(request, pk):
    comment = _comment_for_moderator(request, pk)
    comment.is_public, comment.is_removed = False, True
    comment.save(update_fields=["is_public", "is_removed"])
    messages.success(request, _("Comment by %(name)s removed: it is not shown.") % {"name": comment.user_name})
    return _back(request)


@hooks.register("register_admin_urls")
def register_moderation_urls():
    return [
        path("reader-comments-actions/<int:pk>/approve/", approve_view, name="reader_comments_approve"),
        path("reader-comments-actions/<int:pk>/remove/", remove_view, name="reader_comments_remove"),
    ]


class TagNameViewSet(TranslatableSnippetViewSet):
    """The name of each news tag in each language, for translators (news/models/tags.py)."""

    model = TagName
    icon = "tag"
    columns = ("name",)
    search_fields = ["name"]


register_snippet(TagNameViewSet)
