"""Data shown in the language of the screen it is on: a language's name in the admin user's language,
themes on a page's edit form in the page's language, the places per day with the day titles in the
admin user's language, and a hero image's alt text in the page's language."""

import re

import pytest

from django.test import Client
from django.utils.translation import gettext, override, pgettext

from wagtail.models import Locale
from wagtail.users.models import UserProfile
from wagtail_localize.models import TranslationSource
from wagtail_localize.operations import TranslationCreator

from home.factories import StandardPageFactory, publish_translation
from news.factories import PageCommentFactory
from tests.roles import sign_in, user_in
from translations.permissions import TRANSLATOR_GROUPS

pytestmark = pytest.mark.django_db


def admin_in(user, code: str) -> Client:
    """A signed-in client for `user`, whose admin is in `code`."""
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = code
    profile.save()
    return sign_in(Client(), user)


def language_label(code: str, in_language: str) -> str:
    """A language's name as a label (a value, a column), in another language."""
    english = {"nb": "Norwegian", "uk": "Ukrainian", "en": "English"}[code]
    with override(in_language):
        return pgettext("language name", english)


# --- Language names ------------------------------------------------------------------------------------


@pytest.mark.parametrize("admin_language", ["uk", "en"])
def test_a_comments_language_is_named_in_the_moderators_language(homes, roles, admin_language):
    comment = PageCommentFactory(page=homes["nb"], comment="Takk!")
    html = admin_in(roles["moderator"], admin_language).get(f"/admin/reader-comments/inspect/{comment.pk}/")
    assert language_label("nb", admin_language) in html.content.decode()
    assert "Norsk" not in html.content.decode()


def test_the_page_editor_names_the_pages_language_in_the_editors_language(homes, roles):
    html = admin_in(roles["editor"], "uk").get(f"/admin/pages/{homes['nb'].pk}/edit/").content.decode()
    assert language_label("nb", "uk") in html
    assert not re.search(r"\bNorsk\b", html)


def test_the_sync_form_names_the_languages_left_out_in_the_translators_language(homes):
    page = StandardPageFactory(parent=homes["nb"], title="Vennskap", slug="vennskap")
    TranslationCreator(None, list(Locale.objects.exclude(language_code="nb"))).create_translations(page)
    source = TranslationSource.objects.get(object_id=page.translation_key, locale__language_code="nb")
    translator = user_in("translator_uk", TRANSLATOR_GROUPS["uk"])

    response = admin_in(translator, "uk").get(f"/admin/localize/update/{source.pk}/")

    with override("uk"):
        expected = gettext("Not synced, as you do not translate into them: %(languages)s.") % {
            "languages": gettext("English")
        }
    assert [str(message) for message in response.context["messages"]] == [expected]


# --- Themes on a page's edit form: in the page's language -----------------------------------------------


THEME_NAMES = {
    "nb": {"Utdanning", "Helse", "Kultur"},
    "uk": {"Освіта", "Охорона здоров'я", "Культура"},
    "en": {"Education", "Health", "Culture"},
}


def checkbox_labels(html: str, name: str) -> set[str]:
    return {
        label.strip().replace("&#x27;", "'")
        for label in re.findall(rf'<input type="checkbox" name="{name}"[^>]*>\s*([^<]+?)\s*</label>', html)
    }


@pytest.fixture
def story_index(homes):
    from partnerships.factories import PartnershipsIndexPageFactory

    index = PartnershipsIndexPageFactory(parent=homes["nb"], slug="samarbeid")
    return {"nb": index, **{code: publish_translation(index, code) for code in ("uk", "en")}}


@pytest.mark.parametrize("code", ["uk", "en"])
def test_a_new_story_offers_the_themes_in_its_own_language(roles, themes, story_index, code):
    editor = admin_in(roles["editor"], "nb")
    html = editor.get(f"/admin/pages/add/partnerships/storypage/{story_index[code].pk}/").content.decode()
    assert checkbox_labels(html, "themes") == THEME_NAMES[code]


@pytest.mark.parametrize("code", ["uk", "en"])
def test_a_new_article_offers_the_themes_in_its_own_language(roles, homes, themes, code):
    from news.factories import NewsIndexPageFactory

    index = publish_translation(NewsIndexPageFactory(parent=homes["nb"], slug="nyheter"), code)
    html = admin_in(roles["editor"], "nb").get(f"/admin/pages/add/news/newspage/{index.pk}/").content.decode()
    assert checkbox_labels(html, "themes") == THEME_NAMES[code]


@pytest.mark.parametrize("code", ["uk", "en"])
def test_a_partners_themes_are_named_in_the_pages_language_on_its_edit_form(roles, themes, story_index, code):
    from partnerships.factories import PartnerPageFactory

    partner = PartnerPageFactory(parent=story_index["nb"], slug="lyngdal")
    translated = publish_translation(partner, code)
    html = admin_in(roles["editor"], "nb").get(f"/admin/pages/{translated.pk}/edit/").content.decode()
    assert checkbox_labels(html, "themes_offered") == THEME_NAMES[code]
    assert checkbox_labels(html, "themes_needed") == THEME_NAMES[code]


def test_a_partnerships_themes_are_named_in_the_admin_users_language(roles, themes, story_index, django_user_model):
    superuser = django_user_model.objects.create_superuser("root", "root@s2pu.example", "x")
    html = admin_in(superuser, "uk").get("/admin/snippets/partnerships/partnership/add/").content.decode()
    assert checkbox_labels(html, "themes") == THEME_NAMES["uk"]


