"""What a registrant is asked: the registration form's built-in fields and the form to change or
cancel a registration."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from home.dates import weekday_date
from home.forms import PublicForm

from .models import EventDay
from .places import places_left

DAYS_LABEL = _("Which days will you attend?")


def day_choice_label(day: EventDay) -> str:
    return f"{capfirst(weekday_date(day.date))}: {day.title}"


def registration_fields(days: list[EventDay], capacities: dict | None = None) -> tuple[dict, dict]:
    """The registration page's own fields: ({name, email} before the editor's questions, {days}
    after them). A full day is marked: choosing it puts the person on its waiting list."""
    remaining = places_left([day.translation_key for day in days], capacities)
    full = gettext("full – waiting list")
    choices = []
    for day in days:
        label = day_choice_label(day)
        if remaining.get(day.translation_key) == 0:
            label = f"{label} ({full})"
        choices.append((str(day.translation_key), label))
    before = {
        "name": forms.CharField(
            label=_("Name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
        ),
        "email": forms.EmailField(
            label=_("Email"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
        ),
    }
    after = {
        "days": forms.MultipleChoiceField(
            label=DAYS_LABEL,
            choices=choices,
            widget=forms.CheckboxSelectMultiple,
            error_messages={"required": _("Choose at least one day.")},
            help_text=_("A full day puts you on its waiting list; you get an email if a place frees up."),
        ),
    }
    return before, after


class ManageForm(PublicForm):
    """The days a registrant attends, to change; the page's cancel button empties them."""

    days = forms.MultipleChoiceField(label=DAYS_LABEL, widget=forms.CheckboxSelectMultiple, required=False)

    def __init__(self, *args, days: list[EventDay], registration, **kwargs):
        chosen = [str(key) for key in registration.active_day_keys()]
        super().__init__(*args, initial={"days": chosen}, **kwargs)
        self.fields["days"].choices = [(str(day.translation_key), day_choice_label(day)) for day in days]
