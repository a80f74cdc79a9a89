"""Erasure of one person's data everywhere (GDPR art. 17): `manage.py erase_person --email`.

Each app that stores personal data registers a function `erase(email) -> {what: count}` from its
AppConfig.ready(); this module erases Wagtail's own form submissions and, last, the outbox (after
the apps, whose erasers may queue mail about freed places to other people).
"""

from collections.abc import Callable

from django.db import transaction

Eraser = Callable[[str], dict[str, int]]
_erasers: dict[str, Eraser] = {}


def register_eraser(name: str, eraser: Eraser) -> None:
    """Add an app's eraser; registering the same name again replaces it."""
    _erasers[name] = eraser


def registered_erasers() -> dict[str, Eraser]:
    return dict(_erasers)


def erase_form_submissions(email: str) -> dict[str, int]:
    """Wagtail's own form submissions that name the address in any answer."""
    from wagtail.contrib.forms.models import FormSubmission

    erased = 0
    for submission in FormSubmission.objects.all().iterator():
        if email in (str(value).strip().lower() for value in (submission.form_data or {}).values()):
            submission.delete()
            erased += 1
    return {"form submissions": erased}


def erase_person(email: str) -> dict[str, int]:
    from outbox.delivery import erase_outbox

    email = email.strip().lower()
    counts: dict[str, int] = {}
    for eraser in (*_erasers.values(), erase_form_submissions):
        with transaction.atomic():
            counts.update(eraser(email))
    counts["emails"] = erase_outbox(email)
    return counts
