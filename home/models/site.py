"""Settings per site."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

NORWAY_CALLING_CODE = "47"


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    contact_email = models.EmailField(_("contact email"), blank=True)
    phone = models.CharField(
        _("phone"), max_length=40, blank=True, help_text=_("With the country code, for example +47 91 10 60 45.")
    )
    organisation_number = models.CharField(
        _("organisation number"), max_length=20, blank=True, help_text=_("Norwegian organisation number.")
    )

    panels = [FieldPanel("contact_email"), FieldPanel("phone"), FieldPanel("organisation_number")]

    class Meta:
        verbose_name = _("site settings")

    @property
    def international_phone(self) -> str:
        """The phone as readers abroad dial it: a number typed without its country code is
        Norwegian (the organisation's own), so it gets +47; "00" becomes "+"."""
        number = " ".join(self.phone.split())
        if not number or number.startswith("+"):
            return number
        if number.startswith("00"):
            return "+" + number[2:].lstrip()
        return f"+{NORWAY_CALLING_CODE} {number}"

    @property
    def phone_uri(self) -> str:
        """tel:+4791106045, for the link."""
        number = self.international_phone
        return "tel:+" + "".join(char for char in number if char.isdigit()) if number else ""
