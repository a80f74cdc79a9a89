"""Names stored as rows, in each user's admin language: groups, workflows, tasks and permissions.

They are rows, stored once in English ("Moderators", "Moderation", "Moderators approve"), and Wagtail
prints them as they are on every screen. Each is a msgid of our catalogue: while the admin answers a
request (accounts/admin_language.py), an instance loaded with such a name carries its translation instead
(post_init), so every screen prints it in the user's language; saved, it is stored as its msgid again
(pre_save), also when an administrator saves a form that shows the translation. A name typed anew is
kept as typed. Permissions are named by Django and Wagtail in English ("Can add footer") and are
only ever read. Outside the admin (management commands, the public site) names stay as stored.
"""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.utils.translation import gettext, override
from django.utils.translation import gettext_lazy as _

# Wagtail's default groups and workflow, and ours (home/migrations/0005 and 0008, news/workflow.py).
TRANSLATED_NAMES = {
    "Editors": _("Editors"),
    "Moderators": _("Moderators"),
    "Secretariat": _("Secretariat"),
    "Translators (uk)": _("Translators (uk)"),
    "Translators (en)": _("Translators (en)"),
    "Moderators approval": _("Moderators approval"),
    "Moderation": _("Moderation"),
    "Moderators approve": _("Moderators approve"),
}


_in_admin = ContextVar("admin_names_translated", default=False)


@contextmanager
def translated() -> Iterator[None]:
    """Names loaded within are in the active language."""
    token = _in_admin.set(True)
    try:
        yield
    finally:
        _in_admin.reset(token)


def translated_name(sender, instance, **kwargs) -> None:
    name = instance.__dict__.get("name")  # absent when the query deferred it
    if _in_admin.get() and name in TRANSLATED_NAMES:
        instance.name = gettext(name)


# Django and Wagtail name a model's permissions in English when they create them ("Can add footer",
# "Can publish main navigation"); the admin's permission tables read them out to screen readers.
DEFAULT_PERMISSION = re.compile(r"Can (?P<action>add|change|delete|view|publish|lock|unlock) (?P<model>.+)")
PERMISSION_NAMES = {
    "add": _("Can add %(model)s"),
    "change": _("Can change %(model)s"),
    "delete": _("Can delete %(model)s"),
    "view": _("Can view %(model)s"),
    "publish": _("Can publish %(model)s"),
    "lock": _("Can lock %(model)s"),
    "unlock": _("Can unlock %(model)s"),
}
# Permissions a library declares without a msgid of its catalogue (django-contrib-comments).
OTHER_PERMISSION_NAMES = {"Can moderate comments": _("Can moderate comments")}


def translated_permission_name(sender, instance, **kwargs) -> None:
    name = instance.__dict__.get("name")
    if not (_in_admin.get() and name):
        return
    if match := DEFAULT_PERMISSION.fullmatch(name):
        # The model's own name, a msgid of its app's catalogue (verbose_name_raw).
        instance.name = gettext(PERMISSION_NAMES[match["action"]]) % {"model": gettext(match["model"])}
    else:  # a permission of the model's Meta, mostly named with a msgid of its app ("Publish any page")
        instance.name = str(OTHER_PERMISSION_NAMES.get(name) or gettext(name))


def stored_name(sender, instance, **kwargs) -> None:
    name = instance.name
    if instance.pk is None:
        return
    stored = sender.objects.filter(pk=instance.pk).values_list("name", flat=True).first()
    if stored in TRANSLATED_NAMES and name in translations_of(stored):
        instance.name = stored


def translations_of(msgid: str) -> set[str]:
    names = set()
    for code, _name in settings.LANGUAGES:
        with override(code):
            names.add(str(TRANSLATED_NAMES[msgid]))
    return names


def connect(models) -> None:
    from django.contrib.auth.models import Permission
    from django.db.models.signals import post_init, post_save, pre_save

    post_init.connect(translated_permission_name, sender=Permission)
    for model in models:
        post_init.connect(translated_name, sender=model)
        pre_save.connect(stored_name, sender=model)
        post_save.connect(translated_name, sender=model)
