"""Machine translation: DeepL when DEEPL_API_KEY is set, nothing otherwise; what it writes is a draft,
recorded as machine-made, and only someone who may translate into that language can ask for it.

DeepL is faked at the HTTP level (requests' transport adapter), so that what wagtail-localize's
translator and ours actually send is what the tests read.
"""

import importlib
import json
from urllib.parse import parse_qs

import pytest
import requests

from django.test import Client

from wagtail.models import Locale
from wagtail_localize.models import StringTranslation, Translation, TranslationSource
from wagtail_localize.operations import TranslationCreator

from home.factories import StandardPageFactory
from tests.roles import user_in
from translations.machine_translation import DeepLTranslator
from translations.permissions import TRANSLATOR_GROUPS

DEEPL = "translations.machine_translation.DeepLTranslator"


class FakeDeepL:
    """Answers every request as DeepL's /v2/translate does, prefixing each text with its target."""

    def __init__(self):
        self.requests = []

    def send(self, adapter, request, **kwargs):
        self.requests.append(request)
        form = parse_qs(request.body)
        translations = [{"text": f"[{form['target_lang'][0]}] {text}"} for text in form["text"]]
        response = requests.Response()
        response.status_code = 200
        response.headers["Content-Type"] = "application/json"
        response._content = json.dumps({"translations": translations}).encode()
        response.url = request.url
        response.request = request
        return response

    @property
    def last_form(self) -> dict:
        return parse_qs(self.requests[-1].body)


@pytest.fixture
def deepl(monkeypatch):
    fake = FakeDeepL()
    monkeypatch.setattr(
        requests.adapters.HTTPAdapter, "send", lambda adapter, request, **kw: fake.send(adapter, request, **kw)
    )
    return fake


@pytest.fixture
def deepl_configured(settings):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {"CLASS": DEEPL, "OPTIONS": {"AUTH_KEY": "a-pro-key"}}


def locale(code: str) -> Locale:
    return Locale.objects.get(language_code=code)


def translate(translator, source_code: str, target_code: str, *texts: str) -> dict:
    from wagtail_localize.strings import StringValue

    strings = [StringValue(text) for text in texts]
    result = translator.translate(locale(source_code), locale(target_code), strings)
    return {string.data: value.data for string, value in result.items()}


# --- The settings ----------------------------------------------------------------------------------


def base_settings_with(monkeypatch, **environment):
    module = importlib.import_module("config.settings.base")
    try:
        with monkeypatch.context() as env:
            for name in ("DEEPL_API_KEY", "DEEPL_ENGLISH_VARIANT"):
                env.delenv(name, raising=False)
            for name, value in environment.items():
                env.setenv(name, value)
            reloaded = importlib.reload(module)
            return getattr(reloaded, "WAGTAILLOCALIZE_MACHINE_TRANSLATOR", None)
    finally:
        importlib.reload(module)


def test_without_a_key_there_is_no_machine_translator(monkeypatch):
    assert base_settings_with(monkeypatch) is None


def test_with_a_key_deepl_is_the_machine_translator(monkeypatch):
    config = base_settings_with(monkeypatch, DEEPL_API_KEY="k:fx", DEEPL_ENGLISH_VARIANT="EN-US")
    assert config["CLASS"] == DEEPL
    assert config["OPTIONS"]["AUTH_KEY"] == "k:fx"
    assert config["OPTIONS"]["ENGLISH_VARIANT"] == "EN-US"


# --- What is sent to DeepL --------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(("target", "target_lang"), [("uk", "UK"), ("en", "EN-GB")])
def test_each_language_is_sent_as_deepl_names_it(homes, deepl, target, target_lang):
    result = translate(DeepLTranslator({"AUTH_KEY": "a-pro-key"}), "nb", target, "Vennskapskommuner")

    assert result == {"Vennskapskommuner": f"[{target_lang}] Vennskapskommuner"}
    assert deepl.last_form["source_lang"] == ["NB"]
    assert deepl.last_form["target_lang"] == [target_lang]
    assert deepl.requests[-1].headers["Authorization"] == "DeepL-Auth-Key a-pro-key"
    assert deepl.requests[-1].url == "https://api.deepl.com/v2/translate"


