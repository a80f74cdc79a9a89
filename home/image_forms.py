"""The admin's image form (WAGTAILIMAGES_IMAGE_FORM_BASE): an image cannot be saved without the text
that stands in for it. Wagtail uses the image's description as its alt text wherever a template does
not give one, marked as Norwegian (lang="nb"), the source language; templates that show an image as
decoration say so with alt=""."""

from django.utils.translation import gettext_lazy as _

from wagtail.images.forms import BaseImageForm


class ImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Forms built for a partial update (Wagtail's multiple upload stores the file first) lack the
        # field; the edit form that follows it has it.
        if "description" in self.fields:
            description = self.fields["description"]
            description.required = True
            description.label = _("Alternative text")
            description.help_text = _(
                "What the image shows, for people who cannot see it: read aloud by screen readers and "
                "shown when the image does not load. Write it in Norwegian: pages in every language use it."
            )
