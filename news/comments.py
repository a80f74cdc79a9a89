"""Reader comments on news and story pages, on Django's comments framework (django-contrib-comments).

- Which page types take comments: COMMENTABLE_PAGE_MODELS, one "app_label.ModelName" each. Such a
  page type has home.models.CommentsMixin (the per-page switch) and includes
  templates/comments/section.html through `{% page_comments page %}` (news/templatetags).
- The record: news.PageComment (news/__init__.py tells the framework), one per page translation, so a
  comment keeps the language it was written in.
- Moderation: PageCommentModerator (the framework's CommentModerator) holds every comment back for a
  moderator (is_public=False), refuses comments on a page whose box is unticked or that was first
  published more than COMMENTS_CLOSE_AFTER_DAYS ago, and tells each moderator through the outbox,
  in the transaction that stores the comment, in the language they read the admin in.
- Posting: news/views.py, inside i18n_patterns; the queue: news/viewsets.py, for the Moderators
  group (news/migrations/0003_moderators_group.py).
"""

import contextlib

from django_comments.forms import COMMENT_MAX_LENGTH, CommentForm
from django_comments.moderation import AlreadyModerated, CommentModerator, moderator

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from home.forms import EMAIL_MAX, TOO_LONG, CachedRendering, PlainTypedText, PublicFormRenderer, add_spam_defence
from home.sites import absolute_url
from outbox import delivery
from outbox.models import OutboundEmail
from outbox.staff import queue_staff_mail, render_staff_email, staff_recipient
from privacy.permission_policies import holds_permission, users_holding

from .models import PageComment

# The page types readers may comment on. A type listed here needs home.models.CommentsMixin.
COMMENTABLE_PAGE_MODELS = ["partnerships.StoryPage", "news.NewsPage"]

# Refusals and the rate limit are counted under this name (home/spam.py).
FORM_NAME = "comments"
# Mail kind (outbox.kinds), registered in NewsConfig.ready(). Queued mail names it: never rename.
MODERATOR_MAIL = "comments.moderators"
MODERATORS_GROUP = "Moderators"
MODERATE_PERMISSION = "news.can_moderate"
NAME_MAX = 50


def commentable_models() -> list[type]:
    return [apps.get_model(label) for label in COMMENTABLE_PAGE_MODELS]


def takes_comments(page) -> bool:
    return type(page) in commentable_models()


def may_moderate(user) -> bool:
    return holds_permission(user, MODERATE_PERMISSION)


class PageCommentModerator(CommentModerator):
    """Every comment waits for a moderator; a page takes comments while its box is ticked and for
    COMMENTS_CLOSE_AFTER_DAYS after it (this translation) was first published."""

    email_notification = True
    enable_field = "comments_open"
    auto_close_field = "first_published_at"

    @property
    def close_after(self):
        # Read on every check, so that the setting can change without a restart (and in tests).
        return settings.COMMENTS_CLOSE_AFTER_DAYS

    def allow(self, comment, content_object, request):
        try:
            return super().allow(comment, content_object, request)
        except ValueError:  # first published "in the future": a clock set back; the page is new
            return bool(getattr(content_object, self.enable_field))

    def moderate(self, comment, content_object, request):
        return True

    def email(self, comment, content_object, request):
        """One mail per moderator, queued, never sent in the request: the worker renders each in its
        moderator's admin language and sends it (outbox/staff.py). While no moderator has an
        address, one mail to SECRETARIAT_EMAIL instead."""
        reference = f"comment:{comment.pk}"
        if not queue_staff_mail(MODERATOR_MAIL, moderators(), {"pk": comment.pk}, reference=reference):
            delivery.queue_mail(MODERATOR_MAIL, {"pk": comment.pk}, reference=reference)


def comments_open(page) -> bool:
    return takes_comments(page) and PageCommentModerator(type(page)).allow(None, page, None)


def register_commentable_pages() -> None:
    for model in commentable_models():
        with contextlib.suppress(AlreadyModerated):  # ready() may run more than once in tests
            moderator.register(model, PageCommentModerator)


