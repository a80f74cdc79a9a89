"""The permission to handle personal data (held by the Secretariat group)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PersonalDataAccess(models.Model):
    """No table: it carries the one permission to see and handle what visitors send through public
    forms (registrations, partnership interest, form submissions). Only the Secretariat group has it;
    privacy/secretariat.py checks it for every app."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [("handle_personal_data", _("Can see and handle personal data sent through public forms"))]
        verbose_name = _("personal data")

    def __str__(self):
        return str(self._meta.verbose_name)
