"""Language routing, switcher, fallback and multilingual SEO, on pages each test builds itself."""

import datetime
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from pytest_django.asserts import assertContains, assertInHTML, assertNotContains

from django.conf import settings
from django.utils import timezone

from wagtail.models import Page

from events.factories import EventDayFactory, EventIndexPageFactory, EventPageFactory, RegistrationPageFactory
from home.factories import NavigationMenuFactory, StandardPageFactory, homes_in_every_language, publish_translation
from home.models import NavigationMenu
from news.factories import NewsIndexPageFactory, NewsPageFactory
from partnerships.factories import (
    InterestFormPageFactory,
    PartnerPageFactory,
    PartnershipsIndexPageFactory,
    StoryPageFactory,
)
from tests.home.test_pages import project_page_models

pytestmark = pytest.mark.django_db

LANGUAGES = ("nb", "uk", "en")
SERVER = "http://testserver"
OG_LOCALES = {"nb": "nb_NO", "uk": "uk_UA", "en": "en_GB"}
NATIVE_NAMES = {"nb": "Norsk", "uk": "Українська", "en": "English"}


def soup_of(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def html_lang(response) -> str:
    return BeautifulSoup(response.content, "html.parser").html["lang"]


def alternates_of(response) -> dict[str, str]:
    return {link["hreflang"]: link["href"] for link in soup_of(response).select('link[rel="alternate"][hreflang]')}


def og_locale_alternates_of(response) -> list[str]:
    return sorted(meta["content"] for meta in soup_of(response).select('meta[property="og:locale:alternate"]'))


def switcher_of(response) -> str:
    return str(soup_of(response).select_one("nav.language-switcher"))


def switch_link(code: str, next_url: str, untranslated: bool = False) -> str:
    """The switcher's link to another language, as the template writes it."""
    flag = ' data-untranslated="true"' if untranslated else ""
    query = next_url.replace("/", "%2F").replace("?", "%3F").replace("=", "%3D")
    return f'<a href="/language/{code}/?next={query}" lang="{code}" hreflang="{code}"{flag}>{NATIVE_NAMES[code]}</a>'


def translated(source, **fields_by_language) -> dict:
    """{code: page}: `source` (nb) and its published translations with the given fields."""
    return {
        "nb": source,
        **{code: publish_translation(source, code, **fields) for code, fields in fields_by_language.items()},
    }


def build_about(home):
    source = StandardPageFactory(parent=home, title="Om oss", slug="om-oss", intro="Nansen og kommunene.")
    return translated(
        source,
        uk={"title": "Про нас", "slug": "pro-nas", "intro": "Нансен і громади."},
        en={"title": "About us", "slug": "about-us", "intro": "Nansen and the municipalities."},
    )


def build_privacy(home):
    source = StandardPageFactory(parent=home, title="Personvern", slug="personvern")
    return translated(
        source,
        uk={"title": "Конфіденційність", "slug": "konfidentsiinist"},
        en={"title": "Privacy", "slug": "privacy"},
    )


def build_every_page_type(homes):
    """One live page of each project page type in nb, uk and en: {code: [page, …]}."""
    home = homes["nb"]
    standard = StandardPageFactory(parent=home, slug="")
    events = EventIndexPageFactory(parent=home, slug="")
    soon = timezone.localdate() + datetime.timedelta(days=60)  # ahead: its registration form is open
    event = EventPageFactory(parent=events, start_date=soon, end_date=soon)
    EventDayFactory(page=event)
    registration = RegistrationPageFactory(parent=event, closes_at=timezone.now() + datetime.timedelta(days=30))
    partnerships = PartnershipsIndexPageFactory(parent=home, slug="")
    partner = PartnerPageFactory(parent=partnerships)
    story = StoryPageFactory(parent=partnerships)
    interest = InterestFormPageFactory(parent=partnerships)
    news = NewsIndexPageFactory(parent=home, slug="")
    article = NewsPageFactory(parent=news)
    sources = [home, standard, events, event, registration, partnerships, partner, story, interest, news, article]
    result = {"nb": sources}
    for code in ("uk", "en"):
        result[code] = [homes[code]] + [publish_translation(page, code) for page in sources[1:]]
    return result


@pytest.fixture(scope="module")
def _tree_ids(module_transaction):
    """The module's pages, built once: {"homes"|"about"|"privacy": {code: pk}, "every_page_type": {code: [pk]}}."""
    homes = homes_in_every_language()
    pks = {
        name: {code: page.pk for code, page in pages.items()}
        for name, pages in (
            ("homes", homes),
            ("about", build_about(homes["nb"])),
            ("privacy", build_privacy(homes["nb"])),
        )
    }
    pks["every_page_type"] = {code: [page.pk for page in pages] for code, pages in build_every_page_type(homes).items()}
    return pks


@pytest.fixture
def _tree(_tree_ids, db):
    """The module's pages, fresh from the database for each test."""
    found = Page.objects.specific().in_bulk(
        [pk for name, ids in _tree_ids.items() if name != "every_page_type" for pk in ids.values()]
        + [pk for pks in _tree_ids["every_page_type"].values() for pk in pks]
    )
    tree = {
        name: {code: found[pk] for code, pk in ids.items()}
        for name, ids in _tree_ids.items()
        if name != "every_page_type"
    }
    tree["every_page_type"] = {code: [found[pk] for pk in pks] for code, pks in _tree_ids["every_page_type"].items()}
    return tree


@pytest.fixture
def homes(_tree):
    """The module's home pages, in place of tests/conftest.py's, which builds them for each test."""
    return _tree["homes"]


@pytest.fixture
def about(_tree):
    return _tree["about"]


@pytest.fixture
def privacy(_tree):
    return _tree["privacy"]


@pytest.fixture
def every_page_type(_tree):
    return _tree["every_page_type"]


@pytest.mark.parametrize(
    ("headers", "cookies", "expected"),
    [
        ({}, {}, "/nb/"),
        ({"HTTP_ACCEPT_LANGUAGE": "uk-UA,uk;q=0.9,en;q=0.5"}, {}, "/uk/"),
        ({"HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.9"}, {}, "/en/"),
        ({"HTTP_ACCEPT_LANGUAGE": "de-DE,de;q=0.9"}, {}, "/nb/"),
        ({"HTTP_ACCEPT_LANGUAGE": "en"}, {settings.LANGUAGE_COOKIE_NAME: "uk"}, "/uk/"),
        ({"HTTP_ACCEPT_LANGUAGE": "uk"}, {settings.LANGUAGE_COOKIE_NAME: "xx"}, "/uk/"),
    ],
)
def test_root_redirects_by_cookie_then_accept_language_then_nb(client, homes, headers, cookies, expected):
    client.cookies.load(cookies)
    response = client.get("/", **headers)
    assert response.status_code == 302
    assert response["Location"] == expected


def test_root_redirect_varies_on_accept_language_and_cookie(client, homes):
    response = client.get("/")
    assert {"Accept-Language", "Cookie"} <= {v.strip() for v in response["Vary"].split(",")}


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_page_set_covers_every_project_page_type(every_page_type, code):
    assert {type(page) for page in every_page_type[code]} == set(project_page_models())


def page_of_type(every_page_type, code, model):
    (page,) = [page for page in every_page_type[code] if type(page) is model]
    return page


PAGE_TYPES = pytest.mark.parametrize("model", project_page_models(), ids=lambda model: model.__name__)


@PAGE_TYPES
@pytest.mark.parametrize("code", LANGUAGES)
def test_every_page_type_is_served_under_its_language_prefix(client, every_page_type, code, model):
    page = page_of_type(every_page_type, code, model)
    assert page.url.startswith(f"/{code}/")
    assert client.get(page.url).status_code == 200


@PAGE_TYPES
@pytest.mark.parametrize("code", LANGUAGES)
def test_every_page_type_declares_its_language(client, every_page_type, code, model):
    assert html_lang(client.get(page_of_type(every_page_type, code, model).url)) == code


@pytest.mark.parametrize("code", LANGUAGES)
def test_canonical_is_the_page_itself(client, about, code):
    assertInHTML(
        f'<link rel="canonical" href="{SERVER}{about[code].url}">', client.get(about[code].url).content.decode()
    )


@pytest.mark.parametrize("code", LANGUAGES)
def test_hreflang_alternates_are_every_translation_with_nb_as_default(client, about, code):
    expected = {other: SERVER + about[other].url for other in LANGUAGES} | {"x-default": SERVER + about["nb"].url}
    assert alternates_of(client.get(about[code].url)) == expected


@pytest.mark.parametrize("code", LANGUAGES)
def test_og_locale_is_the_pages_language(client, about, code):
    html = client.get(about[code].url).content.decode()
    assertInHTML(f'<meta property="og:locale" content="{OG_LOCALES[code]}">', html, count=1)


@pytest.mark.parametrize("code", LANGUAGES)
def test_og_locale_alternates_are_the_other_languages(client, about, code):
    others = sorted(locale for other, locale in OG_LOCALES.items() if other != code)
    assert og_locale_alternates_of(client.get(about[code].url)) == others


def test_hreflang_lists_only_live_translations(client, about):
    about["en"].unpublish()
    assert set(alternates_of(client.get(about["nb"].url))) == {"nb", "uk", "x-default"}


def test_og_locale_alternates_leave_out_unpublished_translations(client, about):
    about["en"].unpublish()
    assert og_locale_alternates_of(client.get(about["nb"].url)) == ["uk_UA"]


def test_switcher_names_each_language_in_itself(client, about):
    switcher = BeautifulSoup(switcher_of(client.get(about["uk"].url)), "html.parser")
    assert {link["lang"]: link.get_text(strip=True) for link in switcher.select("a")} == NATIVE_NAMES


@pytest.mark.parametrize("code", ["nb", "en"])
def test_switcher_leads_through_the_language_switch_to_each_translation(client, about, code):
    assertInHTML(switch_link(code, about[code].url), switcher_of(client.get(about["uk"].url)))


def test_switcher_marks_the_current_language(client, about):
    current = (
        f'<a href="{about["uk"].url}" lang="uk" aria-current="true" class="language-switcher__current">Українська</a>'
    )
    assertInHTML(current, switcher_of(client.get(about["uk"].url)))


def test_switching_language_redirects_to_the_chosen_page(client, about):
    response = client.get("/language/en/", {"next": about["en"].url})
    assert response.status_code == 302
    assert response["Location"] == about["en"].url


def test_switching_language_remembers_the_choice_in_a_cookie(client, homes):
    response = client.get("/language/en/", {"next": "/en/"})
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_root_follows_the_remembered_choice(client, homes):
    client.get("/language/en/", {"next": "/en/"})
    assert client.get("/")["Location"] == "/en/"


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)"])
def test_switching_language_never_redirects_off_site(client, homes, next_url):
    response = client.get("/language/uk/", {"next": next_url})
    assert response["Location"] == "/uk/"


