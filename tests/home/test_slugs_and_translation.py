"""Slugs are romanised everywhere, and translations made with wagtail-localize start as drafts."""

import json

import pytest

from django.conf import settings
from django.contrib.messages import get_messages

from wagtail_localize.models import SegmentOverride, String, StringTranslation, Translation, TranslationSource
from wagtail_localize.operations import TranslationCreator

from home.factories import LocaleFactory, StandardPageFactory
from home.models import StandardPage

pytestmark = pytest.mark.django_db


def test_sync_of_live_status_is_off():
    assert settings.WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE is False


def test_cyrillic_title_gives_an_official_romanised_slug(homes):
    uk_home = homes["uk"]
    page = StandardPage(title="Запоріжжя і Київ", slug="", locale=uk_home.locale)
    uk_home.add_child(instance=page)
    assert page.slug == "zaporizhzhia-i-kyiv"
    assert page.url == "/uk/zaporizhzhia-i-kyiv/"


def test_cyrillic_slug_typed_by_an_editor_is_romanised(homes):
    uk_home = homes["uk"]
    page = StandardPage(title="Згурівка", slug="згурівка", locale=uk_home.locale)
    uk_home.add_child(instance=page)
    assert page.slug == "zghurivka"


def test_romanised_slug_is_kept_unique_among_siblings(homes):
    uk_home = homes["uk"]
    uk_home.add_child(instance=StandardPage(title="Згурівка", slug="згурівка", locale=uk_home.locale))
    second = StandardPage(title="Згурівка", slug="згурівка", locale=uk_home.locale)
    uk_home.add_child(instance=second)
    assert second.slug == "zghurivka-1"


def test_editor_creates_a_page_with_a_cyrillic_title_in_the_admin(admin_client, homes):
    uk_home = homes["uk"]
    response = admin_client.post(
        f"/admin/pages/add/home/standardpage/{uk_home.pk}/",
        {
            "title": "Житомир",
            "slug": "житомир",
            "intro": "",
            "body-count": "0",
            "action-publish": "publish",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = StandardPage.objects.get(title="Житомир")
    assert page.slug == "zhytomyr"
    assert page.live


def test_norwegian_letters_in_slugs(homes):
    nb_home = homes["nb"]
    page = StandardPageFactory(parent=nb_home, title="Årsmøte på Ørland for særkommuner", slug="")
    assert page.slug == "arsmote-pa-orland-for-saerkommuner"


def translate_with_localize(source, language_code, translated_strings, user=None):
    """Translate `source` the way a translator does in wagtail-localize's editor, unpublished."""
    locale = LocaleFactory(language_code=language_code)
    TranslationCreator(user, [locale]).create_translations(source)
    translation_source, _ = TranslationSource.get_or_create_from_instance(source)
    translation = Translation.objects.get(source=translation_source, target_locale=locale)
    for original, translated in translated_strings.items():
        StringTranslation.objects.create(
            translation_of=String.objects.get(data=original),
            locale=locale,
            context=translation_source.stringsegment_set.get(string__data=original).context,
            data=translated,
        )
    translation.save_target(publish=False)
    return source.get_translation(locale)


def test_translation_made_with_localize_has_the_romanised_translated_title_as_slug(homes):
    source = StandardPageFactory(parent=homes["nb"], title="Kommunebesøk i Kryvyj Rih", slug="")
    source.save_revision().publish()
    translated = translate_with_localize(source, "uk", {"Kommunebesøk i Kryvyj Rih": "Візит до Кривого Рогу"})
    assert translated.title == "Візит до Кривого Рогу"
    assert translated.slug == "vizyt-do-kryvoho-rohu", "the slug follows the translated title by default"


def test_translation_made_with_localize_is_a_draft(homes):
    source = StandardPageFactory(parent=homes["nb"], title="Kommunebesøk i Kryvyj Rih", slug="")
    source.save_revision().publish()
    translated = translate_with_localize(source, "uk", {"Kommunebesøk i Kryvyj Rih": "Візит до Кривого Рогу"})
    assert not translated.live, "a translation goes live only when a person publishes it"


def localize_source_of(homes):
    source = StandardPageFactory(parent=homes["nb"], title="Skolebesøk", slug="")
    source.save_revision().publish()
    return TranslationSource.get_or_create_from_instance(source)[0]


def test_the_slug_is_not_a_string_a_translator_must_translate(homes):
    paths = set(localize_source_of(homes).stringsegment_set.values_list("context__path", flat=True))
    assert "title" in paths and "slug" not in paths


def test_the_slug_is_a_segment_a_translator_may_override(homes):
    paths = set(localize_source_of(homes).overridablesegment_set.values_list("context__path", flat=True))
    assert "slug" in paths


def test_a_translator_may_still_choose_the_slug(homes):
    source = StandardPageFactory(parent=homes["nb"], title="Kommunebesøk i Kryvyj Rih", slug="")
    source.save_revision().publish()
    locale = LocaleFactory(language_code="uk")
    TranslationCreator(None, [locale]).create_translations(source)
    translation_source = TranslationSource.objects.get_for_instance(source)
    SegmentOverride.objects.create(
        locale=locale,
        context=translation_source.overridablesegment_set.get(context__path="slug").context,
        data_json=json.dumps("візит-до-кривого-рогу-2023"),
    )
    translate_with_localize(source, "uk", {"Kommunebesøk i Kryvyj Rih": "Візит до Кривого Рогу"})
    assert source.get_translation(locale).slug == "vizyt-do-kryvoho-rohu-2023"


def test_the_slug_stays_when_the_source_is_synced_again(homes):
    source = StandardPageFactory(parent=homes["nb"], title="Skolebesøk", slug="")
    source.save_revision().publish()
    translated = translate_with_localize(source, "en", {"Skolebesøk": "School visit"})
    assert translated.slug == "school-visit"
    source.title = "Skolebesøk i Lyngdal"
    source.save_revision().publish()
    translation_source = TranslationSource.objects.get_for_instance(source)
    translation_source.update_from_db()
    Translation.objects.get(source=translation_source, target_locale=translated.locale).save_target(publish=False)
    translated.refresh_from_db()
    assert translated.slug == "school-visit", "a published address does not move when the source changes"


@pytest.fixture
def complete_translation(homes):
    source = StandardPageFactory(parent=homes["nb"], title="Skolebesøk", slug="", intro="Om besøket.")
    source.save_revision().publish()
    return translate_with_localize(source, "en", {"Skolebesøk": "School visit", "Om besøket.": "The visit."})


def publish_in_admin(admin_client, page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/admin/pages/{page.pk}/edit/", {"action": "publish"})
    assert response.status_code == 302
    return response


def test_publishing_a_complete_translation_reports_no_missing_translations(
    admin_client, complete_translation, django_capture_on_commit_callbacks
):
    response = publish_in_admin(admin_client, complete_translation, django_capture_on_commit_callbacks)
    reported = [str(message) for message in get_messages(response.wsgi_request)]
    assert reported and not any("missing translations" in message for message in reported), reported


def test_publishing_a_complete_translation_makes_it_live_at_its_slug(
    admin_client, complete_translation, django_capture_on_commit_callbacks
):
    publish_in_admin(admin_client, complete_translation, django_capture_on_commit_callbacks)
    complete_translation.refresh_from_db()
    assert complete_translation.live and complete_translation.slug == "school-visit"
