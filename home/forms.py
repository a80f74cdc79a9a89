"""One way of drawing every form the public fills in (registration, interest, managing a registration,
the partner and story filters): Django's form rendering with the site's own form and field templates.

Only these forms use the templates: each subclasses PublicForm, whose renderer is set on the class,
so that the Wagtail admin keeps Django's and its own. The templates live in templates/components/forms/;
TemplatesSetting finds them there and Django's widget templates through the `django.forms` app.

What people type is made plain text on the way in (PlainTypedText): no line breaks in a single-line
answer, no control or direction-override characters anywhere (docs/security.md).
"""

import hashlib
import unicodedata

from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils import translation
from django.utils.functional import Promise
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.forms.forms import FormBuilder

from home import content_cache

# What an editor's question asks for, as the HTML autocomplete token that lets browsers fill it in:
# required for questions about the person filling in the form (WCAG 2.1 AA, 1.3.5).
AUTOCOMPLETE_CHOICES = [
    ("name", _("Full name")),
    ("email", _("Email address")),
    ("tel", _("Phone number")),
    ("organization", _("Organisation")),
    ("organization-title", _("Job title or role")),
    ("street-address", _("Street address")),
    ("postal-code", _("Postcode")),
    ("address-level2", _("Town or city")),
    ("country-name", _("Country")),
    ("url", _("Website")),
]


class PublicFormRenderer(TemplatesSetting):
    form_template_name = "components/forms/form.html"
    field_template_name = "components/forms/field.html"


class CachedRendering:
    """An empty form's visible fields drawn once and kept in the content cache under a description of
    those fields (their types, labels, help, choices, initial values … in the active language): two
    forms described alike are drawn alike, so a page's form costs its drawing only when a question,
    a translation or a day's "full" mark changes. The hidden fields (the comment form's signed
    timestamp) are drawn for each request. A form sent back (bound) is always drawn afresh: it shows
    what the person typed and their errors."""

    def render(self, template_name=None, context=None, renderer=None):
        description = None if (self.is_bound or template_name or context or renderer) else self._description()
        if description is None:
            return super().render(template_name, context, renderer)

        def draw():
            return super(CachedRendering, self).render(context={**self.get_context(), "hidden_fields": []})

        visible = content_cache.get_or_set(f"form:{description}", translation.get_language() or "", draw)
        return visible + format_html_join("", "{}", ((field,) for field in self.hidden_fields()))

    # Django's forms draw themselves through these two, bound to its own render at class creation.
    __str__ = render
    __html__ = render

    def _description(self) -> str | None:
        """A digest of everything the visible fields show; None when a value is computed on each
        drawing (a callable initial value), which cannot be kept."""
        visible = {name: field for name, field in self.fields.items() if not field.widget.is_hidden}
        initial = {name: value for name, value in self.initial.items() if name in visible}
        if any(callable(value) for value in [*initial.values(), *(field.initial for field in visible.values())]):
            return None
        parts = [type(self).__qualname__, self.prefix, self.auto_id, self.label_suffix, initial]
        for name, field in visible.items():
            parts.append(
                [
                    name,
                    type(field).__qualname__,
                    type(field.widget).__qualname__,
                    field.label,
                    field.help_text,
                    field.required,
                    field.disabled,
                    field.initial,
                    field.label_suffix,
                    field.widget.attrs,
                    list(getattr(field, "choices", ())),
                ]
            )
        return hashlib.sha256(repr(_plain(parts)).encode()).hexdigest()


def _plain(value):
    """`value` with translatable texts as the text in the active language and mappings sorted, so
    that equal descriptions have equal reprs (a lazy text's repr names its address)."""
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, dict):
        return sorted((str(key), _plain(item)) for key, item in value.items())
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, str | int | float | bool | type(None)):
        return value
    return str(value)


# Unicode's embedding, override and isolate controls: typed into a name or a comment they reorder what
# a reader sees ("exe.txt" shown for "txt.exe") and have no use in plain text.
DIRECTION_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def single_line(text: str) -> str:
    """`text` on one line: each run of control characters, line breaks and spaces becomes one space,
    so that no line a person typed into a name starts a line of its own in a mail."""
    text = "".join(" " if unicodedata.category(character) == "Cc" else character for character in text)
    return " ".join(text.translate(DIRECTION_CONTROLS).split())


def multi_line(text: str) -> str:
    """`text` with its lines kept (each break as "\n") and every other control character removed."""
    text = "\n".join(text.translate(DIRECTION_CONTROLS).splitlines())
    return "".join(c for c in text if c in "\n\t" or unicodedata.category(c) != "Cc").strip()


