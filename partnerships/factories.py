import datetime
from decimal import Decimal

import factory

import wagtail_factories

from home.factories import LocaleFactory

from . import models


class ThemeFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Tema {n}")
    slug = factory.Sequence(lambda n: f"tema-{n}")
    locale = factory.SubFactory(LocaleFactory)

    class Meta:
        model = models.Theme


class PartnershipsIndexPageFactory(wagtail_factories.PageFactory):
    title = "Samarbeid"
    intro = "Norske og ukrainske kommuner som samarbeider."
    locale = factory.SubFactory(LocaleFactory)

    class Meta:
        model = models.PartnershipsIndexPage


class PartnerPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Kommune {n}")
    kind = models.PartnerKind.NO_MUNICIPALITY
    country = models.Country.NORWAY
    region = "Agder"
    latitude = Decimal("58.1")
    longitude = Decimal("8.0")
    locale = factory.SubFactory(LocaleFactory)

    class Meta:
        model = models.PartnerPage


class UkrainianPartnerPageFactory(PartnerPageFactory):
    title = factory.Sequence(lambda n: f"Hromada {n}")
    kind = models.PartnerKind.UA_MUNICIPALITY
    country = models.Country.UKRAINE
    region = "Mykolaivska oblast"
    latitude = Decimal("46.97")
    longitude = Decimal("31.99")


class PartnershipFactory(factory.django.DjangoModelFactory):
    norwegian_partner = factory.SubFactory(PartnerPageFactory)
    ukrainian_partner = factory.SubFactory(UkrainianPartnerPageFactory)
    status = models.PartnershipStatus.AGREEMENT_SIGNED
    date_signed = datetime.date(2023, 5, 1)

    class Meta:
        model = models.Partnership


class StoryPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Historie {n}")
    date = datetime.date(2023, 8, 29)
    summary = "Hva samarbeidet har ført til."
    locale = factory.SubFactory(LocaleFactory)

    class Meta:
        model = models.StoryPage


class InterestFormPageFactory(wagtail_factories.PageFactory):
    title = "Meld interesse"
    intro = "Fortell oss hvem dere er."
    to_address = "sekretariat@s2pu.example"
    subject = "Ny interesse"
    locale = factory.SubFactory(LocaleFactory)

    class Meta:
        model = models.InterestFormPage


class InterestCaseFactory(factory.django.DjangoModelFactory):
    kind = "municipality"
    organisation = factory.Sequence(lambda n: f"Kommune {n}")
    country = models.Country.NORWAY
    contact_person = "Kari Nordmann"
    email = factory.Sequence(lambda n: f"kontakt{n}@example.org")
    contact_language = "nb"
    language = "nb"

    class Meta:
        model = models.InterestCase
