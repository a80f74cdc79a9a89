"""Deleting or moving a source page never silently destroys or strands translated work
(translations/source_pages.py), and deleting a translation keeps what its translator wrote."""

import pytest

from django.utils.translation import gettext, override

from wagtail.models import Locale, Page
from wagtail_localize.models import StringTranslation, TranslationSource
from wagtail_localize.operations import TranslationCreator

from home.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def locale(code):
    return Locale.objects.get(language_code=code)


def translate(page, code, title=None):
    """A draft translation through wagtail-localize, its title written as a translator would."""
    TranslationCreator(None, [locale(code)]).create_translations(page)
    translation = page.get_translation(locale(code))
    if title:
        source = TranslationSource.objects.get(object_id=page.translation_key, locale=page.locale)
        segment = source.stringsegment_set.get(context__path="title")
        StringTranslation.objects.create(
            translation_of=segment.string, locale=locale(code), context=segment.context, data=title
        )
        source.translations.get(target_locale=locale(code)).save_target(publish=False)
        translation.refresh_from_db()
    return translation


@pytest.fixture
def nb_page(homes):
    return StandardPageFactory(parent=homes["nb"], title="Om samarbeidet", slug="om")


def test_deleting_a_source_with_translations_names_them_and_asks_first(admin_client, nb_page):
    uk_page = translate(nb_page, "uk", title="Про співпрацю")

    form = admin_client.get(f"/admin/pages/{nb_page.pk}/delete/").content.decode()
    admin_client.post(f"/admin/pages/{nb_page.pk}/delete/", {})

    assert "Про співпрацю" in form
    assert 'name="confirm_translations"' in form
    assert Page.objects.filter(pk=nb_page.pk).exists()
    assert Page.objects.filter(pk=uk_page.pk).exists()


def test_a_confirmed_deletion_keeps_the_translations(admin_client, nb_page):
    uk_page = translate(nb_page, "uk", title="Про співпрацю")
    admin_client.post(f"/admin/pages/{nb_page.pk}/delete/", {"confirm_translations": "on"})
    assert not Page.objects.filter(pk=nb_page.pk).exists()
    assert Page.objects.get(pk=uk_page.pk).title == "Про співпрацю"


def test_translations_of_pages_below_count_too(admin_client, homes, nb_page):
    child = StandardPageFactory(parent=nb_page, title="Underside", slug="underside")
    translate(nb_page, "en")
    translate(child, "en", title="Subpage")
    admin_client.post(f"/admin/pages/{nb_page.pk}/delete/", {})
    assert Page.objects.filter(pk=child.pk).exists()
    assert "Subpage" in admin_client.get(f"/admin/pages/{nb_page.pk}/delete/").content.decode()


def test_a_page_without_translations_is_deleted_as_before(admin_client, nb_page):
    admin_client.post(f"/admin/pages/{nb_page.pk}/delete/", {})
    assert not Page.objects.filter(pk=nb_page.pk).exists()


def test_deleting_a_translation_leaves_the_source_and_keeps_the_translators_text(admin_client, nb_page):
    uk_page = translate(nb_page, "uk", title="Про співпрацю")

    admin_client.post(f"/admin/pages/{uk_page.pk}/delete/", {})

    assert not Page.objects.filter(pk=uk_page.pk).exists()
    assert Page.objects.filter(pk=nb_page.pk).exists()
    again = translate(Page.objects.get(pk=nb_page.pk).specific, "uk")
    assert again.title == "Про співпрацю"


@pytest.fixture
def sections(homes):
    """Two nb sections, each translated into uk; the page to move sits in the first."""
    first = StandardPageFactory(parent=homes["nb"], title="Første", slug="forste")
    second = StandardPageFactory(parent=homes["nb"], title="Andre", slug="andre")
    for section in (first, second):
        translate(section, "uk")
    return first, second


def test_moving_a_source_moves_its_translations_to_the_matching_parent(admin_client, sections):
    first, second = sections
    page = StandardPageFactory(parent=first, title="Flyttes", slug="flyttes")
    uk_page = translate(page, "uk")

    admin_client.post(f"/admin/pages/{page.pk}/move/{second.pk}/confirm/")

    assert Page.objects.get(pk=page.pk).get_parent().pk == second.pk
    assert Page.objects.get(pk=uk_page.pk).get_parent().pk == second.get_translation(locale("uk")).pk


def test_a_translation_stays_where_the_new_parent_is_not_translated(admin_client, homes, sections):
    first, _second = sections
    untranslated = StandardPageFactory(parent=homes["nb"], title="Bare norsk", slug="bare-norsk")
    page = StandardPageFactory(parent=first, title="Flyttes", slug="flyttes")
    uk_page = translate(page, "uk")

    response = admin_client.post(f"/admin/pages/{page.pk}/move/{untranslated.pk}/confirm/", follow=True)

    assert Page.objects.get(pk=uk_page.pk).get_parent().pk == first.get_translation(locale("uk")).pk
    with override("nb"):  # the admin's language for a user without a preference
        notice = gettext("Not moved, as the new parent has no translation in their language: %(pages)s.")
    assert notice.split("%(pages)s")[0] in response.content.decode()
