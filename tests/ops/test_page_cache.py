"""Whole pages kept for anonymous visitors (ops/page_cache.py, Django's cache middleware): what is
kept, what empties it, what never comes from it, the headers it answers with, and forms on kept
pages, whose CSRF token is asked for by a request of its own."""

import datetime
import json

import pytest

from django.core.cache import cache, caches
from django.core.cache.backends.filebased import FileBasedCache
from django.test import Client, override_settings
from django.utils import timezone

from events.factories import EventDayFactory, EventIndexPageFactory, EventPageFactory, RegistrationPageFactory
from home import content_cache
from home.factories import FooterFactory, StandardPageFactory
from home.forms import HONEYPOT_FIELD
from news.factories import NewsIndexPageFactory, NewsPageFactory
from news.models import PageComment
from ops.page_cache import HIT_HEADER
from partnerships.factories import ThemeFactory
from tests.config.conftest import make_interest_forms, production_security_settings
from tests.roles import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(homes):
    from wagtail.models import Site

    from home.models import SiteSettings

    # The first page ever served creates the site's settings, a content change like any other.
    SiteSettings.for_site(Site.objects.get(is_default_site=True))
    with override_settings(PAGE_CACHE_TIMEOUT=600, PAGE_CACHE_MAX_AGE=60, PAGE_CACHE_SHARED_MAX_AGE=60):
        yield
    caches["pages"].clear()


@pytest.fixture
def about(homes):
    return StandardPageFactory(parent=homes["nb"], title="Om oss", slug="om-oss")


def cached(client, url, **extra):
    return client.get(url, **extra).get(HIT_HEADER)


# --- Hits and misses ------------------------------------------------------------------------


def test_second_anonymous_request_is_served_from_the_cache(client, homes):
    first = client.get("/nb/")
    second = client.get("/nb/")
    assert (first[HIT_HEADER], second[HIT_HEADER]) == ("miss", "hit")
    assert second.status_code == 200
    assert second.content == first.content


@pytest.mark.parametrize("page", ["home", "interest form"])
def test_a_kept_page_says_its_length_so_the_connection_stays_open(homes, page):
    """Without Content-Length, a server must close an HTTP/1.0 keep-alive connection after the page
    (or chunk it for HTTP/1.1): each hit would cost a new connection."""
    url = "/nb/" if page == "home" else make_interest_forms(homes)["nb"].url
    Client().get(url)
    kept = Client().get(url)
    assert kept[HIT_HEADER] == "hit"
    assert kept["Content-Length"] == str(len(kept.content))


def test_each_language_is_kept_apart(client, homes):
    assert [cached(client, f"/{code}/") for code in ("nb", "uk", "en")] == ["miss"] * 3
    pages = {code: client.get(f"/{code}/") for code in ("nb", "uk", "en")}
    assert {response[HIT_HEADER] for response in pages.values()} == {"hit"}
    assert 'lang="uk"' in pages["uk"].text and 'lang="en"' in pages["en"].text
    assert homes["uk"].title in pages["uk"].text and homes["uk"].title not in pages["nb"].text


def test_head_is_answered_from_the_cache(client, homes):
    client.get("/nb/")
    assert client.head("/nb/")[HIT_HEADER] == "hit"


def test_the_cache_turned_off_keeps_nothing(client, homes):
    with override_settings(PAGE_CACHE_TIMEOUT=0):
        assert [client.get("/nb/").get(HIT_HEADER) for _ in range(2)] == [None, None]


def test_missing_pages_are_not_kept(client, homes):
    assert [client.get("/nb/finnes-ikke/").status_code for _ in range(2)] == [404, 404]
    assert client.get("/nb/finnes-ikke/").get(HIT_HEADER) == "miss"


# --- What empties it ------------------------------------------------------------------------


def test_publishing_empties_the_cache(client, homes, about):
    client.get(about.url)
    about.title = "Om samarbeidet"
    about.save_revision().publish()
    response = client.get(about.url)
    assert response[HIT_HEADER] == "miss"
    assert "Om samarbeidet" in response.text


def test_a_change_is_seen_on_every_page_that_shows_it(client, homes, about):
    client.get("/nb/")
    StandardPageFactory(parent=homes["nb"], title="Ny side", slug="ny-side")
    assert cached(client, "/nb/") == "miss"


def test_unpublished_page_is_not_served_from_the_cache(client, about):
    url = about.url
    client.get(url)
    about.unpublish()
    assert client.get(url).status_code == 404


def test_moved_page_is_not_served_at_its_old_address(client, homes, about):
    url = about.url
    client.get(url)
    parent = StandardPageFactory(parent=homes["nb"], slug="mappe")
    about.move(parent, pos="last-child")
    moved = client.get(url)
    assert (moved.status_code, moved["Location"]) == (301, "/nb/mappe/om-oss/")
    assert client.get("/nb/mappe/om-oss/").status_code == 200


