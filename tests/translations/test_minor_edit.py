"""The "minor change" button in a source page's status panel works as an editor uses it: the form the
edit view draws posts, with the token it carries, past Django's CSRF check, and the button says what it
does, in the editor's admin language."""

import pytest
from bs4 import BeautifulSoup

from django.test import Client

from wagtail.users.models import UserProfile

from home.factories import StandardPageFactory, homes_in_every_language
from tests.roles import sign_in, user_in
from tests.translations.test_translation_status import republish, send_for_translation, translate_strings
from translations.models import MinorEdit

pytestmark = pytest.mark.django_db

LABELS = {
    "nb": "Merk den siste endringen som mindre",
    "uk": "Позначити останню зміну як незначну",
    "en": "Mark the last change as minor",
}


@pytest.fixture(scope="module")
def changed(module_transaction):
    """A source page published again after its uk translation, and an editor."""
    homes = homes_in_every_language()
    page = StandardPageFactory(parent=homes["nb"], title="Vennskapskommuner", slug="vennskap")
    page.save_revision().publish()
    send_for_translation(page, "uk")
    translate_strings(page, "uk")
    republish(page)
    page.refresh_from_db()
    return {"page": page, "editor": user_in("editor", "Editors")}


def minor_form(client, page):
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    form = BeautifulSoup(html, "html.parser").find("form", action=f"/admin/translations/minor/{page.pk}/")
    assert form is not None
    return form


def test_the_button_marks_the_change_minor_through_the_csrf_check(changed):
    page = changed["page"]
    client = sign_in(Client(enforce_csrf_checks=True), changed["editor"])
    form = minor_form(client, page)
    # Its own form, not one inside the page's edit form (a browser would submit the outer one).
    assert form.find_parent("form") is None
    data = {field["name"]: field.get("value", "") for field in form.find_all("input") if field.get("name")}

    response = client.post(form["action"], data)

    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{page.pk}/edit/"
    assert MinorEdit.objects.filter(revision_id=page.live_revision_id).exists()


@pytest.mark.parametrize("language", sorted(LABELS))
def test_the_button_says_what_it_does(changed, language):
    profile = UserProfile.get_for_user(changed["editor"])
    profile.preferred_language = language
    profile.save()
    client = sign_in(Client(), changed["editor"])
    assert minor_form(client, changed["page"]).button.get_text(strip=True) == LABELS[language]
