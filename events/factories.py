import datetime

import factory

import wagtail_factories

from home.factories import LocaleFactory

from . import models


class EventIndexPageFactory(wagtail_factories.PageFactory):
    title = "Konferanse"
    intro = "Kommunekonferansen samler norske og ukrainske kommuner."
    locale = factory.SubFactory(LocaleFactory)

    class Meta:
        model = models.EventIndexPage


class EventPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Kommunekonferansen {2023 + n}")
    theme = "Kommunesamarbeid Norge–Ukraina"
    start_date = datetime.date(2023, 8, 29)
    end_date = datetime.date(2023, 8, 30)
    locale = factory.SubFactory(LocaleFactory)

    class Meta:
        model = models.EventPage


class EventDayFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(EventPageFactory)
    date = factory.LazyAttribute(lambda day: day.page.start_date)
    title = factory.Sequence(lambda n: f"Dag {n + 1}")
    capacity = 100
    locale = factory.LazyAttribute(lambda day: day.page.locale)

    class Meta:
        model = models.EventDay


class RegistrationPageFactory(wagtail_factories.PageFactory):
    title = "Påmelding"
    intro = "Meld deg på konferansen."
    locale = factory.SubFactory(LocaleFactory)

    class Meta:
        model = models.RegistrationPage


class RegistrationFormFieldFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(RegistrationPageFactory)
    label = factory.Sequence(lambda n: f"Spørsmål {n + 1}")
    field_type = "singleline"
    required = False
    locale = factory.LazyAttribute(lambda field: field.page.locale)

    class Meta:
        model = models.RegistrationFormField
