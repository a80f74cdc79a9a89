"""The interest form's mails: the confirmation to the sender, in their language, and the notice to
the secretariat, in the source language; and to each editor, in their admin language, the draft
partner profile made from a case. Queued by kind (outbox.kinds) and rendered by the task worker."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from wagtail.admin.utils import get_user_display_name
from wagtail.permission_policies.pages import PagePermissionPolicy

from home.sites import absolute_url
from outbox import delivery
from outbox.staff import queue_staff_mail, render_staff_email, staff_recipient

from .models import InterestCase, PartnerPage

# Mail kinds (outbox.kinds), registered in PartnershipsConfig.ready(). Queued mail names them: never rename.
# (The kinds of a submission's two mails are named where the case queues them, models/cases.py.)
DRAFT_PROFILE_MAIL = "partnerships.draft_profile"


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
    return delivery.render_email([case.email], "partnerships/email/interest_confirmation", context, case.language)


def render_secretariat(pk: int) -> dict | None:
    case = InterestCase.objects.filter(pk=pk).select_related("page").first()
    if case is None:
        return None
    language = settings.LANGUAGE_CODE
    with translation.override(language):
        context = {**themes_context(case), "admin_url": absolute_url(reverse("interest_cases:edit", args=[case.pk]))}
    return delivery.render_email(
        case.page.secretariat_addresses(), "partnerships/email/interest_secretariat", context, language
    )


# --- A draft partner profile made from a case, for the editors ----------------------------------------


def profile_editors(page: PartnerPage):
    """Who may edit (and so finish) the profile: the Editors and Moderators by their page rights,
    superusers only through a group."""
    return PagePermissionPolicy().users_with_permission_for_instance("change", page, include_superusers=False)


def send_draft_profile_mail(page: PartnerPage, case: InterestCase, made_by=None) -> None:
    """Queue one mail per editor; call inside the transaction that made the profile. The reference
    is the case's, so that erasing the case erases these rows too."""
    queue_staff_mail(
        DRAFT_PROFILE_MAIL,
        profile_editors(page),
        {"page": page.pk, "by": made_by.pk if made_by else None},
        reference=f"interest:{case.pk}",
    )


def render_draft_profile(page: int, user: int, by: int | None = None) -> dict | None:
    """While the profile is still a draft and the editor may still edit it: its title, who made it
    and the link to edit it, in the editor's admin language. Nothing of the case's contact."""
    profile = PartnerPage.objects.filter(pk=page, live=False).first()
    if profile is None:  # published or deleted meanwhile
        return None
    editor = staff_recipient(user, lambda person: profile.permissions_for_user(person).can_edit())
    if editor is None:
        return None
    maker = get_user_model().objects.filter(pk=by).first() if by else None

    def context():
        return {
            "title": profile.title,
            "made_by": get_user_display_name(maker) if maker else gettext("The Secretariat"),
            "edit_url": absolute_url(reverse("wagtailadmin_pages:edit", args=[profile.pk])),
        }

    return render_staff_email(editor, "partnerships/email/draft_profile", context)
