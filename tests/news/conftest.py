import datetime

import pytest

from events.factories import EventDayFactory, EventIndexPageFactory, EventPageFactory, RegistrationPageFactory
from home.factories import publish_translation
from news.factories import NewsIndexPageFactory, NewsPageFactory
from tests.module_data import build_for_module, for_this_test


def build_indexes(homes):
    source = NewsIndexPageFactory(parent=homes["nb"], title="Nyheter", slug="nyheter")
    return {
        "nb": source,
        "uk": publish_translation(source, "uk", title="Новини"),
        "en": publish_translation(source, "en", title="News"),
    }


@pytest.fixture(scope="module")
def _module_indexes(request, django_db_blocker, _module_homes):
    return build_for_module(request, django_db_blocker, build_indexes, _module_homes)


@pytest.fixture
def indexes(_module_indexes, homes):
    """A live news index in nb, uk and en: {language: index}."""
    return for_this_test(_module_indexes, build_indexes, homes)


@pytest.fixture
def article_factory(indexes):
    """Makes a live article under the index of a language: make(language="nb", **fields)."""

    def make(language="nb", **fields):
        return NewsPageFactory(parent=indexes[language], locale=indexes[language].locale, **fields)

    return make


@pytest.fixture
def conference(homes):
    """An event with an open registration page, live in nb and en (not uk): {language: event}, plus
    "registration": the nb registration page."""
    start = datetime.date.today() + datetime.timedelta(days=60)
    index = EventIndexPageFactory(parent=homes["nb"], title="Konferanse", slug="konferanse")
    event = EventPageFactory(parent=index, title="Kommunekonferansen", start_date=start, end_date=start)
    EventDayFactory(page=event, date=start)
    registration = RegistrationPageFactory(parent=event, title="Påmelding")
    publish_translation(index, "en", title="Conference")
    english = publish_translation(event, "en", title="The municipality conference")
    return {"nb": event, "en": english, "registration": registration}


def build_stories(homes):
    from home.factories import publish_translation
    from partnerships.factories import PartnershipsIndexPageFactory, StoryPageFactory

    index = PartnershipsIndexPageFactory(parent=homes["nb"], slug="samarbeid")
    story = StoryPageFactory(parent=index, title="Skoler i Lyngdal og Kryvyi Rih", slug="skoler")
    result = {"nb": story}
    for code in ("uk", "en"):
        publish_translation(index, code)
        result[code] = publish_translation(story, code, title={"uk": "Школи", "en": "Schools"}[code])
    return result


@pytest.fixture(scope="module")
def _module_stories(request, django_db_blocker, _module_homes):
    return build_for_module(request, django_db_blocker, build_stories, _module_homes)


@pytest.fixture
def stories(_module_stories, homes):
    """A story, live in nb, uk and en under a partnerships index: {language: story page}."""
    return for_this_test(_module_stories, build_stories, homes)
