"""Share cards: a page without a picture of its own is shared with a 1200×630 card drawn from its title
(Cyrillic included) in the site's font and colours, drawn once per title and only when asked for."""

import io

import pytest
from bs4 import BeautifulSoup
from PIL import Image, ImageFont

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

import wagtail_factories

from home.factories import StandardPageFactory, publish_translation
from partnerships.factories import PartnerPageFactory, PartnershipsIndexPageFactory
from seo import share_images

pytestmark = pytest.mark.django_db

LONG_UKRAINIAN = (
    "Співпраця між муніципалітетами Норвегії та України: відбудова, освіта, охорона здоров’я і культура "
    "в громадах Кривого Рогу та Люнгдала після повномасштабного вторгнення, розповідь за три роки"
)


@pytest.fixture(autouse=True)
def fresh_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def drawings(monkeypatch):
    """The titles drawn during the test, in order."""
    drawn = []
    draw = share_images.draw_card

    def counting(title, *args, **kwargs):
        drawn.append(title)
        return draw(title, *args, **kwargs)

    monkeypatch.setattr(share_images, "draw_card", counting)
    return drawn


def png(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def head(client, page) -> dict[str, str]:
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    tags = soup.select("meta[property^='og:'], meta[name^='twitter:']")
    return {tag.get("property") or tag.get("name"): tag["content"] for tag in tags}


def fetch(client, url):
    return client.get(url.removeprefix("http://testserver"))


def test_a_card_is_a_1200_by_630_png():
    image = png(share_images.draw_card("Kommunekonferansen 2023"))
    assert (image.format, image.size) == ("PNG", (1200, 630))


def test_cards_of_different_titles_differ():
    assert share_images.draw_card("Om oss") != share_images.draw_card("Personvern")


def test_pillow_reads_the_sites_woff2_font():
    font = ImageFont.truetype(str(share_images.FONT_BOLD), 60)
    left, top, right, bottom = font.getbbox("Київ")
    assert right - left > 60 and bottom - top > 30


def test_cyrillic_letters_are_drawn_as_letters_not_as_missing_glyph_boxes():
    """A font without Cyrillic draws every letter as the same box: these two titles would be one card."""
    assert share_images.draw_card("ЖЖЖЖ") != share_images.draw_card("ФФФФ")
    font = ImageFont.truetype(str(share_images.FONT_BOLD), 60)
    missing_glyph = font.getmask("\ue000").getbbox()
    assert font.getmask("Ж").getbbox() != missing_glyph


def test_a_long_ukrainian_title_is_wrapped_and_shrunk_to_fit():
    font, lines = share_images._fit_title(LONG_UKRAINIAN, 1040, 400)
    assert len(lines) > 3 and font.size < max(share_images.TITLE_SIZES)
    assert all(font.getlength(line) <= 1040 for line in lines)
    assert png(share_images.draw_card(LONG_UKRAINIAN)).size == (1200, 630)


def test_the_card_uses_the_sites_colours():
    image = png(share_images.draw_card("Om oss")).convert("RGB")
    colours = share_images.site_colours()
    assert "#{:02x}{:02x}{:02x}".format(*image.getpixel((5, 5))) == colours["blue"].lower()
    assert "#{:02x}{:02x}{:02x}".format(*image.getpixel((5, 625))) == colours["yellow"].lower()


def test_a_card_being_drawn_by_another_request_is_waited_for_not_drawn_twice(drawings, monkeypatch):
    name = share_images.storage_name(share_images.card_key("Om oss", "nb"))
    cache.add(f"share-card-lock:{name}", 1, 30)  # another request holds the lock and is drawing

    def other_request_finishes(_seconds):
        default_storage.save(name, ContentFile(b"drawn by the other request"))

    monkeypatch.setattr(share_images.time, "sleep", other_request_finishes)
    assert share_images.stored_card("Om oss", "nb") == name
    assert drawings == []
    assert default_storage.open(name).read() == b"drawn by the other request"


@pytest.fixture
def about(homes):
    page = StandardPageFactory(parent=homes["nb"], title="Om oss", slug="om-oss")
    return {"nb": page, "uk": publish_translation(page, "uk", title=LONG_UKRAINIAN)}


def test_og_image_of_a_page_without_a_picture_is_its_card(client, about):
    tags = head(client, about["uk"])
    assert tags["og:image"].startswith("http://testserver/share/")
    assert (tags["og:image:width"], tags["og:image:height"]) == ("1200", "630")
    assert tags["og:image:alt"] == LONG_UKRAINIAN
    assert tags["twitter:card"] == "summary_large_image"
    assert tags["twitter:image"] == tags["og:image"]
    response = fetch(client, tags["og:image"])
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert png(b"".join(response.streaming_content)).size == (1200, 630)


def test_each_language_has_its_own_card(client, about):
    assert head(client, about["nb"])["og:image"] != head(client, about["uk"])["og:image"]


def test_rendering_a_page_draws_nothing(client, about, drawings):
    head(client, about["nb"])
    assert drawings == []


def test_a_card_is_drawn_once(client, about, drawings):
    url = head(client, about["nb"])["og:image"]
    first = b"".join(fetch(client, url).streaming_content)
    second = b"".join(fetch(client, url).streaming_content)
    assert drawings == ["Om oss"]
    assert first == second


def test_a_new_title_makes_a_new_card_and_the_old_address_leads_to_it(client, about, drawings):
    page = about["nb"]
    old = head(client, page)["og:image"]
    page.title = "Om s2pU"
    page.save_revision().publish()
    new = head(client, page)["og:image"]
    assert new != old
    response = fetch(client, old)
    assert response.status_code == 302 and response["Location"] == new.removeprefix("http://testserver")
    fetch(client, new)
    assert drawings == ["Om s2pU"]


def test_no_card_for_a_draft_page(client, about):
    url = head(client, about["nb"])["og:image"]
    about["nb"].unpublish()
    assert fetch(client, url).status_code == 404


@pytest.mark.parametrize("path", ["/share/99999-0123456789abcdef01234567.png", "/share/1-nothex.png", "/share/x.png"])
def test_a_made_up_card_address_is_not_found(client, homes, path):
    assert client.get(path).status_code == 404


def test_a_partner_with_a_coat_of_arms_is_shared_with_it(client, homes):
    index = PartnershipsIndexPageFactory(parent=homes["nb"])
    logo = wagtail_factories.ImageFactory(title="Lyngdal kommunevåpen")
    partner = PartnerPageFactory(parent=index, logo=logo)
    tags = head(client, partner)
    assert "/share/" not in tags["og:image"] and "/images/" in tags["og:image"]
    assert tags["og:image:alt"] and int(tags["og:image:width"]) <= 1200
