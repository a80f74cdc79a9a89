"""Two titles that romanise to one slug ("Tromsø" beside "Tromso"): the admin form says so on the slug
field and keeps the editor's text, and autosave answers with a validation error, never a 500. Posted
as an editor does it, to the create and edit views and as the editor's autosave requests."""

import pytest

from django.test import Client
from django.urls import reverse

from wagtail.models import Page, get_page_models
from wagtail.test.utils.form_data import nested_form_data, streamfield
from wagtail.users.models import UserProfile

from home.factories import StandardPageFactory, homes_in_every_language
from home.models import BasePageForm, StandardPage
from tests.roles import sign_in, user_in

pytestmark = pytest.mark.django_db

TEXT = "Min tekst om byen, skrevet før lagring."


@pytest.fixture(scope="module")
def tree(module_transaction):
    home = homes_in_every_language()["nb"]
    StandardPageFactory(parent=home, title="Tromso", slug="tromso")
    bodo = StandardPageFactory(parent=home, title="Bodø", slug="bodo")
    return {"home": home, "bodo": bodo, "editor": user_in("editor", "Editors")}


def form(title: str, slug: str) -> dict:
    # The slug as the admin fills it from the title (WAGTAIL_ALLOW_UNICODE_SLUGS keeps the letters).
    return nested_form_data({"title": title, "slug": slug, "intro": TEXT, "body": streamfield([])})


def url(tree, view: str) -> str:
    if view == "create":
        return reverse("wagtailadmin_pages:add", args=["home", "standardpage", tree["home"].pk])
    return reverse("wagtailadmin_pages:edit", args=[tree["bodo"].pk])


@pytest.fixture
def editor(tree):
    return sign_in(Client(), tree["editor"])


@pytest.mark.parametrize("view", ["create", "edit"])
def test_a_slug_that_romanises_to_a_siblings_is_an_error_on_the_slug_field(editor, tree, view):
    pages_before = Page.objects.count()
    response = editor.post(url(tree, view), form("Tromsø", "tromsø"))
    assert response.status_code == 200
    assert "tromso" in " ".join(response.context["form"].errors["slug"])
    assert TEXT in response.content.decode()  # nothing the editor wrote is lost
    assert Page.objects.count() == pages_before
    tree["bodo"].refresh_from_db()
    assert tree["bodo"].slug == "bodo"


@pytest.mark.parametrize(
    ("language", "start"),
    [("nb", "Adressen «tromso»"), ("uk", "Адресу «tromso»"), ("en", "The address “tromso”")],
)
def test_the_clash_is_told_in_the_editors_admin_language(editor, tree, language, start):
    profile = UserProfile.get_for_user(tree["editor"])
    profile.preferred_language = language
    profile.save()
    response = editor.post(url(tree, "create"), form("Tromsø", "tromsø"))
    (message,) = response.context["form"].errors["slug"]
    assert message.startswith(start)


@pytest.mark.parametrize("view", ["create", "edit"])
def test_autosave_of_a_clashing_slug_is_a_validation_error(editor, tree, view):
    response = editor.post(url(tree, view), form("Tromsø", "tromsø"), HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert response.json()["error_code"] == "validation_error"


@pytest.mark.parametrize("view", ["create", "edit"])
def test_a_free_slug_is_saved_romanised(editor, tree, view):
    response = editor.post(url(tree, view), form("Ålesund", "ålesund"))
    assert response.status_code == 302
    # An edit of a live page is saved as a draft revision beside it.
    page = StandardPage.objects.get(title="Ålesund") if view == "create" else StandardPage.objects.get(slug="bodo")
    assert page.get_latest_revision_as_object().slug == "alesund"


@pytest.mark.parametrize("model", [model for model in get_page_models() if model is not Page], ids=lambda m: m.__name__)
def test_every_page_types_admin_form_checks_the_slug_as_it_will_be_saved(model):
    assert issubclass(model.get_edit_handler().get_form_class(), BasePageForm)
