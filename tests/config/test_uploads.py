"""What editors may upload, and how uploaded documents reach visitors (docs/security.md)."""

import io

import pytest
from PIL import Image

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from wagtail.documents.models import Document
from wagtail.images.fields import WagtailImageField

SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'


def png(width: int, height: int, name: str = "photo.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_an_image_within_the_limits_is_accepted():
    assert WagtailImageField().clean(png(40, 30))


def test_an_image_file_over_the_size_limit_is_refused():
    with override_settings(WAGTAILIMAGES_MAX_UPLOAD_SIZE=20), pytest.raises(ValidationError):
        WagtailImageField().clean(png(40, 30))


def test_an_image_over_the_pixel_limit_is_refused():
    # A small file can still decode to a huge bitmap that exhausts the server's memory.
    with override_settings(WAGTAILIMAGES_MAX_IMAGE_PIXELS=1000), pytest.raises(ValidationError):
        WagtailImageField().clean(png(40, 30))


def test_an_svg_image_is_refused():
    upload = SimpleUploadedFile("logo.svg", SVG, content_type="image/svg+xml")
    with pytest.raises(ValidationError):
        WagtailImageField().clean(upload)


@pytest.mark.parametrize("name", ["drawing.svg", "page.html", "script.js", "macro.docm"])
def test_a_document_outside_the_allow_list_is_refused(db, name):
    document = Document(title="Attempt", file=ContentFile(b"x", name=name))
    with pytest.raises(ValidationError):
        document.full_clean()


def test_a_pdf_document_is_allowed(db):
    Document(title="Programme", file=ContentFile(b"%PDF-1.4", name="programme.pdf")).full_clean()


@pytest.fixture
def svg_document(db):
    """An SVG that got in before the allow-list, or through a script: it must still never run."""
    return Document.objects.create(title="Drawing", file=ContentFile(SVG, name="drawing.svg"))


def test_documents_are_served_through_the_view(client, document):
    assert document.url.startswith("/documents/")
    assert client.get(document.url).status_code == 200


def test_a_pdf_downloads_as_an_attachment(client, document):
    assert client.get(document.url)["Content-Disposition"].startswith("attachment")


def test_an_svg_document_downloads_as_an_attachment(client, svg_document):
    assert client.get(svg_document.url)["Content-Disposition"].startswith("attachment")


def test_an_svg_document_runs_sandboxed_without_scripts(client, svg_document):
    policy = client.get(svg_document.url)["Content-Security-Policy"]
    assert "default-src 'none'" in policy
    assert "sandbox" in policy


def test_an_svg_document_is_never_sniffed(client, svg_document):
    assert client.get(svg_document.url)["X-Content-Type-Options"] == "nosniff"
