"""Page types: tree rules, creation through the admin, rendering, and one factory per page model."""

import importlib

import pytest

from django.apps import apps

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from demo import loader as demo
from events.models import EventIndexPage
from home.models import HomePage, StandardPage
from partnerships.models import PartnershipsIndexPage

PROJECT_APPS = {"home", "events", "partnerships", "news", "search"}


def project_page_models():
    return [
        model
        for model in apps.get_models()
        if issubclass(model, Page) and model is not Page and model._meta.app_label in PROJECT_APPS
    ]


def project_snippet_models():
    from wagtail.snippets.models import get_snippet_models

    return [model for model in get_snippet_models() if model._meta.app_label in PROJECT_APPS]


def test_every_page_model_and_snippet_has_a_factory():
    models = project_page_models() + project_snippet_models()
    assert len(models) >= 5, models
    for model in models:
        factories = importlib.import_module(f"{model._meta.app_config.name}.factories")
        assert hasattr(factories, f"{model.__name__}Factory"), f"{model.__name__} has no factory"


class TestPageTree(WagtailPageTestCase):
    def test_home_page_sits_only_at_the_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_home_page_children(self):
        self.assertAllowedSubpageTypes(HomePage, {StandardPage, EventIndexPage, PartnershipsIndexPage})

    def test_standard_page_parents_and_children(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})


class TestStandardPageInAdmin(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = demo.load()["nb"]["home"]

    def setUp(self):
        self.login()

    def test_editor_can_create_a_standard_page_with_every_block(self):
        self.assertCanCreate(
            self.home,
            StandardPage,
            nested_form_data(
                {
                    "title": "Om konferansen",
                    "slug": "om-konferansen",
                    "intro": "Kort om dagene.",
                    "body": streamfield(
                        [
                            ("heading", {"text": "Program", "level": "h2"}),
                            ("paragraph", rich_text("<p>Dag 1 og dag 2.</p>")),
                            ("quote", {"quote": "Sammen står vi sterkere.", "attribution": "Eksempel", "role": ""}),
                            (
                                "call_to_action",
                                {
                                    "title": "Meld deg på",
                                    "text": "",
                                    "page": "",
                                    "url": "https://example.org/",
                                    "button_label": "Gå",
                                },
                            ),
                        ]
                    ),
                }
            ),
        )
        page = StandardPage.objects.get(slug="om-konferansen")
        assert [block.block_type for block in page.body] == ["heading", "paragraph", "quote", "call_to_action"]
        assert page.body[2].value["quote"] == "Sammen står vi sterkere."

    def test_pages_are_routable_renderable_editable_and_previewable(self):
        page = StandardPage(title="Vedtekter", slug="vedtekter", intro="Om organisasjonen.")
        self.home.add_child(instance=page)
        page.save_revision().publish()
        for target in (self.home, page):
            # assertPageIsRoutable cannot see past the /nb/ prefix of i18n_patterns, so routing is
            # checked through the real URL instead.
            self.assertEqual(self.client.get(target.url).status_code, 200)
            self.assertPageIsRenderable(target)
            form_data = nested_form_data(
                {"title": target.title, "slug": target.slug, "intro": target.intro, "body": streamfield([])}
            )
            self.assertPageIsEditable(target, post_data=form_data)
            self.assertPageIsPreviewable(target, post_data=form_data)


@pytest.mark.django_db
def test_example_content_is_marked_for_readers(client, demo_site):
    html = client.get(demo_site["uk"]["privacy"].url).content.decode()
    assert "notice--example" in html
    assert "notice--example" not in client.get(demo_site["uk"]["about"].url).content.decode()


@pytest.mark.django_db
def test_call_to_action_needs_exactly_one_target():
    from django.core.exceptions import ValidationError

    from home.blocks import CallToActionBlock

    block = CallToActionBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"title": "T", "text": "", "page": None, "url": "", "button_label": "B"}))
    assert block.clean(
        block.to_python({"title": "T", "text": "", "page": None, "url": "https://example.org/", "button_label": "B"})
    )
