"""What a page type needs to take reader comments: a per-page switch, and the count of its public
comments for listings. The comment machinery itself (model, moderation, posting, admin queue) lives in
news/comments.py; this is the contract it fills, so that page types in any app can take comments
without importing news."""

from django.db import models
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel

# The reverse relation from a page to its reader comments (news.PageComment.page).
READER_COMMENTS = "reader_comments"


class CommentsMixin(models.Model):
    """A page that readers may comment on. Comments close when an editor unticks the box, and on their
    own COMMENTS_CLOSE_AFTER_DAYS after the page was first published (news/comments.py)."""

    comments_open = models.BooleanField(
        _("comments open"),
        default=True,
        help_text=_("Readers may comment on this page (every comment waits for a moderator)."),
    )

    comment_panels = [FieldPanel("comments_open")]

    class Meta:
        abstract = True


def with_comment_counts(queryset):
    """`queryset` with `public_comment_count` on each page (approved, not removed), counted in the same
    query, so a listing costs no query per page. A correlated subquery rather than a COUNT over a join:
    the join made the listing GROUP BY every selected column (the page's and those of its
    select_related rows), whose compiling was a good part of a list's CPU, and a filter joining a
    to-many relation (themes) cannot multiply a subquery's count."""
    relation = queryset.model._meta.get_field(READER_COMMENTS)
    comments = (
        relation.related_model.objects.filter(
            **{relation.field.name: OuterRef("pk"), "is_public": True, "is_removed": False}
        )
        .order_by()
        .values(relation.field.name)
        .annotate(count=Count("pk"))
        .values("count")
    )
    return queryset.annotate(public_comment_count=Coalesce(Subquery(comments, output_field=IntegerField()), 0))
