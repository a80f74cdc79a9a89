"""`{% page_comments page %}`: a commentable page's comments section (templates/comments/section.html):
the approved comments, the notice after posting, and the form or a note that comments are closed."""

from django import template
from django.urls import reverse
from django.utils import translation

from ..comments import PageCommentForm, comments_open, public_comments, takes_comments
from ..views import posted_comment_id

register = template.Library()


@register.inclusion_tag("comments/section.html", takes_context=True)
def page_comments(context, page):
    request = context.get("request")
    if not takes_comments(page):
        return {"enabled": False}
    is_open = comments_open(page)
    form = context.get("comment_form")
    if form is None and is_open:
        form = PageCommentForm(page)
    with translation.override(page.locale.language_code):
        action = reverse("page_comments_post")
    return {
        "enabled": True,
        "page": page,
        "comments": list(public_comments(page)),
        "open": is_open,
        "form": form,
        "refusal": context.get("comment_refusal", ""),
        "action": action,
        "posted": request is not None and posted_comment_id(request, page) is not None,
        "request": request,
        "csrf_token": context.get("csrf_token"),
    }
