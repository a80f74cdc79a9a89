"""One factory per events model, shared by the tests and the demo content."""

import datetime

import factory

import wagtail_factories

from home.factories import LocaleFactory, PersonFactory

from . import models


class OrganisationFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Organisasjon {n}")
    url = "https://example.org/"
    locale = factory.SubFactory(LocaleFactory)

    class Meta:
        model = models.Organisation


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
    locale = factory.LazyAttribute(lambda day: day.page.locale)
    # As the admin's inline panel numbers them: without it the days' order is the database's choice.
    sort_order = factory.Sequence(lambda n: n)

    class Meta:
        model = models.EventDay


class EventOrganiserFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(EventPageFactory)
    organisation = factory.SubFactory(OrganisationFactory, locale=factory.SelfAttribute("..page.locale"))
    sort_order = factory.Sequence(lambda n: n)

    class Meta:
        model = models.EventOrganiser


class SteeringGroupMemberFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(EventPageFactory)
    person = factory.SubFactory(PersonFactory, locale=factory.SelfAttribute("..page.locale"))
    role = "Medlem"
    locale = factory.LazyAttribute(lambda member: member.page.locale)
    sort_order = factory.Sequence(lambda n: n)

    class Meta:
        model = models.SteeringGroupMember


class ProgrammeSessionFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(EventPageFactory)
    date = factory.LazyAttribute(lambda session: session.page.start_date)
    start_time = datetime.time(9, 0)
    end_time = datetime.time(10, 0)
    title = factory.Sequence(lambda n: f"Økt {n + 1}")
    room = "Sal A"
    language = "nb"
    locale = factory.LazyAttribute(lambda session: session.page.locale)

    class Meta:
        model = models.ProgrammeSession
        skip_postgeneration_save = True

    @factory.post_generation
    def speakers(self, create, extracted, **kwargs):
        if create and extracted:
            self.speakers.set(extracted)
            self.save()


class ProgrammeChangeFactory(factory.django.DjangoModelFactory):
    event = factory.SubFactory(EventPageFactory)
    description = factory.Sequence(lambda n: f"«Økt {n + 1}» flyttet til Sal B")

    class Meta:
        model = models.ProgrammeChange


class RegistrationPageFactory(wagtail_factories.PageFactory):
    """`places={day: capacity}` sets the places on the event's days (DayCapacityFactory)."""

    title = "Påmelding"
    intro = "Meld deg på konferansen."
    locale = factory.SubFactory(LocaleFactory)

    class Meta:
        model = models.RegistrationPage
        skip_postgeneration_save = True

    @factory.post_generation
    def places(self, create, extracted, **kwargs):
        if not extracted:
            return
        make = DayCapacityFactory if create else DayCapacityFactory.build
        rows = [make(page=self, day_key=day.translation_key, capacity=capacity) for day, capacity in extracted.items()]
        if not create:  # kept in memory, saved with the page
            self.day_capacities = rows


class DayCapacityFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(RegistrationPageFactory)
    day_key = factory.Faker("uuid4", cast_to=None)
    capacity = 100

    class Meta:
        model = models.DayCapacity


class RegistrationFormFieldFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(RegistrationPageFactory)
    label = factory.Sequence(lambda n: f"Spørsmål {n + 1}")
    field_type = "singleline"
    required = False
    locale = factory.LazyAttribute(lambda field: field.page.locale)

    class Meta:
        model = models.RegistrationFormField