def test_deleted_page_is_not_served_from_the_cache(client, about):
    url = about.url
    client.get(url)
    about.delete()
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("snippet_factory", [FooterFactory, ThemeFactory])
def test_a_snippet_change_empties_the_cache(client, homes, snippet_factory):
    client.get("/nb/")
    snippet = snippet_factory(locale=homes["nb"].locale)
    assert cached(client, "/nb/") == "miss"
    client.get("/nb/")
    snippet.save()
    assert cached(client, "/nb/") == "miss"


def test_a_comment_waiting_for_moderation_keeps_the_cache_and_its_approval_empties_it(client, homes):
    index = NewsIndexPageFactory(parent=homes["nb"], slug="nyheter")
    article = NewsPageFactory(parent=index, slug="artikkel")
    client.get(article.url)
    comment = PageComment.objects.create(
        content_object=article,
        page=article,
        language="nb",
        user_name="Olga",
        user_email="olga@example.org",
        comment="Takk for en fin konferanse!",
        site_id=1,
        is_public=False,
    )
    assert cached(client, article.url) == "hit"
    comment.is_public = True
    comment.save(update_fields=["is_public"])
    response = client.get(article.url)
    assert response[HIT_HEADER] == "miss"
    assert "Takk for en fin konferanse!" in response.text
    comment.is_removed = True
    comment.save(update_fields=["is_removed"])
    assert "Takk for en fin konferanse!" not in client.get(article.url).text


