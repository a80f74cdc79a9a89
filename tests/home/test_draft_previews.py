"""A page that was never published previews for everyone who may edit it: every page type, as a draft in
nb and as a never-published uk or en translation, through the admin's "view draft" and
wagtail-localize's translation preview, as the superuser and each role that may edit the page."""

import pytest

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.operations import TranslationCreator

from home.factories import publish_translation
from home.models import HomePage
from tests.home.test_pages import project_page_models
from tests.page_tree import build_page_tree
from tests.roles import sign_in, user_in
from translations.permissions import TRANSLATOR_GROUPS

pytestmark = pytest.mark.django_db

PAGE_TYPES = sorted(model.__name__ for model in project_page_models())
# Who may edit a page in each language, and so preview its draft (tests/roles.py; the Secretariat edits
# no pages, a translator only the pages of their own language).
PREVIEWERS = {
    "nb": ("superuser", "editor", "moderator"),
    "uk": ("superuser", "editor", "moderator", "translator_uk"),
    "en": ("superuser", "editor", "moderator", "translator_en"),
}
CASES = [
    (page_type, language, role) for page_type in PAGE_TYPES for language, roles in PREVIEWERS.items() for role in roles
]


def never_published_copy(page: Page) -> Page:
    """A copy of `page` beside it that was never published: no live revision, only a draft one."""
    parent = page.get_parent()
    copy = page.specific.copy(
        to=parent,
        update_attrs={"title": f"Utkast {page.title}", "slug": f"utkast-{page.slug or 'forside'}"},
        keep_live=False,
        copy_revisions=False,
        log_action=None,
    )
    copy.save_revision()
    return copy


@pytest.fixture(scope="module")
def drafts(module_transaction):
    """{page type name: {language: a never-published page}}: in nb a draft copy of each live page of
    the tree, in uk and en its wagtail-localize translation, never published either."""
    tree = build_page_tree()["pages"]
    for code, title in (("uk", "Головна"), ("en", "Home")):
        publish_translation(tree[HomePage], code, title=title)
    locales = [Locale.objects.get(language_code=code) for code in ("uk", "en")]
    creator = TranslationCreator(None, locales)
    # The live pages' translations first (drafts as well), so that each draft has a parent in uk and en.
    for page in sorted(tree.values(), key=lambda page: page.depth):
        creator.create_translations(page)
    result = {}
    for model, page in tree.items():
        draft = never_published_copy(page)
        creator.create_translations(draft)
        result[model.__name__] = {"nb": draft}
        for target in locales:
            translated = draft.get_translation(target).specific
            assert not translated.live and translated.live_revision_id is None
            result[model.__name__][target.language_code] = translated
    return result


@pytest.fixture(scope="module")
def people(module_transaction):
    return {
        "superuser": get_user_model().objects.create_superuser("root", "root@s2pu.example", "x"),
        "editor": user_in("editor", "Editors"),
        "moderator": user_in("moderator", "Moderators"),
        "translator_uk": user_in("translator_uk", TRANSLATOR_GROUPS["uk"]),
        "translator_en": user_in("translator_en", TRANSLATOR_GROUPS["en"]),
    }


def test_every_page_type_is_covered(drafts):
    assert sorted(drafts) == PAGE_TYPES


@pytest.mark.parametrize(("page_type", "language", "role"), CASES)
def test_a_never_published_page_previews(drafts, people, page_type, language, role):
    page = drafts[page_type][language]
    client = sign_in(Client(), people[role])
    response = client.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk]))
    assert response.status_code == 200
    assert page.title.encode() in response.content

    if language != "nb":
        source = TranslationSource.objects.get(object_id=page.translation_key, locale__language_code="nb")
        translation = Translation.objects.get(source=source, target_locale=page.locale)
        response = client.get(reverse("wagtail_localize:preview_translation", args=[translation.pk]))
        assert response.status_code == 200
        assert b"<main" in response.content
