"""Wagtail's automatic redirects on a slug change (seo/redirects.py): for a page readers could have
reached, never for one that was never published, such as a translation getting its own slug.
Wagtail sends the slug change once the transaction commits, hence the captured on-commit callbacks."""

import pytest

from wagtail.contrib.redirects.models import Redirect

from home.factories import StandardPageFactory
from tests.home.test_slugs_and_translation import translate_with_localize

pytestmark = pytest.mark.django_db


def test_a_published_page_renamed_leaves_one_redirect_from_its_old_address(homes, django_capture_on_commit_callbacks):
    page = StandardPageFactory(parent=homes["nb"], title="Om oss", slug="om-oss")
    page.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        page.slug = "om-samarbeidet"
        page.save_revision().publish()
    assert [(redirect.old_path, redirect.redirect_page_id) for redirect in Redirect.objects.all()] == [
        ("/nb/om-oss", page.pk)
    ]


def test_a_page_never_published_leaves_no_redirect(homes, django_capture_on_commit_callbacks):
    page = StandardPageFactory(parent=homes["nb"], title="Utkast", slug="utkast", live=False)
    with django_capture_on_commit_callbacks(execute=True):
        page.slug = "nytt-utkast"
        page.save()
    assert page.first_published_at is None
    assert not Redirect.objects.exists()


def test_a_new_translation_leaves_no_redirect_when_it_takes_its_own_slug(homes, django_capture_on_commit_callbacks):
    source = StandardPageFactory(parent=homes["nb"], title="Skolebesøk", slug="")
    source.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        translated = translate_with_localize(source, "en", {"Skolebesøk": "School visit"})
    assert translated.slug == "school-visit"
    assert not Redirect.objects.exists()