def test_a_purge_on_one_server_is_seen_by_another_sharing_the_cache(tmp_path, homes):
    """Two cache clients on one shared store, as two app servers on one Redis or one folder: the
    version bumped through one empties what the other keeps."""
    shared = {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": tmp_path}
    pages = {**shared, "LOCATION": tmp_path / "pages", "KEY_FUNCTION": "ops.page_cache.versioned_key"}
    with override_settings(CACHES={"default": shared, "pages": pages}):
        server_a, server_b = Client(), Client()
        assert cached(server_a, "/nb/") == "miss"
        assert cached(server_b, "/nb/") == "hit"  # built by A, kept for B
        other_server_cache = FileBasedCache(str(tmp_path), {})
        before = other_server_cache.get(content_cache.VERSION_KEY)
        other_server_cache.incr(content_cache.VERSION_KEY)
        assert cached(server_a, "/nb/") == "miss"
        content_cache.invalidate()
        assert other_server_cache.get(content_cache.VERSION_KEY) == before + 2
        caches["pages"].clear()
    cache.clear()


# --- Forms ----------------------------------------------------------------------------------


def test_a_form_page_is_kept_without_a_token_and_the_same_for_every_visitor(homes):
    form_url = make_interest_forms(homes)["nb"].url
    built, kept = Client().get(form_url), Client().get(form_url)
    assert (built[HIT_HEADER], kept[HIT_HEADER]) == ("miss", "hit")
    assert kept.content == built.content
    assert 'name="csrfmiddlewaretoken" value="" data-csrf-token' in kept.text
    assert not kept.cookies
    assert "public" in kept["Cache-Control"]


def test_the_token_a_kept_form_asks_for_lets_it_post(homes):
    form_url = make_interest_forms(homes)["nb"].url
    Client().get(form_url)
    visitor = Client(enforce_csrf_checks=True)
    assert visitor.get(form_url)[HIT_HEADER] == "hit"
    answer = visitor.get("/csrf-token")
    assert answer["Cache-Control"].startswith("max-age=0") and "no-store" in answer["Cache-Control"]
    assert "csrftoken" in answer.cookies
    token = json.loads(answer.content)["token"]
    assert visitor.post(form_url, {"csrfmiddlewaretoken": token}).status_code != 403
    assert Client(enforce_csrf_checks=True).post(form_url, {"csrfmiddlewaretoken": token}).status_code == 403


@pytest.mark.parametrize(
    ("language", "heading"),
    [("nb", "Send skjemaet på nytt"), ("uk", "Надішліть форму ще раз"), ("en", "Please send the form again")],
)
def test_a_form_sent_without_its_token_comes_back_with_the_answers_to_send_again(homes, language, heading):
    """A visitor whose browser did not run the script that asks for the token loses nothing."""
    form_url = make_interest_forms(homes)[language].url
    visitor = Client(enforce_csrf_checks=True)
    answers = {"municipality": "Lyngdal kommune", "message": "Vi ønsker en partner i Ukraina", HONEYPOT_FIELD: ""}
    refused = visitor.post(form_url, {**answers, "csrfmiddlewaretoken": ""})
    assert refused.status_code == 403
    assert heading in refused.text
    for value in ("Lyngdal kommune", "Vi ønsker en partner i Ukraina"):
        assert f'value="{value}"' in refused.text
    token = refused.context["csrf_token"]
    again = visitor.post(form_url, {**answers, "csrfmiddlewaretoken": str(token)})
    assert again.status_code != 403


def test_a_refused_admin_post_is_djangos_own_refusal(client, homes):
    refused = Client(enforce_csrf_checks=True).post("/admin/login/", {"username": "x", "password": "y"})
    assert refused.status_code == 403
    assert "CSRF" in refused.text


def test_the_registration_form_shows_places_left_as_they_are_now(client, homes):
    soon = timezone.localdate() + datetime.timedelta(days=60)  # ahead: its registration form is open
    event = EventPageFactory(parent=EventIndexPageFactory(parent=homes["nb"]), start_date=soon, end_date=soon)
    EventDayFactory(page=event)
    registration = RegistrationPageFactory(parent=event, closes_at=timezone.now() + datetime.timedelta(days=30))
    responses = [client.get(registration.url) for _ in range(2)]
    assert [response.status_code for response in responses] == [200, 200]
    assert responses[1].get(HIT_HEADER) != "hit"
    assert "no-cache" in responses[1]["Cache-Control"]


# --- Never from the cache -------------------------------------------------------------------


def test_signed_in_users_never_get_a_kept_page(client, homes, admin_user):
    client.get("/nb/")
    sign_in(client, admin_user)
    response = client.get("/nb/")
    assert HIT_HEADER not in response
    assert "private" in response["Cache-Control"]
    client.logout()


def test_a_pending_message_is_never_answered_from_the_cache(client, homes):
    client.get("/nb/")
    client.cookies["messages"] = "anything"
    assert HIT_HEADER not in client.get("/nb/")


@pytest.mark.parametrize("url", ["/admin/", "/admin/pages/{home}/edit/preview/"], ids=["admin", "preview"])
def test_admin_and_previews_are_never_cached(client, homes, admin_user, url):
    sign_in(client, admin_user)
    response = client.get(url.format(home=homes["nb"].pk))
    assert HIT_HEADER not in response
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


def test_a_post_is_never_answered_from_the_cache(client, homes):
    form_url = make_interest_forms(homes)["nb"].url
    client.get(form_url)
    assert HIT_HEADER not in client.post(form_url, {})


# --- Query strings --------------------------------------------------------------------------


def test_tracking_parameters_share_the_page_without_them(client, homes):
    client.get("/nb/")
    assert cached(client, "/nb/?utm_source=newsletter&utm_campaign=mai&fbclid=x") == "hit"


def test_tracking_parameters_never_reach_the_page(client, homes):
    response = client.get("/nb/?utm_source=newsletter")
    assert "utm_source" not in response.text


def test_parameters_that_change_the_page_are_kept_per_value(client, homes):
    index = NewsIndexPageFactory(parent=homes["nb"], slug="nyheter")
    for _ in range(11):  # two pages of news
        NewsPageFactory(parent=index)
    client.get(index.url)
    assert cached(client, f"{index.url}?page=2") == "miss"
    assert cached(client, f"{index.url}?page=2") == "hit"
    # A number the list does not have (its last page is shown) is never kept: tests/ops/test_page_cache_entries.py.
    assert cached(client, f"{index.url}?page=3") != "hit"
    assert cached(client, f"{index.url}?page=3") != "hit"


@pytest.mark.parametrize("query", ["query=KS", "type=story", "page=2&page=3", "page=123456789"])
def test_other_parameters_bypass_the_cache(client, homes, query):
    client.get(f"/nb/?{query}")
    assert HIT_HEADER not in client.get(f"/nb/?{query}")


# --- Headers --------------------------------------------------------------------------------


def test_a_kept_page_is_public_for_a_short_while_and_varies_by_cookie(client, homes):
    drawn, kept = client.get("/nb/"), client.get("/nb/")
    assert kept[HIT_HEADER] == "hit"
    for response in (drawn, kept):
        assert set(response["Cache-Control"].split(", ")) == {"public", "max-age=60"}
        assert "Cookie" in response["Vary"]
        assert "Accept-Language" not in response.get("Vary", "")


def test_shared_caches_may_keep_pages_longer_when_a_cdn_is_purged(client, homes):
    with override_settings(PAGE_CACHE_SHARED_MAX_AGE=300):
        response = client.get("/nb/")
    assert set(response["Cache-Control"].split(", ")) == {"public", "max-age=60", "s-maxage=300"}


def test_the_root_redirect_varies_by_language_and_cookie(client, homes):
    vary = client.get("/")["Vary"]
    assert "Accept-Language" in vary and "Cookie" in vary


def test_a_page_from_the_cache_carries_every_security_header(homes):
    with override_settings(**production_security_settings()):
        client = Client()
        built = client.get("/nb/", secure=True)
        kept = client.get("/nb/", secure=True)
    assert kept[HIT_HEADER] == "hit"
    for header in (
        "Content-Security-Policy",
        "Permissions-Policy",
        "X-Frame-Options",
        "Strict-Transport-Security",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Cross-Origin-Opener-Policy",
    ):
        assert kept[header] == built[header], header
