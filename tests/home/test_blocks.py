import pytest

from wagtail import blocks

from home.blocks import BaseStreamBlock

STREAM = BaseStreamBlock()


@pytest.mark.parametrize("name", list(STREAM.child_blocks))
def test_every_block_has_its_own_icon(name):
    icon = STREAM.child_blocks[name].meta.icon
    assert icon and icon != "placeholder"


@pytest.mark.parametrize("name", list(STREAM.child_blocks))
def test_every_block_has_a_label(name):
    assert STREAM.child_blocks[name].label


@pytest.mark.parametrize("name", list(STREAM.child_blocks))
def test_every_block_has_a_template(name):
    assert STREAM.child_blocks[name].meta.template


@pytest.mark.parametrize("name", list(STREAM.child_blocks))
def test_every_block_has_a_preview_value(name):
    assert STREAM.child_blocks[name].meta.preview_value is not None


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(STREAM.child_blocks))
def test_every_block_renders_its_preview(name):
    block = STREAM.child_blocks[name]
    html = block.render(block.get_preview_value())
    assert isinstance(html, str)


def test_image_block_requires_alt_text():
    assert STREAM.child_blocks["image"].child_blocks["alt_text"].required


def test_image_block_caption_is_optional():
    assert not STREAM.child_blocks["image"].child_blocks["caption"].required


def test_shared_blocks_cover_the_agreed_set():
    assert set(STREAM.child_blocks) == {
        "heading",
        "paragraph",
        "image",
        "quote",
        "call_to_action",
        "embed",
        "document",
        "table",
    }


def test_paragraph_block_is_rich_text():
    assert isinstance(STREAM.child_blocks["paragraph"], blocks.RichTextBlock)
