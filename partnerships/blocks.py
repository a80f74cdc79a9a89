"""Blocks for stories and partner descriptions: the site's stream plus a gallery and a milestone timeline."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock

from home.blocks import BaseStreamBlock


class GalleryImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("Describe what the image shows for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")


class GalleryBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=200)
    images = blocks.ListBlock(GalleryImageBlock(), label=_("Images"), min_num=1)

    class Meta:
        icon = "image"
        label = _("Gallery")
        template = "partnerships/blocks/gallery_block.html"
        preview_value = {"title": "Fra besøket", "images": []}

    def get_preview_value(self):
        image = get_image_model().objects.order_by("pk").first()
        images = [{"image": image.pk, "alt_text": "Eksempelbilde", "caption": "Eksempel"}] if image else []
        return self.to_python({"title": "Fra besøket", "images": images})


STAGES = [
    ("first_contact", _("First contact")),
    ("letter_of_intent", _("Letter of intent")),
    ("agreement", _("Agreement")),
    ("delivery", _("Delivery")),
    ("other", _("Other")),
]


class MilestoneValue(blocks.StructValue):
    def stage_label(self):
        return dict(STAGES).get(self.get("stage"), "")

    def stage_label_if_new(self) -> str:
        """The stage's name, unless the milestone's own title already says it (a step "First contact"
        at the stage First contact) or the stage is Other: a label is shown once."""
        if self.get("stage") == "other":
            return ""
        label = str(self.stage_label())
        return "" if label.casefold() == (self.get("title") or "").strip().casefold() else label


class MilestoneBlock(blocks.StructBlock):
    stage = blocks.ChoiceBlock(label=_("Stage"), choices=STAGES, default="first_contact")
    date = blocks.DateBlock(label=_("Date"), required=False)
    title = blocks.CharBlock(label=_("What happened"), max_length=200)
    text = blocks.TextBlock(label=_("Details"), required=False)

    class Meta:
        icon = "date"
        label = _("Milestone")
        value_class = MilestoneValue


class TimelineBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=200)
    milestones = blocks.ListBlock(MilestoneBlock(), label=_("Milestones"), min_num=1)

    class Meta:
        icon = "list-ol"
        label = _("Milestone timeline")
        template = "partnerships/blocks/timeline_block.html"
        preview_value = {
            "title": "Fra første kontakt til avtale",
            "milestones": [
                {"stage": "first_contact", "date": None, "title": "Første kontakt", "text": ""},
                {"stage": "letter_of_intent", "date": None, "title": "Intensjonsavtale", "text": ""},
                {"stage": "agreement", "date": None, "title": "Avtale signert", "text": ""},
                {"stage": "delivery", "date": None, "title": "Første leveranse", "text": ""},
            ],
        }
        description = _("First contact, letter of intent, agreement and deliveries, in order.")


class StoryStreamBlock(BaseStreamBlock):
    gallery = GalleryBlock()
    timeline = TimelineBlock()

    class Meta:
        label = _("Content")