def test_unknown_language_in_switch_ends_in_404(client, homes):
    response = client.get("/language/xx/", {"next": "/nb/"}, follow=True)
    assert response.status_code == 404


def test_unknown_language_in_switch_sets_no_cookie(client, homes):
    response = client.get("/language/xx/", {"next": "/nb/"}, follow=True)
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


def test_switcher_leads_an_untranslated_language_to_the_source_with_a_request_for_it(client, privacy):
    privacy["en"].unpublish()
    switcher = switcher_of(client.get(privacy["nb"].url))
    assertInHTML(switch_link("en", privacy["nb"].url + "?requested=en", untranslated=True), switcher)


@pytest.fixture
def source_shown_for_english(client, privacy):
    """The nb privacy page as a reader who asked for English sees it: the English one is unpublished."""
    privacy["en"].unpublish()
    response = client.get(privacy["nb"].url, {"requested": "en"})
    assert response.status_code == 200
    return response


def notice_in(response):
    return soup_of(response).select_one('div.notice.notice--language[role="note"]')


def test_source_shown_for_a_requested_language_keeps_its_own_language(source_shown_for_english):
    assert html_lang(source_shown_for_english) == "nb"


def test_source_shown_for_a_requested_language_says_so_in_that_language(source_shown_for_english):
    notice = notice_in(source_shown_for_english)
    assert notice is not None and notice["lang"] == "en", "the page must say, in English, that it is in Norwegian"
    assertInHTML("<strong>This page has not been translated into your language yet.</strong>", str(notice))


