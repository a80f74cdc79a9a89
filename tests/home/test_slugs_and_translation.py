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


def test_cyrillic_title_gives_an_official_romanised_slug(demo_site):
    uk_home = demo_site["uk"]["home"]
    page = StandardPage(title="Запоріжжя і Київ", slug="", locale=uk_home.locale)
    uk_home.add_child(instance=page)
    assert page.slug == "zaporizhzhia-i-kyiv"
    assert page.url == "/uk/zaporizhzhia-i-kyiv/"


def test_cyrillic_slug_typed_by_an_editor_is_romanised_and_kept_unique(demo_site):
    uk_home = demo_site["uk"]["home"]
    first = StandardPage(title="Згурівка", slug="згурівка", locale=uk_home.locale)
    uk_home.add_child(instance=first)
    second = StandardPage(title="Згурівка", slug="згурівка", locale=uk_home.locale)
    uk_home.add_child(instance=second)
    assert first.slug == "zghurivka"
    assert second.slug == "zghurivka-1"


def test_editor_creates_a_page_with_a_cyrillic_title_in_the_admin(admin_client, demo_site):
    uk_home = demo_site["uk"]["home"]
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


def test_norwegian_letters_in_slugs(demo_site):
    nb_home = demo_site["nb"]["home"]
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


def test_translation_made_with_localize_is_a_draft_with_romanised_slug(demo_site):
    nb_home = demo_site["nb"]["home"]
    source = StandardPageFactory(parent=nb_home, title="Kommunebesøk i Kryvyj Rih", slug="")
    source.save_revision().publish()
    translated = translate_with_localize(source, "uk", {"Kommunebesøk i Kryvyj Rih": "Візит до Кривого Рогу"})
    assert translated.title == "Візит до Кривого Рогу"
    assert translated.slug == "vizyt-do-kryvoho-rohu", "the slug follows the translated title by default"
    assert not translated.live, "a translation goes live only when a person publishes it"


def test_the_slug_is_not_a_string_a_translator_must_translate(demo_site):
    source = StandardPageFactory(parent=demo_site["nb"]["home"], title="Skolebesøk", slug="")
    source.save_revision().publish()
    translation_source, _ = TranslationSource.get_or_create_from_instance(source)
    paths = set(translation_source.stringsegment_set.values_list("context__path", flat=True))
    assert "title" in paths and "slug" not in paths
    assert "slug" in set(translation_source.overridablesegment_set.values_list("context__path", flat=True))


def test_a_translator_may_still_choose_the_slug(demo_site):
    source = StandardPageFactory(parent=demo_site["nb"]["home"], title="Kommunebesøk i Kryvyj Rih", slug="")
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


def test_the_slug_stays_when_the_source_is_synced_again(demo_site):
    source = StandardPageFactory(parent=demo_site["nb"]["home"], title="Skolebesøk", slug="")
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


def test_publishing_a_complete_translation_reports_no_missing_translations(
    admin_client, demo_site, django_capture_on_commit_callbacks
):
    source = StandardPageFactory(parent=demo_site["nb"]["home"], title="Skolebesøk", slug="", intro="Om besøket.")
    source.save_revision().publish()
    translated = translate_with_localize(source, "en", {"Skolebesøk": "School visit", "Om besøket.": "The visit."})
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/admin/pages/{translated.pk}/edit/", {"action": "publish"})
    assert response.status_code == 302
    reported = [str(message) for message in get_messages(response.wsgi_request)]
    assert reported and not any("missing translations" in message for message in reported), reported
    translated.refresh_from_db()
    assert translated.live and translated.slug == "school-visit"
