import pytest

from wagtail import blocks

from home.blocks import BaseStreamBlock

STREAM = BaseStreamBlock()


@pytest.mark.parametrize("name", list(STREAM.child_blocks))
def test_every_block_has_icon_label_template_and_preview(name):
    block = STREAM.child_blocks[name]
    assert block.meta.icon and block.meta.icon != "placeholder", name
    assert block.label, name
    assert block.meta.template, name
    assert block.meta.preview_value is not None, name


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(STREAM.child_blocks))
def test_every_block_renders_its_preview(name):
    block = STREAM.child_blocks[name]
    html = block.render(block.get_preview_value())
    assert isinstance(html, str)


def test_image_block_requires_alt_text():
    image_block = STREAM.child_blocks["image"]
    assert image_block.child_blocks["alt_text"].required
    assert not image_block.child_blocks["caption"].required


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
    assert isinstance(STREAM.child_blocks["paragraph"], blocks.RichTextBlock)
