import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

application = get_wsgi_application()

from home.page_cache import PageCacheApplication  # noqa: E402 - it needs the apps loaded above

# Pages Django has answered from the page cache are answered again in front of it (home/page_cache.py).
application = PageCacheApplication(application)
