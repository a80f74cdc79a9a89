"""The interest form's mails: the confirmation to the sender, in their language, and the notice to
the secretariat, in the source language. Queued by kind (home.mail) and rendered by the task worker."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from home import outbox
from home.sites import absolute_url

from .models import InterestCase

# Mail kinds (home.mail), registered in PartnershipsConfig.ready(). Queued mail names them: never rename.
CONFIRMATION_MAIL = "interest.confirmation"
SECRETARIAT_MAIL = "interest.secretariat"


def themes_context(case: InterestCase) -> dict:
    return {
        "case": case,
        "offered": case.theme_names(case.themes_offered),
        "needed": case.theme_names(case.themes_needed),
    }


def render_confirmation(pk: int) -> dict | None:
    case = InterestCase.objects.filter(pk=pk).first()
    if case is None:
        return None
    with translation.override(case.language):
        context = themes_context(case)
    return outbox.render_email([case.email], "partnerships/email/interest_confirmation", context, case.language)


def render_secretariat(pk: int) -> dict | None:
    case = InterestCase.objects.filter(pk=pk).select_related("page").first()
    if case is None:
        return None
    language = settings.LANGUAGE_CODE
    with translation.override(language):
        context = {**themes_context(case), "admin_url": absolute_url(reverse("interest_cases:edit", args=[case.pk]))}
    return outbox.render_email(
        case.page.secretariat_addresses(), "partnerships/email/interest_secretariat", context, language
    )