class PlainTypedText:
    """For a form the public fills in: every text answer is cleaned of control characters, on one line
    unless its field is a text area (which keeps its lines), and of direction controls. The answers
    reach mail, the admin and exports as the text the person meant."""

    def clean(self):
        cleaned_data = super().clean()
        for name, field in self.fields.items():
            value = cleaned_data.get(name)
            if not (isinstance(field, forms.CharField) and isinstance(value, str)):
                continue
            cleaned_data[name] = multi_line(value) if isinstance(field.widget, forms.Textarea) else single_line(value)
            if field.required and not cleaned_data[name]:
                self.add_error(name, field.error_messages["required"])
        return cleaned_data


class PublicForm(PlainTypedText, CachedRendering, forms.Form):
    """Labels without a colon; required fields marked with * (explained above the form) and an error
    summary whose links lead to the fields, from components/forms/form.html."""

    default_renderer = PublicFormRenderer

    def __init__(self, *args, page=None, user=None, **kwargs):
        # Wagtail's form pages pass the page and the user (AbstractForm.get_form_parameters).
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.page = page

    def clean_email(self):
        """Addresses are compared and stored in lower case: the same person never registers twice."""
        return self.cleaned_data["email"].strip().lower()

    @property
    def has_required_fields(self) -> bool:
        return any(field.required for field in self.fields.values())


# How long one answer may be. Wagtail caps single-line answers at 255 characters and nothing else, so a
# multi-line answer took 1.5 MB. The caps are generous for people and small for a database row.
SINGLE_LINE_MAX = 255
MULTI_LINE_MAX = 10_000
URL_MAX = 2048
EMAIL_MAX = 254
NUMBER_MAX_DIGITS = 20
TOO_LONG = {
    "max_length": _("This answer is too long: at most %(limit_value)d characters (it has %(show_value)d)."),
}


class CappedFormBuilder(FormBuilder):
    """Wagtail's form builder with a length cap on every answer an editor's question can take: the
    browser stops typing at the cap (maxlength) and the server refuses more, with a message in the
    visitor's language. Choice fields need no cap: only their listed choices are accepted."""

    def create_singleline_field(self, field, options):
        return forms.CharField(max_length=SINGLE_LINE_MAX, error_messages=TOO_LONG, **options)

    def create_multiline_field(self, field, options):
        options.setdefault("widget", forms.Textarea)
        return forms.CharField(max_length=MULTI_LINE_MAX, error_messages=TOO_LONG, **options)

    def create_email_field(self, field, options):
        return forms.EmailField(max_length=EMAIL_MAX, error_messages=TOO_LONG, **options)

    def create_url_field(self, field, options):
        return super().create_url_field(field, {**options, "max_length": URL_MAX, "error_messages": TOO_LONG})

    def create_number_field(self, field, options):
        return forms.DecimalField(max_digits=NUMBER_MAX_DIGITS, **options)

    def create_hidden_field(self, field, options):
        options.setdefault("widget", forms.HiddenInput)
        return forms.CharField(max_length=SINGLE_LINE_MAX, error_messages=TOO_LONG, **options)


class PublicFormBuilder(CappedFormBuilder):
    """The capped form builder, plus each question's autofill purpose; a phone question becomes
    type=tel, so that phones show the number pad."""

    @property
    def formfields(self):
        formfields = super().formfields
        # super() builds one form field per question, in the questions' order.
        for question, formfield in zip(self.fields, formfields.values(), strict=True):
            purpose = getattr(question, "autocomplete", "")
            if not purpose:
                continue
            formfield.widget.attrs["autocomplete"] = purpose
            if purpose == "tel" and getattr(formfield.widget, "input_type", None) == "text":
                formfield.widget.input_type = "tel"
        return formfields


# A hidden box only bots fill in (see HoneypotInput); its answers are never stored.
HONEYPOT_FIELD = "s2pu_website_check"


def consent_field(privacy_url: str | None) -> forms.BooleanField:
    """A required consent checkbox whose label links the privacy page when there is one."""
    if privacy_url:
        label = format_html(
            '{} <a href="{}">{}</a>',
            _("I agree that my answers are stored and used to handle this form, as described in the"),
            privacy_url,
            _("privacy statement"),
        )
    else:
        label = _("I agree that my answers are stored and used to handle this form.")
    return forms.BooleanField(
        label=label,
        required=True,
        error_messages={"required": _("Please give your consent, or we cannot store your answers.")},
    )


class HoneypotInput(forms.TextInput):
    """A text box that people never see: hidden by CSS (not `type=hidden`, which bots skip) and
    left out of autofill and the tab order, so that a filled box means a bot."""

    def __init__(self):
        super().__init__(attrs={"autocomplete": "off", "tabindex": "-1", "class": "form-honeypot__input"})


def honeypot_field() -> forms.CharField:
    return forms.CharField(
        label=_("Leave this box empty"),
        required=False,
        strip=False,
        widget=HoneypotInput(),
    )


def add_spam_defence(form: forms.Form) -> None:
    form.fields[HONEYPOT_FIELD] = honeypot_field()


def honeypot_tripped(data) -> bool:
    return bool(data.get(HONEYPOT_FIELD))
