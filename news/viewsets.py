"""The news room's admin: the "News" menu item, the moderators' queue of reader comments with its
Approve and Remove actions and dashboard panel, and the tag names' snippets. Registered in
wagtail_hooks.py, whose docstring says who sees what."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import linebreaksbr, truncatechars
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.sidebar import LinkMenuItem as LinkMenuItemComponent
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.views.generic import InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Locale
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import policy_registry, register_permission_policy

from home.admin_display import LocalDateTimeColumn, admin_datetime
from home.viewsets import TranslatableSnippetViewSet
from privacy.permission_policies import SinglePermissionPolicy

from .comments import MODERATE_PERMISSION, may_moderate, waiting_comments
from .models import NewsIndexPage, PageComment, TagName


class NewsMenuItem(MenuItem):
    """Shown only to whoever may work in a news list (the Secretariat, say, may not: the item led it to
    a permission error); it opens the one in the admin's language if they may, else one they may."""

    def is_shown(self, request):
        return self.index(request) is not None and super().is_shown(request)

    def index(self, request):
        if not hasattr(request, "news_index"):
            workable = PagePermissionPolicy().instances_user_has_any_permission_for(
                request.user, {"add", "change", "publish"}
            )
            indexes = NewsIndexPage.objects.filter(pk__in=workable.values("pk")).select_related("locale")
            active = Locale.get_active()
            request.news_index = indexes.filter(locale=active).first() or indexes.first()
        return request.news_index

    def render_component(self, request):
        url = reverse("wagtailadmin_explore", args=[self.index(request).pk])
        return LinkMenuItemComponent(
            self.name, self.label, url, icon_name=self.icon_name, classname=self.classname, attrs=self.attrs
        )


def status_of(comment) -> str:
    if comment.is_removed:
        return str(_("Removed"))
    return str(_("Approved")) if comment.is_public else str(_("Waiting"))


class StatusColumn(StatusTagColumn):
    def get_value(self, instance):
        return status_of(instance)

    def get_primary(self, instance):
        return instance.is_public and not instance.is_removed


EXCERPT_LENGTH = 160


class CommentColumn(Column):
    """The comment's beginning as the link to its inspect view; a longer comment unfolds whole in
    place (a native <details>, no script), so a moderator can read it from the list."""

    cell_template_name = "news/admin/comment_text_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["excerpt"] = truncatechars(instance.comment, EXCERPT_LENGTH)
        context["is_long"] = len(instance.comment) > EXCERPT_LENGTH
        context["inspect_url"] = reverse("reader_comments:inspect", args=[instance.pk])
        return context


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


def waiting_queue_url() -> str:
    return reverse("reader_comments:index") + "?is_public=false&is_removed=false"


class CommentInspectView(InspectView):
    """A comment whole, with its author's address, and the buttons to approve or remove it, which
    lead back to the comments still waiting."""

    template_name = "news/admin/comment_inspect.html"

    def get_field_label(self, field_name, field):
        if field_name == "status":
            return _("Status")
        return super().get_field_label(field_name, field)

    def get_status_display_value(self):
        return status_of(self.object)

    def get_page_display_value(self):
        page = self.object.page
        url = page.get_url(request=self.request)
        return format_html('<a href="{}">{}</a>', url, page.title) if url else page.title

    def get_comment_display_value(self):
        return linebreaksbr(self.object.comment)

    def get_submit_date_display_value(self):
        return admin_datetime(self.object.submit_date)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["comment"] = self.object
        context["next"] = waiting_queue_url()
        return context


class CommentQueueMenuItem(MenuItem):
    """The queue in the menu, for moderators, with the number of comments waiting after its name."""

    def is_shown(self, request):
        return may_moderate(request.user)

    def render_component(self, request):
        waiting = waiting_comments().count()
        label = f"{self.label} ({waiting})" if waiting else self.label
        return LinkMenuItemComponent(
            self.name, label, self.url, icon_name=self.icon_name, classname=self.classname, attrs=self.attrs
        )


class CommentQueueViewSet(ModelViewSet):
    model = PageComment
    icon = "comment"
    # Short, so that the number waiting after it fits the sidebar in nb and uk ("Leserkommentarer (3)" was cut).
    menu_label = _("Comments")
    menu_order = 260
    add_to_admin_menu = True
    url_prefix = "reader-comments"
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_class = CommentInspectView
    list_display = [
        CommentColumn("comment", label=_("Comment")),
        PageColumn("page", label=_("Page")),
        "language",
        "user_name",
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
        "status",
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

    def get_menu_item(self, order=None):
        return CommentQueueMenuItem(
            label=self.menu_label,
            url=self.menu_url,
            name=self.menu_name,
            icon_name=self.menu_icon,
            order=self.get_menu_item_order(order),
        )


comment_queue_viewset = CommentQueueViewSet("reader_comments")


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


# The moderator's dashboard: the newest comments waiting, each one click from its inspect view.
WAITING_PANEL_ITEMS = 5


class WaitingCommentsPanel(Component):
    name = "waiting_comments"
    order = 80
    template_name = "news/admin/waiting_comments_panel.html"

    def get_context_data(self, parent_context=None):
        waiting = waiting_comments().select_related("page").order_by("-submit_date", "-pk")
        comments = list(waiting[:WAITING_PANEL_ITEMS])
        for comment in comments:
            comment.excerpt = truncatechars(comment.comment, 120)
            comment.inspect_url = reverse("reader_comments:inspect", args=[comment.pk])
            comment.sent = admin_datetime(comment.submit_date)
        return {
            "comments": comments,
            "count": waiting.count() if len(comments) == WAITING_PANEL_ITEMS else len(comments),
            "queue_url": waiting_queue_url(),
        }


class TagNameViewSet(TranslatableSnippetViewSet):
    """The name of each news tag in each language, for translators (news/models/tags.py)."""

    model = TagName
    icon = "tag"
    columns = ("name",)
    search_fields = ["name"]
