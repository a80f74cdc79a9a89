"""Two listings of the admin whose filters spoke English to everybody, served at their own addresses
(home/wagtail_hooks.py) with the filters worded in each user's admin language.

Wagtail names the redirects filter's field and choices ("Type", "Permanent", "Temporary", "All") when
it is imported, in the language of that moment; wagtail-localize's translations report leaves two
filters unnamed, and django-filter names them from the model's field names ("Source locale").
"""

import django_filters

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.redirects.filters import RedirectsReportFilterSet
from wagtail.contrib.redirects.views import IndexView
from wagtail_localize.views.report import TranslationsReportFilterSet, TranslationsReportView


class TranslatedRedirectsFilterSet(RedirectsReportFilterSet):
    is_permanent = django_filters.ChoiceFilter(
        label=_("Type"),
        method="filter_type",
        choices=((True, _("Permanent")), (False, _("Temporary"))),
        empty_label=_("All"),
        widget=forms.RadioSelect,
    )


class RedirectIndexView(IndexView):
    filterset_class = TranslatedRedirectsFilterSet


class NamedTranslationsReportFilterSet(TranslationsReportFilterSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["source_locale"].label = _("Source language")
        self.filters["target_locale"].label = _("Target language")


class NamedTranslationsReportView(TranslationsReportView):
    filterset_class = NamedTranslationsReportFilterSet
