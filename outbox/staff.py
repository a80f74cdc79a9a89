"""Mail to the site's staff about work waiting for them (a comment to moderate, a draft profile to
finish): one outbox row per person, queued in the transaction that made the work, and rendered when
it is sent in the language that person reads the admin in, for as long as they may still do it.

    queue_staff_mail("comments.moderators", moderators, {"pk": comment.pk}, reference=...)

    def render(pk, user):
        moderator = staff_recipient(user, may_moderate)
        if moderator is None:
            return None
        return render_staff_email(moderator, "news/email/comment_for_moderation", lambda: {...})
"""

from collections.abc import Callable, Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import translation

from wagtail.users.models import UserProfile

from . import delivery


def admin_language(user) -> str:
    """The language `user` reads the admin in: their choice under Account, else the source language
    (an admin without a choice follows the browser, which a mail cannot know)."""
    chosen = UserProfile.objects.filter(user=user).values_list("preferred_language", flat=True).first()
    return chosen if chosen in dict(settings.WAGTAILADMIN_PERMITTED_LANGUAGES) else settings.LANGUAGE_CODE


def queue_staff_mail(kind: str, users: Iterable, arguments: dict, reference: str = "") -> int:
    """One mail of `kind` (outbox.kinds) to each of `users` that has an address: `arguments` and the
    user's id ("user"). Call inside the transaction that makes the work. Returns how many."""
    queued = 0
    for user in users:
        if user.email:
            delivery.queue_mail(kind, {**arguments, "user": user.pk}, reference=reference)
            queued += 1
    return queued


def staff_recipient(pk: int, may: Callable) -> object | None:
    """The user a staff mail was queued for, if they are still active, still have an address and
    `may(user)` still holds when it is sent."""
    user = get_user_model().objects.filter(pk=pk, is_active=True).exclude(email="").first()
    return user if user is not None and may(user) else None


def render_staff_email(user, template: str, context: Callable[[], dict]) -> dict:
    """The mail to `user` in their admin language; `context()` is called in that language, so that
    labels and links it builds are in it too."""
    language = admin_language(user)
    with translation.override(language):
        values = context()
    return delivery.render_email([user.email], template, values, language)