class PageCommentForm(PlainTypedText, CachedRendering, CommentForm):
    """The framework's form (its signed target and timestamp) drawn like every public form: name,
    email (for moderators only) and the comment, the site's honeypot instead of the framework's
    visible one, messages in the visitor's language, and the typed text made plain (PlainTypedText)."""

    default_renderer = PublicFormRenderer

    def __init__(self, target_object, data=None, initial=None, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(target_object, data=data, initial=initial, **kwargs)
        del self.fields["url"]
        del self.fields["honeypot"]
        self.fields["name"].label = _("Your name")
        self.fields["name"].help_text = _("Shown with your comment.")
        self.fields["name"].error_messages.update(TOO_LONG)
        self.fields["name"].widget.attrs.update(autocomplete="name", maxlength=NAME_MAX)
        self.fields["email"].label = _("Your email address")
        self.fields["email"].help_text = _("Never shown: only the moderators see it, to reach you if needed.")
        self.fields["email"].max_length = EMAIL_MAX
        self.fields["email"].widget.attrs.update(autocomplete="email", maxlength=EMAIL_MAX)
        self.fields["comment"].label = _("Your comment")
        self.fields["comment"].help_text = _("A moderator reads every comment before it is shown.")
        self.fields["comment"].error_messages.update(TOO_LONG)
        self.fields["comment"].widget.attrs.update(rows=6, maxlength=COMMENT_MAX_LENGTH)
        add_spam_defence(self)

    @property
    def has_required_fields(self) -> bool:
        return True

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def get_comment_create_data(self, site_id=None):
        page = self.target_object
        return {
            "content_type": ContentType.objects.get_for_model(page),
            "object_pk": str(page.pk),
            "page": page,
            "language": page.locale.language_code,
            "user_name": self.cleaned_data["name"],
            "user_email": self.cleaned_data["email"],
            "comment": self.cleaned_data["comment"],
            "submit_date": timezone.now(),
            "site_id": site_id or settings.SITE_ID,
            # Held back until a moderator approves it, whatever the moderator class says.
            "is_public": False,
            "is_removed": False,
        }


def waiting_comments():
    """The comments a moderator has yet to approve or remove."""
    return PageComment.objects.filter(is_public=False, is_removed=False)


def public_comments(page):
    """The comments shown on a page: approved and not removed, oldest first, without the email."""
    return (
        PageComment.objects.filter(page_id=page.pk, is_public=True, is_removed=False)
        .only("pk", "page_id", "user_name", "comment", "submit_date")
        .order_by("submit_date", "pk")
    )


def shown_on_page(comment, created: bool) -> bool:
    """Whether saving `comment` may change a page: a new comment waits for a moderator and shows
    nowhere; approving or removing one does."""
    return comment.is_public or not created


# --- Moderators' mail ------------------------------------------------------------------------


def moderators():
    """Who may moderate (news.can_moderate through a group or directly; superusers only if they hold it)."""
    return users_holding(MODERATE_PERMISSION).order_by("pk")


def moderator_addresses() -> list[str]:
    """Every moderator's address; SECRETARIAT_EMAIL while no moderator has one."""
    addresses = moderators().exclude(email="").values_list("email", flat=True)
    return sorted(set(addresses)) or ([settings.SECRETARIAT_EMAIL] if settings.SECRETARIAT_EMAIL else [])


def render_moderator_mail(pk: int, user: int | None = None) -> dict | None:
    """A new comment to approve or remove, with a link to it in the admin, for the moderator `user`
    in their admin language (nothing once it is moderated or they no longer moderate). Without a
    `user` (no moderator had an address, or queued before mail went to each moderator): to every
    moderator, or the Secretariat, in the source language. The author's address is left out
    (moderators see it in the admin)."""
    comment = waiting_comments().filter(pk=pk).select_related("page").first()
    if comment is None:
        return None

    def context():
        return {
            "comment": comment,
            "page_title": comment.page.title,
            "page_url": comment.page.get_full_url() or "",
            "queue_url": absolute_url(reverse("reader_comments:inspect", args=[comment.pk])),
        }

    template = "news/email/comment_for_moderation"
    if user is not None:
        moderator = staff_recipient(user, may_moderate)
        return render_staff_email(moderator, template, context) if moderator else None
    addresses = moderator_addresses()
    if not addresses:
        return None
    language = settings.LANGUAGE_CODE
    with translation.override(language):
        values = context()
    return delivery.render_email(addresses, template, values, language)


# --- Erasure ---------------------------------------------------------------------------------


def erase_comments(email: str) -> dict[str, int]:
    """`manage.py erase_person --email`: every comment written with the address, public or not, and
    the moderators' mails about them (they quote the text and the author's name)."""
    comments = PageComment.objects.filter(user_email__iexact=email)
    OutboundEmail.objects.filter(
        reference__in=[f"comment:{pk}" for pk in comments.values_list("pk", flat=True)]
    ).delete()
    _total, by_model = comments.delete()
    return {"comments": by_model.get(PageComment._meta.label, 0)}
