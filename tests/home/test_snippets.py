"""Translatable snippets fall back to the source language (nb) when a language has none."""

import pytest

from django.utils import translation

from home.factories import FooterFactory, LocaleFactory, NavigationMenuFactory, PersonFactory
from home.models import Footer, NavigationMenu, Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def locales():
    Footer.objects.all().delete()
    NavigationMenu.objects.all().delete()
    return {code: LocaleFactory(language_code=code) for code in ("nb", "uk", "en")}


def test_footer_in_the_active_language_else_nb(locales):
    nb = FooterFactory(locale=locales["nb"], contact="<p>norsk</p>")
    uk = FooterFactory(locale=locales["uk"], contact="<p>українською</p>", translation_key=nb.translation_key)
    assert Footer.objects.for_language("uk") == uk
    assert Footer.objects.for_language("en") == nb
    with translation.override("uk"):
        assert Footer.objects.for_language() == uk


def test_navigation_falls_back_to_nb_and_none_is_none(locales):
    assert NavigationMenu.objects.for_language("en") is None
    nb = NavigationMenuFactory(locale=locales["nb"])
    assert NavigationMenu.objects.for_language("en") == nb


def test_person_in_the_readers_language_or_the_source(locales):
    nb = PersonFactory(locale=locales["nb"], name="Jan Kristensen", title="Ordfører")
    PersonFactory(locale=locales["uk"], name="Ян Крістенсен", title="Мер", translation_key=nb.translation_key)
    with translation.override("uk"):
        assert nb.localized.name == "Ян Крістенсен"
    with translation.override("en"):
        assert nb.localized.name == "Jan Kristensen"


def test_querysets_of_snippets_are_localized_in_order(locales):
    people = [PersonFactory(locale=locales["nb"], name=name) for name in ("Anne", "Berit", "Cecilie")]
    PersonFactory(locale=locales["uk"], name="Беріт", translation_key=people[1].translation_key)
    PersonFactory(locale=locales["uk"], name="Чернетка", translation_key=people[2].translation_key, live=False)
    ordered = Person.objects.filter(pk__in=[p.pk for p in people]).order_by("-name")
    with translation.override("uk"):
        assert [p.name for p in ordered.localized(preserve_order=True)] == ["Cecilie", "Беріт", "Anne"]
    with translation.override("nb"):
        assert [p.name for p in ordered.localized(preserve_order=True)] == ["Cecilie", "Berit", "Anne"]


def test_every_translatable_snippet_keeps_its_own_revisions(locales):
    menu = NavigationMenuFactory(locale=locales["nb"])
    footer = FooterFactory(locale=locales["nb"])
    menu.save_revision()
    footer.save_revision()
    footer.save_revision()
    assert (menu.revisions.count(), footer.revisions.count()) == (1, 2)


def test_footer_and_navigation_render_in_each_language(client, demo_site):
    for code, organisers in [("nb", "Ukrainas ambassade"), ("uk", "Посольство України"), ("en", "Embassy of Ukraine")]:
        html = client.get(f"/{code}/").content.decode()
        assert organisers in html
        assert "91 10 60 45" in html


def test_footer_falls_back_to_nb_when_a_language_has_none(client, demo_site):
    Footer.objects.filter(locale__language_code="en").delete()
    html = client.get("/en/").content.decode()
    assert "Ukrainas ambassade" in html


def test_demo_has_steering_group_in_three_languages(demo_site):
    assert Person.objects.filter(locale__language_code="nb").count() == 5
    for person in Person.objects.filter(locale__language_code="nb"):
        assert {p.locale.language_code for p in person.get_translations(inclusive=True)} == {"nb", "uk", "en"}


def test_snippet_translated_with_localize_stays_a_draft_until_published(client, demo_site):
    from wagtail_localize.operations import TranslationCreator

    Footer.objects.filter(locale__language_code="en").delete()
    source = Footer.objects.get(locale__language_code="nb")
    en = LocaleFactory(language_code="en")
    TranslationCreator(None, [en]).create_translations(source)
    draft = source.get_translation(en)
    assert not draft.live
    assert "Ukrainas ambassade" in client.get("/en/").content.decode()

    draft.organisers = "<p>The Embassy of Ukraine in Norway</p>"
    draft.save_revision().publish()
    assert "The Embassy of Ukraine in Norway" in client.get("/en/").content.decode()


def test_translatable_snippets_in_the_admin_show_language_status_and_schedule(admin_client, locales):
    nb = PersonFactory(locale=locales["nb"], name="Jan Kristensen")
    PersonFactory(locale=locales["uk"], name="Ян Крістенсен", translation_key=nb.translation_key, live=False)
    listing = admin_client.get("/admin/snippets/home/person/?locale=")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "Jan Kristensen" in html and "Ян Крістенсен" in html
    assert html.count("w-status--primary") + html.count("w-status") >= 2  # a status tag per row
    edit = admin_client.get(f"/admin/snippets/home/person/edit/{nb.pk}/").content.decode()
    assert 'name="go_live_at"' in edit and 'name="expire_at"' in edit
    for model in ("navigationmenu", "footer", "person"):
        assert admin_client.get(f"/admin/snippets/home/{model}/").status_code == 200
