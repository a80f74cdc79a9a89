"""Every public form is drawn one way (home/forms.py and templates/components/forms/): required fields
marked and explained, choice lists in fieldsets, the consent box beside its label, autofill purposes,
and an error summary whose links lead to the fields."""

import pytest
from bs4 import BeautifulSoup

from django.utils import translation
from django.utils.module_loading import import_string

from events.capacity import register
from events.factories import RegistrationFormFieldFactory
from events.forms import DAYS_LABEL
from events.models import ManageToken, RegistrationDay
from home.forms import PublicForm
from partnerships.factories import ThemeFactory
from tests.page_tree import build_page_tree

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    tree = build_page_tree()
    ThemeFactory(name="Vann", slug="vann")
    registration = tree["pages"][_model("events.RegistrationPage")]
    RegistrationFormFieldFactory(page=registration, label="Telefon", required=False, autocomplete="tel")
    RegistrationFormFieldFactory(page=registration, label="Organisasjon", required=True, autocomplete="organization")
    return tree


def _model(label):
    from django.apps import apps

    return apps.get_model(label)


def page_of(tree, label):
    return tree["pages"][_model(label)]


def form_in(client, url, data=None):
    response = client.post(url, data) if data is not None else client.get(url)
    assert response.status_code == 200, url
    soup = BeautifulSoup(response.content, "html.parser")
    return soup, soup.select_one("main form[method=post]")


def manage_url(registration_page):
    day = registration_page.event.days.first()
    registration, _created = register(
        registration_page,
        name="Olena",
        email="olena@example.org",
        language="nb",
        answers={},
        day_keys=[day.translation_key],
    )
    assert registration.days.exclude(status=RegistrationDay.CANCELLED).exists()
    return registration_page.url + registration_page.reverse_subpage("manage", args=[ManageToken.issue(registration)])


@pytest.mark.parametrize(
    "form_class",
    [
        "events.forms.ManageForm",
        "partnerships.forms.InterestForm",
        "partnerships.forms.PartnerFilterForm",
        "partnerships.forms.StoryFilterForm",
    ],
)
def test_every_public_form_class_uses_the_shared_rendering(form_class):
    assert issubclass(import_string(form_class), PublicForm)


@pytest.mark.parametrize("label", ["partnerships.InterestFormPage", "events.RegistrationPage"])
def test_required_fields_are_marked_and_explained_above_the_fields(client, tree, label):
    _soup, form = form_in(client, page_of(tree, label).url)
    note = form.select_one(".form-required-note")
    assert note is not None and "*" in note.get_text()
    first_field = form.select_one(".form-field")
    assert note.find_next(class_="form-field") is first_field
    for wrapper in form.select(".form-field"):
        control = wrapper.select_one("input:not([type=hidden]), select, textarea")
        if control is None:
            continue  # a list of themes when there are none yet
        marker = wrapper.select_one("label .form-required, legend .form-required")
        if control.get("required") is not None:
            assert marker is not None, wrapper
            assert marker.get("aria-hidden") == "true"
        if marker is not None and wrapper.select_one("fieldset"):
            # A group of checkboxes carries no required attribute; its legend says it in words.
            assert wrapper.select_one("legend .visually-hidden").get_text(strip=True)


def test_choice_lists_are_fieldsets_named_by_a_legend(client, tree):
    _soup, form = form_in(client, page_of(tree, "partnerships.InterestFormPage").url)
    for name in ("kind", "themes_offered", "themes_needed"):
        inputs = form.select(f'input[name="{name}"]')
        assert inputs, name
        fieldset = inputs[0].find_parent("fieldset")
        assert fieldset is not None and "form-group" in fieldset["class"], name
        assert fieldset.find("legend", recursive=False).get_text(strip=True)
    _soup, form = form_in(client, page_of(tree, "events.RegistrationPage").url)
    days = form.select('input[name="days"]')
    assert days and days[0].find_parent("fieldset").find("legend")


