"""Page types: tree rules, creation through the admin, rendering, and one factory per page model."""

import importlib

import pytest
from bs4 import BeautifulSoup

from django.apps import apps
from django.core.exceptions import ValidationError

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from home.blocks import CallToActionBlock
from home.factories import HomePageFactory, LocaleFactory, StandardPageFactory
from home.models import StandardPage
from home.sites import sync_default_site
from tests.roles import sign_in

PROJECT_APPS = {
    "home",
    "translations",
    "accounts",
    "outbox",
    "privacy",
    "ops",
    "seo",
    "events",
    "partnerships",
    "news",
    "search",
}


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


class TestStandardPageInAdmin(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        # An empty slug: the demo's home pages may share the root; the site's root page decides what /nb/ is.
        cls.home = HomePageFactory(parent=Page.get_first_root_node(), slug="", locale=LocaleFactory(language_code="nb"))
        sync_default_site(cls.home)
        cls.page = StandardPageFactory(parent=cls.home, title="Vedtekter", slug="vedtekter", intro="Om organisasjonen.")
        cls.page.save_revision().publish()

    def setUp(self):
        # Wagtail's page assertions log this user in again, which keeps the session's second factor.
        self.user = self.create_test_user()
        sign_in(self.client, self.user)

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

    def edit_form_data(self, page):
        return nested_form_data({"title": page.title, "slug": page.slug, "intro": page.intro, "body": streamfield([])})

    def test_pages_are_served_at_their_address(self):
        # assertPageIsRoutable cannot see past the /nb/ prefix of i18n_patterns, so routing is
        # checked through the real URL instead.
        self.assertEqual(self.client.get(self.home.url).status_code, 200)
        self.assertEqual(self.client.get(self.page.url).status_code, 200)

    def test_pages_are_renderable(self):
        self.assertPageIsRenderable(self.home)
        self.assertPageIsRenderable(self.page)

    def test_pages_are_editable(self):
        sign_in(self.client, self.user)  # the assertion signs out when it is done
        self.assertPageIsEditable(self.home, post_data=self.edit_form_data(self.home), user=self.user)
        sign_in(self.client, self.user)
        self.assertPageIsEditable(self.page, post_data=self.edit_form_data(self.page), user=self.user)

    def test_pages_are_previewable(self):
        sign_in(self.client, self.user)  # the assertion signs out when it is done
        self.assertPageIsPreviewable(self.home, post_data=self.edit_form_data(self.home), user=self.user)
        sign_in(self.client, self.user)
        self.assertPageIsPreviewable(self.page, post_data=self.edit_form_data(self.page), user=self.user)


@pytest.fixture
def notice_of(client):
    def notice(page):
        response = client.get(page.url)
        assert response.status_code == 200
        return BeautifulSoup(response.content, "html.parser").select_one("div.notice.notice--example")

    return notice


@pytest.mark.django_db
def test_example_content_is_marked_for_readers(homes, notice_of):
    page = StandardPageFactory(parent=homes["uk"], locale=homes["uk"].locale, is_example_content=True)
    assert notice_of(page) is not None


@pytest.mark.django_db
def test_real_content_is_not_marked_as_example(homes, notice_of):
    page = StandardPageFactory(parent=homes["uk"], locale=homes["uk"].locale, is_example_content=False)
    assert notice_of(page) is None


def call_to_action(**targets):
    block = CallToActionBlock()
    return block, block.to_python({"title": "T", "text": "", "page": None, "url": "", "button_label": "B", **targets})


@pytest.mark.django_db
def test_call_to_action_without_a_target_is_refused():
    block, value = call_to_action()
    with pytest.raises(ValidationError):
        block.clean(value)


@pytest.mark.django_db
def test_call_to_action_with_an_address_is_accepted():
    block, value = call_to_action(url="https://example.org/")
    assert block.clean(value)