@pytest.mark.django_db
def test_american_english_when_configured_and_free_keys_use_the_free_api(homes, deepl):
    translate(DeepLTranslator({"AUTH_KEY": "a-free-key:fx", "ENGLISH_VARIANT": "en-us"}), "uk", "nb", "Київ")
    assert deepl.last_form["source_lang"] == ["UK"]
    assert deepl.last_form["target_lang"] == ["NB"]

    translate(DeepLTranslator({"AUTH_KEY": "a-free-key:fx", "ENGLISH_VARIANT": "en-us"}), "nb", "en", "Kyiv")
    assert deepl.last_form["target_lang"] == ["EN-US"]
    assert deepl.requests[-1].url == "https://api-free.deepl.com/v2/translate"


@pytest.mark.django_db
def test_an_english_variant_deepl_does_not_know_is_refused(homes, deepl):
    with pytest.raises(ValueError, match="EN-GB or EN-US"):
        translate(DeepLTranslator({"AUTH_KEY": "k", "ENGLISH_VARIANT": "EN-AU"}), "nb", "en", "Kyiv")
    assert not deepl.requests


# --- In the translation editor ---------------------------------------------------------------------


@pytest.fixture
def translation_into_uk(homes):
    page = StandardPageFactory(parent=homes["nb"], title="Vennskapskommuner", slug="vennskapskommuner")
    TranslationCreator(None, [locale("uk")]).create_translations(page)
    source = TranslationSource.objects.get(object_id=page.translation_key, locale=page.locale)
    return Translation.objects.get(source=source, target_locale=locale("uk"))


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def machine_translate(user, translation, **kwargs):
    return client_for(user).post(
        f"/admin/localize/translate/{translation.pk}/machine_translate/", {"next": "/admin/"}, **kwargs
    )


@pytest.mark.django_db
def test_the_button_is_there_only_with_a_translator(translation_into_uk, settings):
    translator = user_in("translator_uk", TRANSLATOR_GROUPS["uk"])
    edit_url = f"/admin/pages/{translation_into_uk.get_target_instance().pk}/edit/"

    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None
    assert "machine_translate" not in client_for(translator).get(edit_url).content.decode()

    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {"CLASS": DEEPL, "OPTIONS": {"AUTH_KEY": "k"}}
    assert f"/admin/localize/translate/{translation_into_uk.pk}/machine_translate/" in (
        client_for(translator).get(edit_url).content.decode()
    )


@pytest.mark.django_db
def test_without_a_translator_the_endpoint_answers_404(translation_into_uk, settings, deepl):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None
    # Django's LocaleMiddleware first tries the address under /nb/, which is no more there.
    response = machine_translate(user_in("translator_uk", TRANSLATOR_GROUPS["uk"]), translation_into_uk, follow=True)
    assert response.status_code == 404
    assert not deepl.requests


@pytest.mark.django_db
def test_a_uk_translator_gets_a_machine_made_draft(translation_into_uk, deepl_configured, deepl):
    translator = user_in("translator_uk", TRANSLATOR_GROUPS["uk"])
    target = translation_into_uk.get_target_instance()
    revisions_before = target.revisions.count()

    response = machine_translate(translator, translation_into_uk)

    assert response.status_code == 302
    assert deepl.last_form["target_lang"] == ["UK"]
    made = StringTranslation.objects.filter(locale=locale("uk"))
    assert made.filter(data="[UK] Vennskapskommuner").exists()
    assert set(made.values_list("translation_type", "tool_name", "last_translated_by")) == {
        (StringTranslation.TRANSLATION_TYPE_MACHINE, "DeepL", translator.pk)
    }
    target.refresh_from_db()
    assert not target.live
    assert target.live_revision is None
    assert target.revisions.count() == revisions_before
    assert Client().get(f"/uk/{target.slug}/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["translator_en", "editor_of_nothing"])
def test_someone_without_rights_in_the_target_language_is_refused(translation_into_uk, deepl_configured, deepl, who):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    if who == "translator_en":
        user = user_in(who, TRANSLATOR_GROUPS["en"])
    else:
        user = get_user_model().objects.create_user(who, password="x")
        user.user_permissions.add(Permission.objects.get(codename="access_admin"))

    response = machine_translate(user, translation_into_uk)

    # Wagtail's admin answers PermissionDenied by sending the user to the dashboard with a message.
    assert response.status_code == 403 or (response.status_code == 302 and response.url == "/admin/")
    assert not deepl.requests
    assert not StringTranslation.objects.filter(locale=locale("uk")).exists()
