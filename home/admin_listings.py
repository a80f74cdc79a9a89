"""The redirects listing, whose filter spoke English to everybody, served at its own address
(home/wagtail_hooks.py) with the filter worded in each user's admin language.

Wagtail names the redirects filter's field and choices ("Type", "Permanent", "Temporary", "All") when
it is imported, in the language of that moment. (The translations report has the same treatment in
translations/views.py.)
"""

import django_filters

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.redirects.filters import RedirectsReportFilterSet
from wagtail.contrib.redirects.views import IndexView


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
