"""The interest form: where a municipality, county, organisation or business says it wants a partner.
A submission opens an interest case (models/cases.py)."""

from urllib.parse import urlencode

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField

from home.form_pages import PublicFormPage
from home.forms import HONEYPOT_FIELD
from home.models import BasePage, StableKeyFormField
from home.routing import parent_on_path

from ..forms import InterestForm
from .cases import InterestCase


class InterestFormField(StableKeyFormField):
    page = ParentalKey("partnerships.InterestFormPage", on_delete=models.CASCADE, related_name="form_fields")

    reserved_keys = frozenset({*InterestForm.base_fields, "consent", HONEYPOT_FIELD})


class InterestFormPage(PublicFormPage):
    """Where a municipality, county, organisation or business says it wants a partner.

    Every submission becomes one InterestCase on the source-language (nb) page, recording the
    language it came in, so the cases of all three languages are one dataset."""

    thank_you_text = models.TextField(_("text after sending"), blank=True)

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("privacy_page"),
        InlinePanel("form_fields", label=_("Extra questions")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel([FieldPanel("to_address"), FieldPanel("subject")], heading=_("Notify the secretariat")),
    ]
    # Not its questions or where answers go.
    api_fields = [APIField("intro")]
    parent_page_types = ["partnerships.PartnershipsIndexPage"]
    base_form_class_for_visitors = InterestForm
    form_name = "partnership_interest"
    builtin_keys = frozenset(InterestForm.base_fields)
    # Signs the case id in the done page's address; changing it would break the addresses just sent.
    done_salt = "partnerships.interest.done"
    template = "partnerships/interest_form_page.html"
    landing_page_template = "partnerships/interest_done.html"

    class Meta:
        verbose_name = _("partnership interest form")

    def get_submission_class(self):
        return InterestCase

    def process_form_submission(self, form):
        return InterestCase.submit(self, form.cleaned_data, self.editor_answers(form), self.locale.language_code)

    def get_landing_context(self, submission) -> dict:
        return {"case": submission}

    def submissions_admin_url(self, export_format: str | None = None) -> str:
        url = reverse("interest_cases:index")
        return url + "?" + urlencode({"export": export_format}) if export_format else url

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["index"] = parent_on_path(request, self)
        return context