def test_the_case_lists_theme_filter_names_the_themes_in_the_admin_users_language(roles, themes):
    html = admin_in(roles["secretariat"], "uk").get("/admin/interest-cases/").content.decode()
    select = re.search(r'<select name="theme".*?</select>', html, re.S)[0]
    assert set(re.findall(r'<option value="[a-z-]+"[^>]*>([^<]+)</option>', select)) == {
        name.replace("'", "&#x27;") for name in THEME_NAMES["uk"]
    }


# --- Places per day: the event and its days in the admin user's language ---------------------------------


@pytest.fixture
def conference(homes):
    """An event with a registration page, its day titled in nb and, on its live uk translation, in uk."""
    import datetime

    from events.factories import EventDayFactory, EventIndexPageFactory, EventPageFactory, RegistrationPageFactory

    start = datetime.date.today() + datetime.timedelta(days=60)
    index = EventIndexPageFactory(parent=homes["nb"], title="Arrangementer", slug="arrangementer")
    event = EventPageFactory(parent=index, title="Kommunekonferansen", start_date=start, end_date=start)
    day = EventDayFactory(page=event, date=start, title="Gjenoppbygging")
    RegistrationPageFactory(parent=event, places={day: 40})
    publish_translation(index, "uk")
    translated = event.copy_for_translation(Locale.objects.get(language_code="uk")).specific
    translated.title = "Муніципальна конференція"
    for day in translated.days.all():
        day.title = "Відбудова"
        day.save()
    translated.save_revision().publish()
    return event


@pytest.mark.parametrize(
    ("admin_language", "event_title", "day_title"),
    [("uk", "Муніципальна конференція", "Відбудова"), ("nb", "Kommunekonferansen", "Gjenoppbygging")],
)
def test_places_per_day_names_the_event_and_its_days_in_the_admin_users_language(
    roles, conference, admin_language, event_title, day_title
):
    html = admin_in(roles["secretariat"], admin_language).get("/admin/registrations-summary/").content.decode()
    assert re.search(rf'<h2 id="event-{conference.pk}"[^>]*>{event_title}</h2>', html)
    assert re.search(rf'<th scope="row">[^<]*{day_title}</th>', html)


def test_places_per_day_falls_back_to_norwegian_where_the_event_is_not_translated(roles, conference):
    html = admin_in(roles["secretariat"], "en").get("/admin/registrations-summary/").content.decode()
    assert "Kommunekonferansen" in html and "Gjenoppbygging" in html


# --- A hero image described in the page's language ------------------------------------------------------


@pytest.fixture
def hero_pages(homes):
    """A news article and an event with a hero image whose own description is Norwegian, each with its
    alt text written in nb and, on their live uk and en translations, in that language:
    {kind: {language: page}}."""
    import datetime

    from wagtail_factories import ImageFactory

    from events.factories import EventIndexPageFactory, EventPageFactory
    from news.factories import NewsIndexPageFactory, NewsPageFactory

    image = ImageFactory(title="Deltakere i Oslo rådhus", description="Deltakere i Oslo rådhus")
    start = datetime.date.today() + datetime.timedelta(days=30)
    news = NewsPageFactory(
        parent=NewsIndexPageFactory(parent=homes["nb"], slug="nyheter"),
        slug="konferansen",
        hero_image=image,
        hero_image_alt="Deltakere i Oslo rådhus",
    )
    event = EventPageFactory(
        parent=EventIndexPageFactory(parent=homes["nb"], slug="arrangementer"),
        slug="konferansen",
        start_date=start,
        end_date=start,
        hero_image=image,
        hero_image_alt="Deltakere i Oslo rådhus",
    )
    alt = {"uk": "Учасники в ратуші Осло", "en": "Participants in Oslo City Hall"}
    pages = {"news": {"nb": news}, "event": {"nb": event}}
    for kind, source in (("news", news), ("event", event)):
        for code in ("uk", "en"):
            publish_translation(source.get_parent(), code)
            pages[kind][code] = publish_translation(source, code, hero_image_alt=alt[code])
    return pages


HERO_ALT = {"nb": "Deltakere i Oslo rådhus", "uk": "Учасники в ратуші Осло", "en": "Participants in Oslo City Hall"}


def hero_img(html: str, kind: str) -> str:
    hero = {
        "news": r'<figure class="figure news-article__hero">.*?</figure>',
        "event": r'<img[^>]*class="event__hero"[^>]*>',
    }
    return re.search(r"<img[^>]*>", re.search(hero[kind], html, re.S)[0])[0]


@pytest.mark.parametrize("kind", ["news", "event"])
@pytest.mark.parametrize("code", ["nb", "uk", "en"])
def test_a_hero_images_alt_text_is_in_the_pages_language(hero_pages, kind, code):
    html = Client().get(hero_pages[kind][code].url).content.decode()
    img = hero_img(html, kind)
    assert f'alt="{HERO_ALT[code]}"' in img
    assert "lang=" not in img  # the page's own language
    assert f'<meta property="og:image:alt" content="{HERO_ALT[code]}">' in html


def test_without_an_alt_text_of_its_own_the_page_uses_the_images_marked_as_norwegian(hero_pages):
    page = hero_pages["news"]["uk"]
    page.hero_image_alt = ""
    page.save_revision().publish()
    img = hero_img(Client().get(page.url).content.decode(), "news")
    assert 'alt="Deltakere i Oslo rådhus"' in img and 'lang="nb"' in img


def test_the_alt_text_is_translated_with_the_page(hero_pages):
    source = TranslationSource.get_or_create_from_instance(hero_pages["news"]["nb"])[0]
    assert "Deltakere i Oslo rådhus" in {segment.string.data for segment in source.stringsegment_set.all()}
