"""A reader's comment on a page (a story, a news item): Django's comment model with the page and the
language it was written in, so that the public page, the listings' counts and the moderators' filters
need no generic-relation lookups."""

from django_comments.abstracts import CommentAbstractModel

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from home.models.comments import READER_COMMENTS


class PageComment(CommentAbstractModel):
    """One comment on one page translation. `is_public` is False until a moderator approves it;
    `is_removed` hides it for good. The author's email is for moderators only, never shown."""

    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name=READER_COMMENTS
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.WAGTAIL_CONTENT_LANGUAGES)

    wagtail_reference_index_ignore = True

    class Meta(CommentAbstractModel.Meta):
        verbose_name = _("reader comment")
        verbose_name_plural = _("reader comments")
        indexes = [models.Index(fields=["page", "is_public", "is_removed"], name="comment_public_on_page")]

    def get_absolute_url(self, anchor_pattern="#comment-%(id)s"):
        return (self.page.get_url() or "") + anchor_pattern % {"id": self.pk}
