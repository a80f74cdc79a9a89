"""Posting a reader comment. Inside i18n_patterns, so the page's language is active.

The framework's own post_comment view answers a closed page, an expired form or a bot with a bare
400 and drops what the person wrote; this one uses the framework's form, signals and moderator, and
answers every refusal on the page itself, in the visitor's language, with the text kept:

- no such commentable page, or a tampered form: a neutral refusal page (400), nothing to keep;
- comments closed, honeypot, too many posts, an expired form, invalid fields: the page again with
  the form and the reason (honeypot and rate limit counted, home/spam.py);
- accepted: saved for moderation and each moderator's mail queued in one transaction (a comment is
  never stored unannounced), then 303 to the page with a notice.
"""

from urllib.parse import urlencode

from django_comments import signals

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.db import transaction
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from home import spam
from home.form_pages import personal, redirect_after_post
from home.forms import honeypot_tripped
from home.models import FormRejection

from .comments import FORM_NAME, PageCommentForm, commentable_models, comments_open, takes_comments

POSTED_SALT = "news.comments.posted"
POSTED_PARAMETER = "comment"
# The framework's hidden fields: a post without them, or with them changed, came from no form of ours.
SECURITY_FIELDS = ("content_type", "object_pk", "security_hash")


def target_page(data):
    """The live, public, commentable page a post names ("app_label.model" and a page id), or None."""
    app_label, _dot, model = str(data.get("content_type", "")).partition(".")
    object_pk = str(data.get("object_pk", ""))
    if not (app_label and model and object_pk.isdigit() and len(object_pk) < 18):
        return None
    try:
        model_class = ContentType.objects.get_by_natural_key(app_label, model).model_class()
    except ContentType.DoesNotExist:
        return None
    if model_class is None or model_class not in commentable_models():
        return None
    return model_class.objects.live().public().filter(pk=int(object_pk)).first()


def posted_token(comment) -> str:
    return signing.dumps([comment.page_id, comment.pk], salt=POSTED_SALT)


def posted_comment_id(request, page) -> int | None:
    """The comment this visitor just sent to `page`, read from the signed redirect parameter."""
    token = request.GET.get(POSTED_PARAMETER, "")
    if not token:
        return None
    try:
        page_id, comment_id = signing.loads(token, salt=POSTED_SALT, max_age=60 * 60 * 24)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return comment_id if page_id == page.pk else None


def render_page_with_form(request, page, form, refusal: str = "", status: int = 400) -> HttpResponse:
    """The page itself, as its own template draws it, with the comment form as sent (and why it was
    not accepted); kept out of every cache, since it shows what the person typed."""
    context = page.get_context(request)
    context.update(comment_form=form, comment_refusal=refusal)
    response = TemplateResponse(request, page.get_template(request), context, status=status)
    return personal(response)


def form_with_text_kept(request, page) -> PageCommentForm:
    """A fresh form (new timestamp and signature, empty honeypot) holding what the person wrote, so
    that sending it again works."""
    return PageCommentForm(page, initial={key: request.POST.get(key, "") for key in ("name", "email", "comment")})


@require_POST
def post_comment(request):
    # Error reports must not carry what people typed.
    request.sensitive_post_parameters = "__ALL__"
    page = target_page(request.POST)
    if page is None or not takes_comments(page):
        return spam.rejection_response(request, "unknown")
    if not comments_open(page):
        return render_page_with_form(request, page, form_with_text_kept(request, page), "closed", status=403)
    if honeypot_tripped(request.POST):
        spam.count_rejection(FORM_NAME, FormRejection.HONEYPOT)
        return render_page_with_form(request, page, form_with_text_kept(request, page), "honeypot")
    if spam.rate_limited(request, FORM_NAME):
        spam.count_rejection(FORM_NAME, FormRejection.RATE_LIMIT)
        return render_page_with_form(request, page, form_with_text_kept(request, page), "rate_limit", status=429)
    form = PageCommentForm(page, data=request.POST)
    if not form.is_valid():
        if any(field in form.errors for field in SECURITY_FIELDS):
            return spam.rejection_response(request, "tampered")
        if "timestamp" in form.errors:  # open for hours
            return render_page_with_form(request, page, form_with_text_kept(request, page), "expired")
        return render_page_with_form(request, page, form)
    comment = form.get_comment_object(site_id=settings.SITE_ID)
    if comment.pk is None:  # not the same text sent twice the same day (the framework's check)
        if request.user.is_authenticated:
            comment.user = request.user
        responses = signals.comment_will_be_posted.send(sender=comment.__class__, comment=comment, request=request)
        if any(response is False for _receiver, response in responses):
            return render_page_with_form(request, page, form_with_text_kept(request, page), "closed", status=403)
        with transaction.atomic():  # the moderator's mail is queued by a receiver of comment_was_posted
            comment.save()
            signals.comment_was_posted.send(sender=comment.__class__, comment=comment, request=request)
    query = urlencode({POSTED_PARAMETER: posted_token(comment)})
    return redirect_after_post(f"{page.url}?{query}#comment-status")
