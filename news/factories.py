"""One factory per news model, shared by the tests and the demo content."""

import datetime

import factory

import wagtail_factories

from home.factories import LocaleFactory, PersonFactory

from . import models


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "Nyheter"
    intro = "Nytt om kommunesamarbeidet mellom Norge og Ukraina."
    locale = factory.SubFactory(LocaleFactory)

    class Meta:
        model = models.NewsIndexPage


class NewsPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Nyhet {n}")
    date = datetime.date(2023, 8, 29)
    lead = "Kort om hva som skjer i kommunesamarbeidet."
    body = factory.LazyFunction(lambda: [("paragraph", "<p>Mer om saken.</p>")])
    locale = factory.SubFactory(LocaleFactory)

    class Meta:
        model = models.NewsPage


class NewsPageAuthorFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(NewsPageFactory)
    person = factory.SubFactory(PersonFactory, locale=factory.SelfAttribute("..page.locale"))

    class Meta:
        model = models.NewsPageAuthor
