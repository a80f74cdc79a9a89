"""Images: none is stored without its alt text, and every image on a public page comes as AVIF and WebP
sources with a JPEG or PNG fallback, in several widths, with its size given so that nothing moves as it
loads."""

import pytest
from bs4 import BeautifulSoup

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation

import wagtail_factories
from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form
from wagtail.images.tests.utils import get_test_image_file

from events.factories import EventOrganiserFactory, OrganisationFactory
from tests.page_tree import build_page_tree

pytestmark = pytest.mark.django_db


# --- Alt text ----------------------------------------------------------------------------------------


def uploaded_image() -> SimpleUploadedFile:
    return SimpleUploadedFile("radhuset.png", get_test_image_file().file.getvalue(), content_type="image/png")


def image_form(**data):
    form_class = get_image_form(get_image_model())
    return form_class(data={"title": "Rådhuset", **data}, files={"file": uploaded_image()}, user=None, instance=None)


def test_an_image_without_alt_text_is_refused():
    form = image_form(description="")
    assert not form.is_valid()
    assert "description" in form.errors


def test_an_image_with_alt_text_is_saved():
    form = image_form(description="Rådhuset i Lyngdal i vintersol")
    assert form.is_valid(), form.errors


@pytest.mark.parametrize(("code", "label"), [("nb", "Alternativ tekst"), ("uk", "Альтернативний текст")])
def test_the_alt_text_field_is_named_in_the_editors_language(code, label):
    field = image_form().fields["description"]
    with translation.override("en"):
        english_help = str(field.help_text)
    with translation.override(code):
        assert str(field.label) == label
        assert str(field.help_text) != english_help


def test_the_admin_upload_refuses_an_image_without_alt_text(admin_client):
    response = admin_client.post(
        "/admin/images/add/", {"title": "Rådhuset", "description": "", "file": uploaded_image()}
    )
    assert response.status_code == 200
    assert not get_image_model().objects.filter(title="Rådhuset").exists()


# --- Responsive renditions ---------------------------------------------------------------------------


@pytest.fixture
def pages_with_images():
    """A page of each type that shows an image, each with one (and the article one in its body too)."""
    tree = build_page_tree()
    pages = tree["pages"]
    image = wagtail_factories.ImageFactory(title="Rådhuset", description="Rådhuset i Lyngdal i vintersol")
    logo = wagtail_factories.ImageFactory(title="Kommunevåpen", description="Lyngdals kommunevåpen")
    by_name = {model.__name__: page for model, page in pages.items()}

    event = by_name["EventPage"]
    event.hero_image = image
    event.save_revision().publish()
    EventOrganiserFactory(page=event, organisation=OrganisationFactory(locale=event.locale, logo=logo))
    event.save_revision().publish()

    article = by_name["NewsPage"]
    article.hero_image = image
    article.body = [("image", {"image": image, "alt_text": "Ordføreren taler", "caption": "", "credit": ""})]
    article.save_revision().publish()

    partner = by_name["PartnerPage"]
    partner.logo = logo
    partner.save_revision().publish()

    story = by_name["StoryPage"]
    story.body = [
        ("gallery", {"title": "", "images": [{"image": image, "alt_text": "Skoleelever i Butsja", "caption": ""}]})
    ]
    story.save_revision().publish()
    return [event, article, by_name["NewsIndexPage"], partner, story]


def test_every_image_on_a_public_page_is_a_responsive_picture(pages_with_images):
    client = Client()
    assert len(pages_with_images) == 5
    for page in pages_with_images:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        images = BeautifulSoup(response.content, "html.parser").select("main img")
        assert images, f"no image on {page.url}"
        for img in images:
            where = f"{page.url}: {img}"
            picture = img.parent
            assert picture.name == "picture", where
            sources = {source["type"]: source for source in picture.find_all("source")}
            assert set(sources) == {"image/avif", "image/webp"}, where
            for source in sources.values():
                assert source["srcset"].count(" ") >= 2 and "w," in source["srcset"], where  # two widths or more
                assert source.get("sizes"), where
            assert img["src"].endswith((".jpg", ".png")), where
            assert img.get("srcset"), where
            assert int(img["width"]) > 0 and int(img["height"]) > 0, where
            assert img.has_attr("alt"), where


def test_alt_text_is_the_images_own_or_the_blocks_and_decoration_is_explicit(pages_with_images):
    event, article, news_index, partner, story = pages_with_images
    client = Client()

    def images_of(page):
        return BeautifulSoup(client.get(page.url).content, "html.parser").select("main img")

    hero, in_body = images_of(article)
    assert hero["alt"] == "Rådhuset i Lyngdal i vintersol" and hero["lang"] == "nb"
    assert in_body["alt"] == "Ordføreren taler"
    assert [img["alt"] for img in images_of(story)] == ["Skoleelever i Butsja"]
    event_hero, organiser_logo = images_of(event)
    assert event_hero["alt"] == "Rådhuset i Lyngdal i vintersol"
    # Beside the name they stand for: decoration, so that screen readers do not say the name twice.
    assert organiser_logo["alt"] == ""
    assert [img["alt"] for img in images_of(partner)] == [""]
    assert [img["alt"] for img in images_of(news_index)] == [""]
