"""How the secretariat's screens show what people sent: answers to the editors' questions under
their labels, and times in one zone and one format. Shared by the registration and interest-case
admin, so that a list and its inspect view never disagree."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.views.generic import TemplateView

from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import ButtonsColumnMixin, Column, TitleColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Locale

EMPTY = "–"


def admin_datetime(value: datetime.datetime | None) -> str:
    """A stored time in the admin's time zone (Europe/Oslo unless the user chose another) and the
    admin language's long format. Wagtail's inspect view printed aware times in UTC while its list
    printed local time, an hour or two apart."""
    if value is None:
        return EMPTY
    return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")


class LocalDateTimeColumn(Column):
    """A list column with the same time as the inspect view shows."""

    def get_value(self, instance):
        return admin_datetime(super().get_value(instance))


class InspectTitleColumn(ButtonsColumnMixin, TitleColumn):
    """A record list's first column: the record's name leading to its inspect view (everything the
    person sent, one click from the list; `url_name` names it), with the actions `buttons_for(record)`
    gives (the list's own "…" menu: edit …) beside it."""

    def __init__(self, name, *, buttons_for=None, **kwargs):
        super().__init__(name, **kwargs)
        self.buttons_for = buttons_for

    def get_buttons(self, instance, parent_context):
        return self.buttons_for(instance) if self.buttons_for else []


def question_labels(form_page) -> dict[str, str]:
    """{key: label} of a form page's questions, in the active (admin) language where the page has a
    translation in it, else in the page's own language."""
    if form_page is None:
        return {}
    labels = {field.clean_name: field.label for field in form_page.form_fields.all()}
    locale = Locale.get_active()
    if locale.pk != form_page.locale_id:
        translated = form_page.get_translation_or_none(locale)
        if translated is not None:
            labels.update(
                {field.clean_name: field.label for field in translated.specific.form_fields.all() if field.label}
            )
    return labels


def answer_text(value) -> str:
    """An answer as people read it: lists joined, yes/no for a checkbox, a dash for nothing."""
    if value is None or value == "" or value == []:
        return EMPTY
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, list | tuple):
        return ", ".join(answer_text(item) for item in value)
    if isinstance(value, dict):
        return "; ".join(f"{key}: {answer_text(item)}" for key, item in value.items())
    if isinstance(value, int | float | Decimal):
        return formats.localize(value, use_l10n=True)
    return str(value)


def answer_rows(form_page, answers: dict | None) -> list[tuple[str, str]]:
    """(question, answer) for every stored answer: the form's questions in their order, then keys
    the form no longer asks (a question removed after people answered it) under the key itself, in
    alphabetical order (PostgreSQL's jsonb keeps no order of its own)."""
    answers = answers or {}
    labels = question_labels(form_page)
    keys = [key for key in labels if key in answers] + sorted(key for key in answers if key not in labels)
    return [(labels.get(key, key), answer_text(answers[key])) for key in keys]


class AnswerList(Component):
    """The answers as a definition list, for Wagtail's inspect view."""

    template_name = "home/admin/answers.html"

    def __init__(self, form_page, answers):
        self.rows = answer_rows(form_page, answers)

    def get_context_data(self, parent_context=None):
        return {"rows": self.rows}


class RestrictedAdminPage(WagtailAdminTemplateMixin, TemplateView):
    """An admin page of our own for those `may_enter` lets in (everyone else gets 403), headed with
    its title after Wagtail's breadcrumbs, as Wagtail's own listings are."""

    def may_enter(self, user) -> bool:
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        if not self.may_enter(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]
