"""The site's URLs plus one view that fails, in every language prefix, for tests/config/test_error_pages.py."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns


def broken(request):
    raise RuntimeError("a bug in a view")


urlpatterns = i18n_patterns(path("broken/", broken)) + site_urlpatterns
