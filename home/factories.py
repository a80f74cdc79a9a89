"""One factory per model, shared by the tests and the demo content."""

import factory

import wagtail_factories
from wagtail.models import Locale

from . import models


class LocaleFactory(factory.django.DjangoModelFactory):
    language_code = "nb"

    class Meta:
        model = Locale
        django_get_or_create = ("language_code",)


def publish_translation(page, language_code: str, **fields):
    """`page` copied into another language (its parent must exist there), with `fields` changed and
    published: a translation as a translator leaves it, without wagtail-localize's string machinery."""
    translation = page.copy_for_translation(LocaleFactory(language_code=language_code))
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    translation.refresh_from_db()
    return translation.specific


class HomePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Forside {n}")
    intro = "Norske og ukrainske kommuner finner hverandre her."
    locale = factory.SubFactory(LocaleFactory)

    class Meta:
        model = models.HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Side {n}")
    intro = factory.Faker("sentence", locale="no_NO")
    locale = factory.SubFactory(LocaleFactory)

    class Meta:
        model = models.StandardPage


class NavigationMenuFactory(factory.django.DjangoModelFactory):
    name = "Hovedmeny"
    locale = factory.SubFactory(LocaleFactory)

    class Meta:
        model = models.NavigationMenu


class FooterFactory(factory.django.DjangoModelFactory):
    organisers = "<p>Support to the people of Ukraine (s2pU)</p>"
    contact = "<p>Sekretariatet svarer på spørsmål.</p>"
    locale = factory.SubFactory(LocaleFactory)

    class Meta:
        model = models.Footer


class PersonFactory(factory.django.DjangoModelFactory):
    name = factory.Faker("name", locale="no_NO")
    title = factory.Faker("job", locale="no_NO")
    organisation = factory.Faker("company", locale="no_NO")
    locale = factory.SubFactory(LocaleFactory)

    class Meta:
        model = models.Person


class SiteSettingsFactory(factory.django.DjangoModelFactory):
    site = factory.SubFactory(wagtail_factories.SiteFactory)
    contact_email = "post@s2pu.example"
    phone = "91 10 60 45"
    organisation_number = ""

    class Meta:
        model = models.SiteSettings
        django_get_or_create = ("site",)


def homes_in_every_language() -> dict:
    """A live home page in nb (the default Site's root) and its translations into every other
    language, {language: home}: the smallest tree a page test needs."""
    from django.conf import settings

    from wagtail.models import Page

    from home.sites import sync_default_site

    # Beside the demo's home pages when a test on the same database loaded them.
    source = HomePageFactory(
        parent=Page.get_first_root_node(), title="Forside", slug="", locale=LocaleFactory(language_code="nb")
    )
    sync_default_site(source)
    titles = {"uk": "Головна", "en": "Home"}
    homes = {"nb": source}
    for code, _name in settings.LANGUAGES:
        if code != "nb":
            homes[code] = publish_translation(source, code, title=titles.get(code, code))
    return homes