def test_source_shown_for_a_requested_language_offers_the_home_page_in_that_language(source_shown_for_english):
    assertInHTML('<a href="/en/">Go to the front page in your language</a>', str(notice_in(source_shown_for_english)))


def test_source_shown_for_a_requested_language_stays_canonical(source_shown_for_english, privacy):
    assertContains(source_shown_for_english, f'<link rel="canonical" href="{SERVER}{privacy["nb"].url}">', html=True)


def test_notice_is_not_shown_when_the_translation_exists(client, privacy):
    assert notice_in(client.get(privacy["nb"].url, {"requested": "en"})) is None


@pytest.mark.parametrize("requested", ["xx", "nb", "<script>", ""])
def test_requested_parameter_ignores_nonsense(client, privacy, requested):
    assert notice_in(client.get(privacy["nb"].url, {"requested": requested})) is None


@pytest.fixture
def only_nb(homes):
    return StandardPageFactory(parent=homes["nb"], title="Bare på norsk", slug="")


def test_page_only_in_source_language_offers_every_language_through_the_source(client, only_nb):
    assert only_nb.url == "/nb/bare-pa-norsk/"
    switcher = switcher_of(client.get(only_nb.url))
    assertInHTML(switch_link("uk", "/nb/bare-pa-norsk/?requested=uk", untranslated=True), switcher)


