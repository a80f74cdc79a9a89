"""Translatable snippets fall back to the source language (nb) when a language has none."""

import pytest
from bs4 import BeautifulSoup
from pytest_django.asserts import assertContains

from django.utils import translation

from wagtail.models import Site

from home.factories import FooterFactory, LocaleFactory, NavigationMenuFactory, PersonFactory, SiteSettingsFactory
from home.models import Footer, NavigationMenu, Person

pytestmark = pytest.mark.django_db

ORGANISERS = {"nb": "<p>Arrangørene</p>", "uk": "<p>Організатори</p>", "en": "<p>The organisers</p>"}


@pytest.fixture
def locales():
    Footer.objects.all().delete()  # the demo's, when a test on the same database loaded it
    NavigationMenu.objects.all().delete()
    return {code: LocaleFactory(language_code=code) for code in ("nb", "uk", "en")}


@pytest.fixture
def footers(locales):
    nb = FooterFactory(locale=locales["nb"], contact="<p>norsk</p>")
    uk = FooterFactory(locale=locales["uk"], contact="<p>українською</p>", translation_key=nb.translation_key)
    return {"nb": nb, "uk": uk}


def test_footer_in_the_asked_language(footers):
    assert Footer.objects.for_language("uk") == footers["uk"]


def test_footer_in_nb_for_a_language_without_one(footers):
    assert Footer.objects.for_language("en") == footers["nb"]


def test_footer_in_the_active_language_when_none_is_asked_for(footers):
    with translation.override("uk"):
        assert Footer.objects.for_language() == footers["uk"]


def test_no_navigation_in_any_language_is_none(locales):
    assert NavigationMenu.objects.for_language("en") is None


def test_navigation_falls_back_to_nb(locales):
    nb = NavigationMenuFactory(locale=locales["nb"])
    assert NavigationMenu.objects.for_language("en") == nb


@pytest.fixture
def jan(locales):
    nb = PersonFactory(locale=locales["nb"], name="Jan Kristensen", title="Ordfører")
    PersonFactory(locale=locales["uk"], name="Ян Крістенсен", title="Мер", translation_key=nb.translation_key)
    return nb


def test_person_in_the_readers_language(jan):
    with translation.override("uk"):
        assert jan.localized.name == "Ян Крістенсен"


def test_person_in_the_source_language_when_the_readers_has_none(jan):
    with translation.override("en"):
        assert jan.localized.name == "Jan Kristensen"


@pytest.fixture
def people_by_name_descending(locales):
    people = [PersonFactory(locale=locales["nb"], name=name) for name in ("Anne", "Berit", "Cecilie")]
    PersonFactory(locale=locales["uk"], name="Беріт", translation_key=people[1].translation_key)
    PersonFactory(locale=locales["uk"], name="Чернетка", translation_key=people[2].translation_key, live=False)
    return Person.objects.filter(pk__in=[p.pk for p in people]).order_by("-name")


def test_localized_queryset_keeps_the_order_and_skips_draft_translations(people_by_name_descending):
    with translation.override("uk"):
        localized = people_by_name_descending.localized(preserve_order=True)
        assert [p.name for p in localized] == ["Cecilie", "Беріт", "Anne"]


def test_localized_queryset_in_the_source_language_is_the_source(people_by_name_descending):
    with translation.override("nb"):
        localized = people_by_name_descending.localized(preserve_order=True)
        assert [p.name for p in localized] == ["Cecilie", "Berit", "Anne"]


def test_every_translatable_snippet_keeps_its_own_revisions(locales):
    menu = NavigationMenuFactory(locale=locales["nb"])
    footer = FooterFactory(locale=locales["nb"])
    menu.save_revision()
    footer.save_revision()
    footer.save_revision()
    assert (menu.revisions.count(), footer.revisions.count()) == (1, 2)


@pytest.fixture
def footer_in_every_language(homes):
    Footer.objects.all().delete()
    source = FooterFactory(locale=homes["nb"].locale, organisers=ORGANISERS["nb"])
    for code in ("uk", "en"):
        FooterFactory(locale=homes[code].locale, organisers=ORGANISERS[code], translation_key=source.translation_key)
    return source


@pytest.mark.parametrize("code", ["nb", "uk", "en"])
def test_footer_renders_in_the_pages_language(client, footer_in_every_language, code):
    assertContains(client.get(f"/{code}/"), ORGANISERS[code], html=True)


