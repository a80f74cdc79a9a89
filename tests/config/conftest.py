import importlib

import pytest

from django.core.files.base import ContentFile
from django.test import override_settings

PRODUCTION_ENV = {
    "SECRET_KEY": "a-long-random-production-key-" + "k" * 40,
    "ALLOWED_HOSTS": "testserver",
    "PUBLIC_BASE_URL": "https://testserver",
}
SECURITY_SETTING_PREFIXES = ("SECURE_", "SESSION_COOKIE_", "CSRF_COOKIE_", "LANGUAGE_COOKIE_", "X_FRAME_OPTIONS")


def production_security_settings() -> dict:
    """The security settings of config/settings/production.py (HSTS, secure cookies, TLS redirect)."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        for name, value in PRODUCTION_ENV.items():
            monkeypatch.setenv(name, value)
        production = importlib.reload(importlib.import_module("config.settings.production"))
    return {name: getattr(production, name) for name in dir(production) if name.startswith(SECURITY_SETTING_PREFIXES)}


@pytest.fixture(scope="module")
def in_production():
    """The production security settings over the test settings, for a whole module, so that the test
    client sees the headers a production server sends."""
    with override_settings(**production_security_settings()):
        yield


@pytest.fixture
def production_security(in_production):
    return None


@pytest.fixture(scope="module")
def public_site(module_transaction):
    """Home pages, a live form page in nb, uk and en and a document, built once per module:
    {"homes": {language: page}, "forms": {language: page}, "document": Document}."""
    from home.factories import homes_in_every_language

    homes = homes_in_every_language()
    return {"homes": homes, "forms": make_interest_forms(homes), "document": make_document()}


@pytest.fixture
def interest_forms(homes):
    return make_interest_forms(homes)


@pytest.fixture
def document(db):
    return make_document()


def make_interest_forms(homes) -> dict:
    """A live form page in nb, uk and en: {language: page}."""
    from home.factories import publish_translation
    from partnerships.factories import InterestFormPageFactory, PartnershipsIndexPageFactory

    index = PartnershipsIndexPageFactory(parent=homes["nb"], slug="samarbeid")
    form = InterestFormPageFactory(parent=index, slug="meld-interesse")
    result = {"nb": form}
    for code in ("uk", "en"):
        publish_translation(index, code)
        result[code] = publish_translation(form, code)
    return result


def make_document():
    from wagtail.documents.models import Document

    return Document.objects.create(title="Programme", file=ContentFile(b"%PDF-1.4 programme", name="programme.pdf"))