def test_page_only_in_source_language_has_no_address_in_another(client, only_nb):
    assert client.get("/uk/bare-pa-norsk/").status_code == 404


@pytest.fixture
def navigation(about, privacy):
    NavigationMenu.objects.all().delete()  # the demo's, when a test on the same database loaded it
    links = [("link", {"page": page["nb"], "url": "", "label": ""}) for page in (about, privacy)]
    return NavigationMenuFactory(locale=about["nb"].locale, links=links)


def main_nav_of(response) -> str:
    return str(soup_of(response).select_one("nav.main-nav"))


def test_navigation_links_to_the_translation_in_its_title(client, navigation, about):
    assertInHTML(f'<a class="main-nav__link" href="{about["uk"].url}">Про нас</a>', main_nav_of(client.get("/uk/")))


def test_navigation_links_to_the_source_with_a_request_when_untranslated(client, navigation, privacy):
    privacy["uk"].unpublish()
    link = f'<a class="main-nav__link" href="{privacy["nb"].url}?requested=uk">Personvern</a>'
    assertInHTML(link, main_nav_of(client.get("/uk/")))


def test_sitemap_lists_every_language(client, about, privacy):
    root = ElementTree.fromstring(client.get("/sitemap.xml").content)
    listed = {urlsplit(loc.text).path for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    assert {about[code].url for code in LANGUAGES} <= listed
    assert {privacy[code].url for code in LANGUAGES} <= listed


def test_search_page_declares_the_visitors_language(client, homes):
    assert html_lang(client.get("/uk/search/", {"query": "KS"})) == "uk"


@pytest.mark.parametrize("code", ["nb", "en"])
def test_search_page_switches_to_each_home_page(client, homes, code):
    assertInHTML(switch_link(code, f"/{code}/"), switcher_of(client.get("/uk/search/", {"query": "KS"})))


def test_not_found_page_declares_the_visitors_language(client, homes):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert html_lang(response) == "en"


def test_search_finds_pages_in_the_visitors_language(client, about):
    response = client.get("/en/search/", {"query": "Nansen"})
    assertContains(response, f'<a href="{about["en"].url}">About us</a>', html=True)


def test_search_leaves_out_other_languages(client, about):
    response = client.get("/en/search/", {"query": "Nansen"})
    assertNotContains(response, about["nb"].url)
