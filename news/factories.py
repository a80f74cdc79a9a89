"""One factory per news model, shared by the tests and the demo content."""

import datetime

import factory
from taggit.models import Tag

from django.utils import timezone

import wagtail_factories

from home.factories import LocaleFactory, PersonFactory

from . import models
from .models import PageComment


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
    sort_order = factory.Sequence(lambda n: n)

    class Meta:
        model = models.NewsPageAuthor


class PageCommentFactory(factory.django.DjangoModelFactory):
    """A reader's comment waiting for moderation on `page` (required), in the page's language."""

    user_name = factory.Sequence(lambda n: f"Leser {n}")
    user_email = factory.Sequence(lambda n: f"leser{n}@example.org")
    comment = "Takk for en god artikkel."
    submit_date = factory.LazyFunction(timezone.now)
    is_public = False
    is_removed = False
    site_id = 1
    content_type = factory.LazyAttribute(lambda o: _content_type(o.page))
    object_pk = factory.LazyAttribute(lambda o: str(o.page.pk))
    language = factory.LazyAttribute(lambda o: o.page.locale.language_code)

    class Meta:
        model = PageComment


def _content_type(page):
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(page)


class TagFactory(factory.django.DjangoModelFactory):
    """A taggit tag, as typing a word in an article's tags makes one (with its nb TagName)."""

    name = factory.Sequence(lambda n: f"stikkord {n}")

    class Meta:
        model = Tag
        django_get_or_create = ("name",)


class TagNameFactory(factory.django.DjangoModelFactory):
    """A tag's name in a language; in the source language, the one its tag was given on creation."""

    tag = factory.SubFactory(TagFactory)
    name = factory.LazyAttribute(lambda name: name.tag.name)
    locale = factory.SubFactory(LocaleFactory)

    class Meta:
        model = models.TagName
        django_get_or_create = ("tag", "locale")
