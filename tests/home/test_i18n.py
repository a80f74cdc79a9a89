"""Language routing, switcher, fallback and multilingual SEO, on the demo tree."""

import re

import pytest

from django.conf import settings

from home.models import StandardPage

pytestmark = pytest.mark.django_db

ABOUT = {"nb": "/nb/om-samarbeidet/", "uk": "/uk/pro-spivpratsiu/", "en": "/en/about-the-cooperation/"}


def head_links(html: str, rel: str) -> dict[str, str]:
    return dict(re.findall(rf'<link rel="{rel}" hreflang="([^"]+)" href="([^"]+)">', html))


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
def test_root_redirects_by_cookie_then_accept_language_then_nb(client, demo_site, headers, cookies, expected):
    client.cookies.load(cookies)
    response = client.get("/", **headers)
    assert response.status_code == 302
    assert response["Location"] == expected
    assert {"Accept-Language", "Cookie"} <= {v.strip() for v in response["Vary"].split(",")}


@pytest.mark.parametrize("code", ["nb", "uk", "en"])
def test_every_page_is_served_under_its_language_prefix(client, demo_site, code):
    for page in demo_site[code].values():
        assert page.url.startswith(f"/{code}/")
        response = client.get(page.url)
        assert response.status_code == 200
        assert f'<html lang="{code}">' in response.content.decode()


@pytest.mark.parametrize("code", ["nb", "uk", "en"])
def test_canonical_hreflang_and_og_locale(client, demo_site, code):
    html = client.get(ABOUT[code]).content.decode()
    assert f'<link rel="canonical" href="http://testserver{ABOUT[code]}">' in html
    alternates = head_links(html, "alternate")
    assert alternates == {
        "nb": "http://testserver/nb/om-samarbeidet/",
        "uk": "http://testserver/uk/pro-spivpratsiu/",
        "en": "http://testserver/en/about-the-cooperation/",
        "x-default": "http://testserver/nb/om-samarbeidet/",
    }
    og_locale = {"nb": "nb_NO", "uk": "uk_UA", "en": "en_GB"}
    assert f'<meta property="og:locale" content="{og_locale[code]}">' in html
    others = sorted(v for k, v in og_locale.items() if k != code)
    assert sorted(re.findall(r'og:locale:alternate" content="([^"]+)"', html)) == others


def test_hreflang_lists_only_live_translations(client, demo_site):
    demo_site["en"]["about"].unpublish()
    html = client.get(ABOUT["nb"]).content.decode()
    assert set(head_links(html, "alternate")) == {"nb", "uk", "x-default"}
    assert 'og:locale:alternate" content="en_GB"' not in html


def test_switcher_leads_to_each_translation_in_native_names(client, demo_site):
    html = client.get(ABOUT["uk"]).content.decode()
    switcher = html[html.index('class="language-switcher"') :]
    for code, name in [("nb", "Norsk"), ("uk", "Українська"), ("en", "English")]:
        assert f'lang="{code}"' in switcher and name in switcher
    assert "/language/nb/?next=%2Fnb%2Fom-samarbeidet%2F" in switcher
    assert "/language/en/?next=%2Fen%2Fabout-the-cooperation%2F" in switcher
    assert 'aria-current="true"' in switcher


def test_switching_language_remembers_the_choice(client, demo_site):
    response = client.get("/language/en/", {"next": ABOUT["en"]})
    assert response.status_code == 302
    assert response["Location"] == ABOUT["en"]
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert client.get("/")["Location"] == "/en/"


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)"])
def test_switching_language_never_redirects_off_site(client, demo_site, next_url):
    response = client.get("/language/uk/", {"next": next_url})
    assert response["Location"] == "/uk/"


def test_unknown_language_in_switch_sets_nothing_and_ends_in_404(client, demo_site):
    response = client.get("/language/xx/", {"next": "/nb/"}, follow=True)
    assert response.status_code == 404
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


def test_untranslated_page_links_to_source_with_notice_in_chosen_language(client, demo_site):
    demo_site["en"]["privacy"].unpublish()
    nb_html = client.get("/nb/personvern/").content.decode()
    assert "/language/en/?next=%2Fnb%2Fpersonvern%2F%3Frequested%3Den" in nb_html

    response = client.get("/nb/personvern/", {"requested": "en"})
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="nb">' in html
    notice = re.search(r'<div class="notice notice--language" role="note" lang="en">(.*?)</div>', html, re.S)
    assert notice, "the page must say, in English, that it is shown in Norwegian"
    assert "This page has not been translated into your language yet." in notice.group(1)
    assert 'href="/en/"' in notice.group(1)
    assert '<link rel="canonical" href="http://testserver/nb/personvern/">' in html


def test_notice_is_not_shown_when_the_translation_exists(client, demo_site):
    html = client.get("/nb/personvern/", {"requested": "en"}).content.decode()
    assert "notice--language" not in html


@pytest.mark.parametrize("requested", ["xx", "nb", "<script>", ""])
def test_requested_parameter_ignores_nonsense(client, demo_site, requested):
    response = client.get("/nb/personvern/", {"requested": requested})
    assert response.status_code == 200
    assert "notice--language" not in response.content.decode()


def test_page_only_in_source_language_is_reachable_from_every_language(client, demo_site):
    home = demo_site["nb"]["home"]
    only_nb = StandardPage(title="Bare på norsk", locale=home.locale)
    home.add_child(instance=only_nb)
    only_nb.save_revision().publish()
    html = client.get(only_nb.url).content.decode()
    assert "/language/uk/?next=%2Fnb%2Fbare-pa-norsk%2F%3Frequested%3Duk" in html
    assert client.get("/uk/bare-pa-norsk/").status_code == 404


def test_navigation_links_to_the_translation_or_the_source_with_notice(client, demo_site):
    html = client.get("/uk/").content.decode()
    nav = html[html.index('class="main-nav"') :]
    assert 'href="/uk/pro-spivpratsiu/"' in nav and "Про співпрацю" in nav
    demo_site["uk"]["privacy"].unpublish()
    nav = client.get("/uk/").content.decode()
    nav = nav[nav.index('class="main-nav"') :]
    assert 'href="/nb/personvern/?requested=uk"' in nav


def test_sitemap_lists_every_language(client, demo_site):
    xml = client.get("/sitemap.xml").content.decode()
    for urls in ABOUT.values():
        assert f"http://testserver{urls}" in xml or f"http://localhost{urls}" in xml
    for code in ("nb", "uk", "en"):
        assert f"/{code}/personvern/" in xml or demo_site[code]["privacy"].url in xml


def test_non_page_views_have_a_language_and_a_switcher(client, demo_site):
    html = client.get("/uk/search/", {"query": "KS"}).content.decode()
    assert '<html lang="uk">' in html
    assert 'class="language-switcher"' in html
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert '<html lang="en">' in response.content.decode()


def test_search_stays_in_the_visitors_language(client, demo_site):
    html = client.get("/en/search/", {"query": "Nansen"}).content.decode()
    assert "/en/about-the-cooperation/" in html
    assert "/nb/om-samarbeidet/" not in html
