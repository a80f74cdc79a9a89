"""Spam defence for public forms: a per-address rate limit counted in the database, refusals counted
per day without personal data, and the neutral page a refused visitor sees.

Why hand-written: wagtail-honeypot drops suspected spam silently (a false positive is a lost
registration) and django-ratelimit refuses the local-memory and file caches of the embedded default
(docs/security.md). The honeypot field itself is in home/forms.py.
Log lines name the form and the reason, never the visitor.
"""

import datetime
import hashlib
import logging

from django.conf import settings
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F
from django.template.response import TemplateResponse
from django.utils import timezone

from .models import FormRejection, RateLimitHit

logger = logging.getLogger("s2pu.forms")


def count_rejection(form_name: str, reason: str) -> None:
    logger.warning("form post refused: form=%s reason=%s", form_name, reason)
    key = {"form": form_name[:100], "reason": reason, "day": timezone.localdate()}
    with transaction.atomic():
        if FormRejection.objects.filter(**key).update(count=F("count") + 1):
            return
        try:
            with transaction.atomic():
                FormRejection.objects.create(count=1, **key)
        except IntegrityError:  # another worker created today's row first
            FormRejection.objects.filter(**key).update(count=F("count") + 1)


def rejection_response(request, reason: str, contact_email: str = "", status: int = 400):
    """A neutral page in the visitor's language: the post was not accepted, and how to reach a person.
    Never a "thank you": a real person caught by mistake must know that nothing was stored."""
    return TemplateResponse(
        request,
        "components/form_rejected.html",
        {"reason": reason, "contact_email": contact_email or settings.DEFAULT_FROM_EMAIL},
        status=status,
    )


def client_key(request) -> str:
    """The visitor's address, hashed with the secret key so that no IP address is stored."""
    address = request.META.get("REMOTE_ADDR", "")
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]


def rate_limited(request, form_name: str) -> bool:
    """True when this address has posted more than FORM_RATE_LIMIT times to this form within the
    current FORM_RATE_LIMIT_WINDOW seconds (fixed windows, aligned to the clock). Behind a proxy,
    REMOTE_ADDR must be the client's address.

    Counted in the database, not the cache: the file cache's add and incr are a read then a write, so
    concurrent workers both read 20 and both write 21 (40 posts at once all got through a limit of
    20), and a cache-only path would differ between the embedded default and production. One
    UPDATE ... SET count = count + 1 is atomic in SQLite and PostgreSQL, on one machine or many,
    and the count read back in the same transaction is this post's own, because the row stays
    locked until commit. It costs one small write per post to a public form, which writes anyway."""
    limit = getattr(settings, "FORM_RATE_LIMIT", 0)
    if not limit:
        return False
    window = max(int(getattr(settings, "FORM_RATE_LIMIT_WINDOW", 600)), 1)
    now = int(timezone.now().timestamp())
    start = datetime.datetime.fromtimestamp(now - now % window, tz=datetime.UTC)
    key = {"form": form_name[:100], "client": client_key(request), "window_start": start}
    first_in_window = False
    with transaction.atomic():
        if not RateLimitHit.objects.filter(**key).update(count=F("count") + 1):
            try:
                with transaction.atomic():
                    RateLimitHit.objects.create(count=1, **key)
                first_in_window = True
            except IntegrityError:  # another worker counted this address's first post a moment earlier
                RateLimitHit.objects.filter(**key).update(count=F("count") + 1)
        count = RateLimitHit.objects.filter(**key).values_list("count", flat=True).get()
    if first_in_window:
        forget_finished_windows(start)
    return count > limit


def forget_finished_windows(current_start: datetime.datetime) -> None:
    """Delete the counts of windows that have ended. Outside the counting transaction, so that two
    workers clearing at once never hold each other's rows; a failure here only leaves rows for the
    next one to clear."""
    try:
        with transaction.atomic():
            RateLimitHit.objects.filter(window_start__lt=current_start).delete()
    except DatabaseError as error:
        logger.warning("old rate-limit counts not cleared: error=%s", type(error).__name__)
