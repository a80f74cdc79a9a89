"""What the public forms of partnerships ask: the interest form's own questions and the filters of
the partner and story lists."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from home.forms import PublicForm

# The submodules, not the package: the interest form page imports this module while the package loads.
from .models.cases import OrganisationKind
from .models.partnerships import Country, PartnerKind, PartnershipStatus
from .models.snippets import Theme


class InterestForm(PublicForm):
    """The questions the interest form asks itself, before the editor's questions; the themes are
    offered in the page's language, and the reply language defaults to it."""

    kind = forms.ChoiceField(label=_("We are a"), choices=OrganisationKind.choices, widget=forms.RadioSelect)
    organisation = forms.CharField(
        label=_("Name of the municipality or organisation"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    # No country is chosen beforehand: whichever came first would be filed for everyone who skips it
    # (a hromada as Norwegian).
    country = forms.ChoiceField(
        label=_("Country"),
        choices=[("", _("Choose a country")), *Country.choices],
        widget=forms.Select(attrs={"autocomplete": "country"}),
        error_messages={"required": _("Choose the country your municipality or organisation is in.")},
    )
    region = forms.CharField(
        label=_("Region (fylke or oblast)"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "address-level1"}),
    )
    contact_person = forms.CharField(
        label=_("Contact person"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(label=_("Email"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    phone = forms.CharField(
        label=_("Phone"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    themes_offered = forms.MultipleChoiceField(
        label=_("Themes you can offer"), widget=forms.CheckboxSelectMultiple, required=False
    )
    themes_needed = forms.MultipleChoiceField(
        label=_("Themes you need"), widget=forms.CheckboxSelectMultiple, required=False
    )
    size = forms.IntegerField(
        label=_("Size (population or employees)"), min_value=0, max_value=2_000_000_000, required=False
    )
    message = forms.CharField(label=_("Message"), widget=forms.Textarea, max_length=10_000, required=False)
    contact_language = forms.ChoiceField(label=_("Language we should contact you in"), choices=settings.LANGUAGES)

    def __init__(self, *args, page=None, user=None, **kwargs):
        super().__init__(*args, page=page, user=user, **kwargs)
        language = page.locale.language_code if page else settings.LANGUAGE_CODE
        themes = Theme.objects.slug_choices(language)
        self.fields["themes_offered"].choices = themes
        self.fields["themes_needed"].choices = themes
        self.fields["contact_language"].initial = language


# --- Filters of the partner and story lists --------------------------------------------------------


def theme_filter_choices():
    labels = Theme.objects.labels()
    return [("", _("All themes"))] + [(theme.slug, theme.name) for theme in labels.values()]


def status_filter_choices():
    return [("", _("All statuses"))] + list(PartnershipStatus.choices)


class PartnerFilterForm(PublicForm):
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    country = forms.ChoiceField(
        label=_("Country"), required=False, choices=[("", _("All countries"))] + list(Country.choices)
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds"))] + list(PartnerKind.choices)
    )
    status = forms.ChoiceField(label=_("Partnership status"), required=False)
    looking = forms.BooleanField(label=_("Only those looking for a partner"), required=False)

    def __init__(self, *args, regions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = theme_filter_choices()
        self.fields["region"].choices = [("", _("All regions"))] + [(r, r) for r in regions]
        self.fields["status"].choices = status_filter_choices()


class StoryFilterForm(PublicForm):
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    status = forms.ChoiceField(label=_("Partnership status"), required=False)

    def __init__(self, *args, regions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = theme_filter_choices()
        self.fields["region"].choices = [("", _("All regions"))] + [(r, r) for r in regions]
        self.fields["status"].choices = status_filter_choices()


def cleaned(form: forms.Form) -> dict:
    """The valid filter values; an unknown value in one parameter drops only that filter."""
    form.is_valid()
    return {name: value for name, value in form.cleaned_data.items() if value and name not in form.errors}
