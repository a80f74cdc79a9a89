from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from accounts import two_factor
from config.api import api_router
from home import views as home_views
from ops import page_cache
from ops import views as ops_views
from search import views as search_views
from seo import views as seo_views
from seo.sitemaps import sitemap

urlpatterns = [
    path("", home_views.root_redirect, name="root"),
    path("language/<str:language_code>/", home_views.switch_language, name="switch_language"),
    # Wagtail's login with the second factor in front (accounts/two_factor.py): these come first, so that
    # no login view signs in a user who owes a code.
    path("admin/login/", two_factor.AdminLoginView.as_view(), name="wagtailadmin_login"),
    path("admin/two-factor/", include(two_factor.urlpatterns)),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("sitemap.xml", sitemap, name="sitemap"),
    re_path(r"^share/(?P<page_id>[0-9]{1,10})-(?P<key>[0-9a-f]{24})\.png$", seo_views.share_card, name="share_card"),
    path("robots.txt", seo_views.robots_txt, name="robots_txt"),
    # Outside the language prefixes and never cached: the token a form on a cached page asks for.
    path("csrf-token", page_cache.csrf_token, name="csrf_token"),
    # For load balancers: outside the language prefixes, so never redirected to /nb/healthz.
    path("healthz", ops_views.healthz, name="healthz"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    path("", include("news.urls")),  # posting a reader comment, in the page's language
    path("", include("events.urls")),  # calendar.ics and changes.atom under event pages
    path("", include("news.urls")),  # rss.xml and atom.xml under news indexes, and the story feeds
    path("_util/login/", two_factor.PublicLoginView.as_view(), name="wagtailcore_login"),
    path("", include(wagtail_urls)),
)
