"""Data shown in the language of the screen it is on: a language's name in the admin user's language,
themes on a page's edit form in the page's language, the places per day with the day titles in the
admin user's language, and a hero image's alt text in the page's language."""

import re

import pytest

from django.test import Client
from django.utils.translation import gettext, override, pgettext

from wagtail.models import Locale
from wagtail.users.models import UserProfile
from wagtail_localize.models import TranslationSource
from wagtail_localize.operations import TranslationCreator

from home.factories import StandardPageFactory
from home.translation_permissions import TRANSLATOR_GROUPS
from news.factories import PageCommentFactory
from tests.roles import sign_in, user_in

pytestmark = pytest.mark.django_db


def admin_in(user, code: str) -> Client:
    """A signed-in client for `user`, whose admin is in `code`."""
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = code
    profile.save()
    return sign_in(Client(), user)


def language_label(code: str, in_language: str) -> str:
    """A language's name as a label (a value, a column), in another language."""
    english = {"nb": "Norwegian", "uk": "Ukrainian", "en": "English"}[code]
    with override(in_language):
        return pgettext("language name", english)


# --- Language names ------------------------------------------------------------------------------------


@pytest.mark.parametrize("admin_language", ["uk", "en"])
def test_a_comments_language_is_named_in_the_moderators_language(homes, roles, admin_language):
    comment = PageCommentFactory(page=homes["nb"], comment="Takk!")
    html = admin_in(roles["moderator"], admin_language).get(f"/admin/reader-comments/inspect/{comment.pk}/")
    assert language_label("nb", admin_language) in html.content.decode()
    assert "Norsk" not in html.content.decode()


def test_the_page_editor_names_the_pages_language_in_the_editors_language(homes, roles):
    html = admin_in(roles["editor"], "uk").get(f"/admin/pages/{homes['nb'].pk}/edit/").content.decode()
    assert language_label("nb", "uk") in html
    assert not re.search(r"\bNorsk\b", html)


def test_the_sync_form_names_the_languages_left_out_in_the_translators_language(homes):
    page = StandardPageFactory(parent=homes["nb"], title="Vennskap", slug="vennskap")
    TranslationCreator(None, list(Locale.objects.exclude(language_code="nb"))).create_translations(page)
    source = TranslationSource.objects.get(object_id=page.translation_key, locale__language_code="nb")
    translator = user_in("translator_uk", TRANSLATOR_GROUPS["uk"])

    response = admin_in(translator, "uk").get(f"/admin/localize/update/{source.pk}/")

    with override("uk"):
        expected = gettext("Not synced, as you do not translate into them: %(languages)s.") % {
            "languages": gettext("English")
        }
    assert [str(message) for message in response.context["messages"]] == [expected]
