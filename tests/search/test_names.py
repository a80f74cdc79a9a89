"""Names in any script and spelling, on every language's search, on SQLite and PostgreSQL alike."""

import pytest

from home.factories import publish_translation
from partnerships.factories import (
    PartnerPageFactory,
    PartnershipsIndexPageFactory,
    StoryPageFactory,
    UkrainianPartnerPageFactory,
)
from tests.module_data import build_for_module, for_this_test

pytestmark = pytest.mark.django_db

LANGUAGES = ["nb", "uk", "en"]


def build_places(homes):
    index = PartnershipsIndexPageFactory(parent=homes["nb"], title="Samarbeid", slug="")
    publish_translation(index, "uk", title="Співпраця")
    publish_translation(index, "en", title="Partnerships")
    kryvyi_rih = UkrainianPartnerPageFactory(parent=index, title="Kryvyi Rih", summary="Byen i Dnipropetrovsk oblast.")
    lyngdal = PartnerPageFactory(parent=index, title="Lyngdal kommune", summary="Kommunen ligger i Agder.")
    kyiv = StoryPageFactory(parent=index, title="Delegasjon i Kyiv", summary="Ordførerne møttes i hovedstaden.")
    return {
        "kryvyi_rih": {
            "nb": kryvyi_rih,
            "uk": publish_translation(kryvyi_rih, "uk", title="Кривий Ріг", summary="Місто на Дніпропетровщині."),
            "en": publish_translation(kryvyi_rih, "en", title="Kryvyi Rih", summary="A city in Dnipropetrovsk."),
        },
        "lyngdal": {
            "nb": lyngdal,
            "uk": publish_translation(lyngdal, "uk", title="Люнгдал", summary="Громада в Агдері."),
            "en": publish_translation(lyngdal, "en", title="Lyngdal Municipality", summary="A municipality in Agder."),
        },
        "kyiv": {
            "nb": kyiv,
            "uk": publish_translation(kyiv, "uk", title="Київ: делегація", summary="Мери зустрілися в столиці."),
            "en": publish_translation(
                kyiv, "en", title="A delegation in Kyiv", summary="The mayors met in the capital."
            ),
        },
    }


@pytest.fixture(scope="module")
def _module_places(request, django_db_blocker, _module_homes):
    return build_for_module(request, django_db_blocker, build_places, _module_homes)


@pytest.fixture
def places(_module_places, homes):
    """Kryvyi Rih, Lyngdal and a story from Kyiv, each in nb, uk and en with the names written as each
    language writes them: {place: {language: page}}."""
    return for_this_test(_module_places, build_places, homes)


def found(client, language, query):
    response = client.get(f"/{language}/search/", {"query": query})
    assert response.status_code == 200
    return [hit["page"].pk for hit in response.context["hits"]]


SPELLINGS = {
    "kryvyi_rih": ["Kryvyi Rih", "Krivoy Rog", "Кривий Ріг", "kryvyi rih"],
    "lyngdal": ["Lyngdal", "Люнгдал"],
    "kyiv": ["Kyiv", "Kiev", "Київ"],
}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("place", SPELLINGS)
def test_a_name_in_any_spelling_finds_the_page_in_the_readers_language_only(client, places, place, language):
    results = {spelling: found(client, language, spelling) for spelling in SPELLINGS[place]}
    assert results == {spelling: [places[place][language].pk] for spelling in SPELLINGS[place]}


def test_a_query_naming_nothing_on_the_site_finds_nothing(client, places):
    assert found(client, "uk", "Kharkiv") == []


def test_a_partners_region_is_found_in_any_script(client, homes):
    """The Association of Ukrainian Cities sits in Kyiv: its region is searched like its text."""
    index = PartnershipsIndexPageFactory(parent=homes["nb"], title="Samarbeid", slug="")
    publish_translation(index, "uk", title="Співпраця")
    association = UkrainianPartnerPageFactory(parent=index, title="Byforbundet", region="Kyiv")
    translated = publish_translation(association, "uk", title="Асоціація міст", region="Київ")
    queries = ("Kiev", "Kyiv", "Київ")
    # Beside the story from Kyiv when the module's places were built.
    assert [query for query in queries if translated.pk not in found(client, "uk", query)] == []