@pytest.mark.parametrize("label", ["partnerships.InterestFormPage", "events.RegistrationPage"])
def test_the_consent_box_sits_beside_its_label(client, tree, label):
    _soup, form = form_in(client, page_of(tree, label).url)
    box = form.select_one('input[name="consent"]')
    row = box.parent
    assert "form-check" in row["class"]
    label_tag = row.select_one(f'label[for="{box["id"]}"]')
    assert label_tag is not None and box.find_next_sibling("label") is label_tag


def test_built_in_contact_fields_tell_browsers_what_they_are(client, tree):
    _soup, form = form_in(client, page_of(tree, "partnerships.InterestFormPage").url)
    expected = {
        "organisation": ("text", "organization"),
        "contact_person": ("text", "name"),
        "email": ("email", "email"),
        "phone": ("tel", "tel"),
    }
    for name, (kind, purpose) in expected.items():
        field = form.select_one(f'[name="{name}"]')
        assert (field["type"], field.get("autocomplete")) == (kind, purpose), name
    _soup, form = form_in(client, page_of(tree, "events.RegistrationPage").url)
    assert form.select_one('[name="name"]')["autocomplete"] == "name"
    assert form.select_one('[name="email"]')["autocomplete"] == "email"


def test_an_editors_question_gets_the_autofill_purpose_chosen_for_it(client, tree):
    _soup, form = form_in(client, page_of(tree, "events.RegistrationPage").url)
    phone = form.select_one('[name="telefon"]')
    assert (phone["type"], phone["autocomplete"]) == ("tel", "tel")
    assert form.select_one('[name="organisasjon"]')["autocomplete"] == "organization"


@pytest.mark.parametrize("label", ["partnerships.InterestFormPage", "events.RegistrationPage"])
def test_the_error_summary_links_to_every_field_in_error(client, tree, label):
    soup, form = form_in(client, page_of(tree, label).url, data={})
    summary = form.select_one(".error-summary")
    assert summary is not None and summary["role"] == "alert"
    links = summary.select("a[href^='#']")
    wrong = form.select(".form-field--error")
    assert len(links) >= len(wrong) > 0
    for link in links:
        target = soup.find(id=link["href"][1:])
        assert target is not None and target.name in {"input", "select", "textarea"}, link
        assert target.get("aria-invalid") == "true" or target.find_parent("fieldset") is not None


@pytest.mark.parametrize("label", ["partnerships.InterestFormPage", "events.RegistrationPage"])
def test_the_error_summary_names_each_question_once_with_its_own_punctuation(client, tree, label):
    """ "Which days will you attend? Choose at least one day.", not "…attend?: Choose…"."""
    _soup, form = form_in(client, page_of(tree, label).url, data={})
    entries = [item.get_text(" ", strip=True) for item in form.select(".error-summary__list li")]
    assert entries
    for entry in entries:
        assert not any(sign + ":" in entry for sign in "?!:.…—–"), entry
    if label == "events.RegistrationPage":
        with translation.override("nb"):
            question = str(DAYS_LABEL)
        assert question.endswith("?") and any(entry.startswith(question + " ") for entry in entries), entries
    else:
        assert any(entry.startswith("Navn på kommunen eller organisasjonen: ") for entry in entries), entries


def test_managing_a_registration_uses_the_same_rendering(client, tree):
    _soup, form = form_in(client, manage_url(page_of(tree, "events.RegistrationPage")))
    days = form.select('input[name="days"]')
    assert days and days[0].find_parent("fieldset", class_="form-group").find("legend")


@pytest.mark.parametrize("route", ["partners_view", "stories_view"])
def test_filters_use_the_same_field_rendering(client, tree, route):
    index = page_of(tree, "partnerships.PartnershipsIndexPage")
    response = client.get(index.url + index.reverse_subpage(route))
    form = BeautifulSoup(response.content, "html.parser").select_one("form.filter-form")
    assert form.select("select"), "no field to check"
    for select in form.select("select"):
        label = form.select_one(f'label.form-label[for="{select["id"]}"]')
        assert label is not None and label.get_text(strip=True)
    for box in form.select("input[type=checkbox]"):
        assert "form-check" in box.parent["class"]