@pytest.mark.parametrize("code", ["nb", "uk", "en"])
@pytest.mark.parametrize("typed", ["91 10 60 45", "+47 91 10 60 45", "0047 91 10 60 45", " 91  10 60 45 "])
def test_footer_shows_the_sites_phone_number_as_dialled_from_abroad(client, footer_in_every_language, typed, code):
    """A reader in Ukraine dials +47: the number is shown and linked with it, however it was typed."""
    SiteSettingsFactory(site=Site.objects.get(is_default_site=True), phone=typed)
    assertContains(client.get(f"/{code}/"), '<a href="tel:+4791106045">+47 91 10 60 45</a>', html=True)


def test_footer_falls_back_to_nb_when_a_language_has_none(client, footer_in_every_language):
    Footer.objects.filter(locale__language_code="en").delete()
    assertContains(client.get("/en/"), ORGANISERS["nb"], html=True)


@pytest.fixture
def draft_english_footer(homes):
    """An nb footer translated into English with wagtail-localize, and not yet published."""
    from wagtail_localize.operations import TranslationCreator

    Footer.objects.all().delete()
    source = FooterFactory(locale=homes["nb"].locale, organisers=ORGANISERS["nb"])
    TranslationCreator(None, [homes["en"].locale]).create_translations(source)
    return source.get_translation(homes["en"].locale)


def test_snippet_translated_with_localize_is_a_draft(draft_english_footer):
    assert not draft_english_footer.live


def test_pages_show_the_source_snippet_while_the_translation_is_a_draft(client, draft_english_footer):
    assertContains(client.get("/en/"), ORGANISERS["nb"], html=True)


def test_pages_show_the_translated_snippet_once_it_is_published(client, draft_english_footer):
    draft_english_footer.organisers = "<p>The Embassy of Ukraine in Norway</p>"
    draft_english_footer.save_revision().publish()
    assertContains(client.get("/en/"), "<p>The Embassy of Ukraine in Norway</p>", html=True)


@pytest.fixture
def jan_with_draft_translation(locales):
    nb = PersonFactory(locale=locales["nb"], name="Jan Kristensen")
    uk = PersonFactory(locale=locales["uk"], name="Ян Крістенсен", translation_key=nb.translation_key, live=False)
    return {"nb": nb, "uk": uk}


@pytest.mark.parametrize("code", ["nb", "uk"])
def test_snippet_listing_in_the_admin_shows_every_languages_version(admin_client, jan_with_draft_translation, code):
    listing = admin_client.get("/admin/snippets/home/person/?locale=")
    person = jan_with_draft_translation[code]
    assertContains(listing, f'<span id="snippet_{person.pk}_title">{person.name}</span>', html=True)


# In the admin's language (settings.WAGTAIL_CONTENT_LANGUAGES).
@pytest.mark.parametrize("name", ["Norsk", "Ukrainsk"])
def test_snippet_listing_in_the_admin_names_each_rows_language(admin_client, jan_with_draft_translation, name):
    listing = admin_client.get("/admin/snippets/home/person/?locale=")
    assertContains(listing, f'<span class="w-status w-status--label">{name}</span>', html=True)


def test_snippet_listing_in_the_admin_shows_whether_each_row_is_live(admin_client, jan_with_draft_translation):
    listing = admin_client.get("/admin/snippets/home/person/?locale=")
    rows = BeautifulSoup(listing.content, "html.parser").select("tbody tr")
    assert len(rows) == 2
    statuses = {}
    for row in rows:
        (status,) = row.select("span.w-status:not(.w-status--label)")
        statuses[row.select_one("td.title span[id]").get_text(strip=True)] = "w-status--primary" in status["class"]
    assert statuses == {"Jan Kristensen": True, "Ян Крістенсен": False}


@pytest.mark.parametrize("field", ["go_live_at", "expire_at"])
def test_translatable_snippets_can_be_scheduled_in_the_admin(admin_client, jan_with_draft_translation, field):
    edit = admin_client.get(f"/admin/snippets/home/person/edit/{jan_with_draft_translation['nb'].pk}/")
    assert edit.status_code == 200
    # find, not a CSS selector: the fields sit in a <template> (the scheduling dialog), which selectors skip.
    assert BeautifulSoup(edit.content, "html.parser").find("input", attrs={"name": field}) is not None


@pytest.mark.parametrize("model", ["navigationmenu", "footer", "person"])
def test_each_translatable_snippet_has_an_admin_listing(admin_client, locales, model):
    assert admin_client.get(f"/admin/snippets/home/{model}/").status_code == 200
