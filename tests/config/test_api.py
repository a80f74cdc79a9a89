"""The read-only API (Wagtail API v2) at /api/v2/: live public pages per language, images and
documents; nothing can be written, no question gets a 500, and no personal data is served."""

import pytest

import wagtail_factories
from wagtail.models import PageViewRestriction

from home.factories import StandardPageFactory, publish_translation
from partnerships.factories import InterestFormPageFactory, PartnerPageFactory, PartnershipsIndexPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(homes):
    """'Om oss' live in nb and uk, a draft and a private page in nb."""
    about = StandardPageFactory(parent=homes["nb"], title="Om oss", slug="om-oss")
    draft = StandardPageFactory(parent=homes["nb"], title="Utkast", slug="utkast", live=False)
    private = StandardPageFactory(parent=homes["nb"], title="Styret", slug="styret")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    return {
        "about": about,
        "about_uk": publish_translation(about, "uk", title="Про нас"),
        "draft": draft,
        "private": private,
    }


def listing(client, **params) -> list[dict]:
    response = client.get("/api/v2/pages/", params)
    assert response.status_code == 200, response.content
    return response.json()["items"]


def test_pages_are_listed_per_language(client, homes, pages):
    ukrainian = listing(client, locale="uk")
    assert {item["title"] for item in ukrainian} == {"Головна", "Про нас"}
    assert {item["meta"]["locale"] for item in ukrainian} == {"uk"}
    assert "Om oss" in {item["title"] for item in listing(client, locale="nb")}


def test_every_language_is_listed_without_a_locale(client, homes, pages):
    assert {item["meta"]["locale"] for item in listing(client)} == {"nb", "uk", "en"}


def test_a_draft_or_private_page_is_never_listed_nor_shown(client, pages):
    titles = {item["title"] for item in listing(client, locale="nb")}
    assert {"Utkast", "Styret"}.isdisjoint(titles)
    for key in ("draft", "private"):
        # Django's LocaleMiddleware sends a 404 outside the language prefixes on to /nb/…, a 404 too.
        response = client.get(f"/api/v2/pages/{pages[key].pk}/", follow=True)
        assert response.status_code == 404
        assert pages[key].title not in response.content.decode()


def test_the_detail_of_a_page_has_its_public_fields(client, pages):
    page = pages["about_uk"]
    response = client.get(f"/api/v2/pages/{page.pk}/")
    assert response.status_code == 200
    data = response.json()
    assert data["title"] == "Про нас"
    assert data["meta"]["html_url"] == f"http://testserver{page.url}"
    assert "intro" in data and "body" in data


def test_a_form_page_serves_neither_its_questions_nor_its_recipient(client, homes):
    index = PartnershipsIndexPageFactory(parent=homes["nb"])
    form = InterestFormPageFactory(parent=index, to_address="sekretariat@s2pu.example")
    data = client.get(f"/api/v2/pages/{form.pk}/").json()
    assert "sekretariat@s2pu.example" not in str(data)
    assert {"to_address", "form_fields", "subject"}.isdisjoint(data)


def test_a_partners_fields_are_served_by_type(client, homes):
    index = PartnershipsIndexPageFactory(parent=homes["nb"])
    partner = PartnerPageFactory(parent=index, summary="En kommune på Sørlandet.")
    items = listing(client, type="partnerships.PartnerPage", fields="summary,country")
    assert [(item["id"], item["summary"]) for item in items] == [(partner.pk, "En kommune på Sørlandet.")]


def test_images_are_listed(client, db):
    image = wagtail_factories.ImageFactory(title="Lyngdal kommunevåpen")
    response = client.get("/api/v2/images/")
    assert response.status_code == 200
    assert [item["title"] for item in response.json()["items"]] == [image.title]


def test_documents_are_listed(client, db):
    response = client.get("/api/v2/documents/")
    assert response.status_code == 200 and response.json()["items"] == []


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("path", ["/api/v2/pages/", "/api/v2/pages/{id}/", "/api/v2/images/"])
def test_nothing_can_be_written(client, pages, method, path):
    response = getattr(client, method)(path.format(id=pages["about"].pk), {}, content_type="application/json")
    assert response.status_code == 405


@pytest.mark.parametrize(
    "query",
    [
        "locale=xx",
        "locale=" + "u" * 500,
        "limit=abc",
        "limit=-1",
        "offset=abc",
        "order=nonsense",
        "type=nothing.Here",
        "type=wagtailcore",
        "fields=nonsense",
        "fields=*,-",
        "child_of=abc",
        "child_of=999999",
        "descendant_of=abc",
        "site=%00",
        "search=%00",
        "search=Київ&search_operator=xor",
        "html_path=/../../",
    ],
)
def test_a_bad_question_is_refused_without_a_500(client, pages, query):
    statuses = {
        endpoint: client.get(f"/api/v2/{endpoint}/?{query}", follow=True).status_code
        for endpoint in ("pages", "images", "documents")
    }
    assert set(statuses.values()) <= {200, 400, 404}, statuses


@pytest.mark.parametrize("key", ["about", "about_uk"])
def test_finding_a_page_by_its_path(client, pages, key):
    """By the address visitors see, language prefix and all: to that page's record."""
    response = client.get("/api/v2/pages/find/", {"html_path": pages[key].url})
    assert response.status_code == 302
    assert f"/api/v2/pages/{pages[key].pk}/" in response["Location"]


@pytest.mark.parametrize("key", ["draft", "private"])
def test_finding_a_page_visitors_cannot_see_is_a_404(client, pages, key):
    response = client.get("/api/v2/pages/find/", {"html_path": f"/nb/{pages[key].slug}/"})
    assert response.status_code == 404
