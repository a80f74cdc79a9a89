"""The shared stream of content blocks used by every page type on the site."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents import get_document_model
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock

from .front_page import default_home, render_section, section_choices, section_for


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Level 2")), ("h3", _("Level 3")), ("h4", _("Level 4"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "components/blocks/heading_block.html"
        preview_value = {"text": "Kommunesamarbeid mellom Norge og Ukraina", "level": "h2"}
        description = _("A section heading; level 2 for main sections.")


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", ["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"])
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Text")
        template = "components/blocks/paragraph_block.html"
        preview_value = (
            "<p>Norske og ukrainske kommuner samarbeider om lokaldemokrati, tjenester og gjenoppbygging.</p>"
        )


class _FirstStoredObjectPreviewMixin:
    """Image and document blocks preview with whatever the library holds first, if anything."""

    preview_model_getter = None
    preview_field = None

    def get_preview_value(self):
        value = dict(self.meta.preview_value)
        value[self.preview_field] = type(self).preview_model_getter().objects.order_by("pk").first()
        return self.to_python({k: getattr(v, "pk", v) for k, v in value.items()})


class ImageBlock(_FirstStoredObjectPreviewMixin, blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("Describe what the image shows for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)
    credit = blocks.CharBlock(label=_("Photo credit"), required=False, max_length=120)

    preview_model_getter = staticmethod(get_image_model)
    preview_field = "image"

    class Meta:
        icon = "image"
        label = _("Image")
        template = "components/blocks/image_block.html"
        preview_value = {
            "alt_text": "Deltakere på kommunekonferansen",
            "caption": "Kommunekonferansen i Oslo",
            "credit": "",
        }


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), max_length=200)
    role = blocks.CharBlock(label=_("Role or title"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "components/blocks/quote_block.html"
        preview_value = {
            "quote": "Et langsiktig samarbeid styrker lokaldemokratiet.",
            "attribution": "Eksempel Eksempelsen",
            "role": "Eksempelinnhold",
        }


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("Or external address"), required=False)
    button_label = blocks.CharBlock(label=_("Button label"), max_length=60)

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "components/blocks/call_to_action_block.html"
        preview_value = {
            "title": "Meld deg på konferansen",
            "text": "Velg dag 1, dag 2 eller begge.",
            "url": "https://example.org/",
            "button_label": "Til påmeldingen",
        }

    def clean(self, value):
        from django.core.exceptions import ValidationError

        from wagtail.blocks import StructBlockValidationError

        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            message = _("Choose a page or enter an address, not both.")
            raise StructBlockValidationError(block_errors={"page": ValidationError(message)})
        return value


class VideoEmbedBlock(EmbedBlock):
    class Meta:
        icon = "media"
        label = _("Video or embed")
        template = "components/blocks/embed_block.html"
        preview_value = "https://www.youtube.com/watch?v=aqz-KE-bpKQ"


class DocumentLinkBlock(_FirstStoredObjectPreviewMixin, blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(label=_("Link text"), required=False, max_length=200)

    preview_model_getter = staticmethod(get_document_model)
    preview_field = "document"

    class Meta:
        icon = "doc-full"
        label = _("Document link")
        template = "components/blocks/document_link_block.html"
        preview_value = {"title": "Program (PDF)"}


class ContentTableBlock(TableBlock):
    """A table whose caption and cells are translated with the page: wagtail-localize ignores a block
    it does not know, and a table is not one it knows, so it asks the block for its strings
    (`get_translatable_segments`) and hands the translations back (`restore_translated_segments`).
    Without these two a translated page shows the source's table."""

    def get_translatable_segments(self, value) -> list:
        from wagtail_localize.segments import StringSegmentValue

        if not value:
            return []
        segments = []
        if value.get("table_caption"):
            segments.append(StringSegmentValue("caption", value["table_caption"]))
        for row_number, row in enumerate(value.get("data") or []):
            for column_number, cell in enumerate(row or []):
                if isinstance(cell, str) and cell.strip():
                    segments.append(StringSegmentValue(f"cell.{row_number}.{column_number}", cell))
        return segments

    def restore_translated_segments(self, value, segments) -> dict:
        value = {**value, "data": [list(row or []) for row in value.get("data") or []]}
        for segment in segments:
            text = segment.render_text()
            kind, _dot, position = segment.path.partition(".")
            if kind == "caption":
                value["table_caption"] = text
            elif kind == "cell":
                row_number, column_number = (int(number) for number in position.split("."))
                value["data"][row_number][column_number] = text
        return value

    class Meta:
        icon = "table"
        label = _("Table")
        template = "components/blocks/table_block.html"
        preview_value = {
            "first_row_is_table_header": True,
            "first_col_is_header": False,
            "data": [["Dag", "Tema"], ["29. august", "Kommunesamarbeid"], ["30. august", "Holodomor"]],
        }


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = ImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    embed = VideoEmbedBlock()
    document = DocumentLinkBlock()
    table = ContentTableBlock()

    class Meta:
        label = _("Content")


class NavigationLinkBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("Or external address"), required=False)
    label = blocks.CharBlock(label=_("Label"), required=False, help_text=_("Defaults to the page title."))

    class Meta:
        icon = "link"
        label = pgettext_lazy("navigation menu item", "Link")
        template = "components/navigation_link.html"
        preview_value = {"url": "https://example.org/", "label": "Konferansen"}


class SocialLinkBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Label"), max_length=60)
    url = blocks.URLBlock(label=_("Address"))

    class Meta:
        icon = "site"
        label = _("Social link")
        template = "components/social_link.html"
        preview_value = {"label": "Facebook", "url": "https://www.facebook.com/"}


class FrontPageSectionBlock(blocks.StructBlock):
    """A part of the front page that an app provides (home.front_page): the next conference, the
    latest stories, the figures and map, the way in for a municipality. Placed in the home page's
    body, it puts that section there; a body with none shows every section in its usual order."""

    section = blocks.ChoiceBlock(label=_("Section"), choices=section_choices)
    heading = blocks.CharBlock(
        label=_("Heading"),
        required=False,
        default="",
        max_length=120,
        help_text=_("Leave empty for the usual heading."),
    )
    pinned = blocks.PageChooserBlock(
        label=_("Pinned page"),
        required=False,
        help_text=_(
            "Optional: show this event or story instead of the latest. Shown in the reader's language when "
            "it is translated; otherwise the latest is shown."
        ),
    )

    class Meta:
        icon = "placeholder"
        label = _("Front page section")
        template = "components/front_page/section_block.html"
        preview_value = {"section": "next-conference", "heading": ""}
        description = _("The next conference, the latest stories, the figures and map, or the way in for a partner.")

    def get_searchable_content(self, value):
        # The section's name is an editor's instruction, not text on the page: a search must not find
        # the home page by "latest stories".
        return [value["heading"]] if value.get("heading") else []

    def clean(self, value):
        from django.core.exceptions import ValidationError

        from wagtail.blocks import StructBlockValidationError

        value = super().clean(value)
        section = section_for(value.get("section"))
        pinned = value.get("pinned")
        if pinned is not None and section is not None and not section.can_pin(pinned):
            message = _("This section cannot show the chosen page; choose another page or none.")
            raise StructBlockValidationError(block_errors={"pinned": ValidationError(message)})
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        parent_context = parent_context or {}
        home = parent_context.get("page")
        request = parent_context.get("request")
        if home is None or not hasattr(home, "locale"):
            home = default_home(request)
        context["section_html"] = render_section(
            value["section"],
            home,
            request,
            heading=value.get("heading") or "",
            pinned=value.get("pinned"),
            anchor=parent_context.get("front_page_anchor", ""),
        )
        return context


class HomePageStreamBlock(BaseStreamBlock):
    front_page_section = FrontPageSectionBlock()

    class Meta:
        label = _("Content")
