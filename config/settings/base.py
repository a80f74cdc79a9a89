"""Settings shared by every environment; each value that differs between machines comes from the
environment (see docs/settings.md and .env.example)."""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url

from django.utils.translation import pgettext_lazy

from config.frontend_cache import frontend_cache_backends

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# A public form from a cached page sent without its token gets its answers back to send again.
CSRF_FAILURE_VIEW = "ops.views.csrf_failure"

INSTALLED_APPS = [
    "home",
    # Beside the core, after it: their hooks run after the core's at the same hook and order (a page
    # that may not be deleted asks for no confirmation first).
    "translations",
    "accounts",
    "outbox",
    "privacy",
    # Before django_tasks_db, whose db_worker command it replaces with its own.
    "ops",
    "events",
    "partnerships",
    "news",
    "search",
    "demo",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    # After wagtail.contrib.redirects, whose redirect handler it replaces with its own (seo/apps.py).
    "seo",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Wagtail API v2 (config/api.py) is built on it; it comes with Wagtail.
    "rest_framework",
    "django_tasks",
    "django_tasks_db",
    # Login throttling and lockout (docs/security.md).
    "axes",
    # Two-factor login for the admin (accounts/two_factor.py, docs/security.md).
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    # Reader comments (news/comments.py): Django's comments framework, whose comment records name a
    # django.contrib.sites Site (one, SITE_ID); the site's own sites are Wagtail's.
    "django_comments",
    "django.contrib.sites",
    "django.contrib.staticfiles",
    # Django's widget templates, for the public forms' renderer (home/forms.py), which reads templates
    # through TEMPLATES so that templates/components/forms/ can hold the site's form and field layout.
    "django.forms",
]

MIDDLEWARE = [
    # Outermost: a HEAD answer loses its body after every other middleware has set its headers.
    "config.head.HeadWithoutBodyMiddleware",
    # Before all that reads it, so that everything after it (rate limits, axes) sees the visitor's
    # address (config/proxy.py).
    "config.proxy.ClientAddressMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Django's cache middleware, as early as it can be: a cached page is answered before sessions,
    # routing and the view run, and was stored with the headers the middleware below adds
    # (ops/page_cache.py).
    "ops.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.locale.ViewAwareLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The admin in each user's own language, refusals included (accounts/admin_language.py).
    "accounts.admin_language.AdminLanguageMiddleware",
    # Which device, if any, verified this session's login; then, on every URL, nobody counts as
    # signed in who still owes the second factor.
    "django_otp.middleware.OTPMiddleware",
    "accounts.two_factor.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "config.security.ContentSecurityPolicyMiddleware",
    "config.security.PermissionsPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Every wagtail-localize admin URL is checked against its table of rights, and refused if absent.
    "translations.guard.TranslationGuardMiddleware",
    # A 404 for an address in Cyrillic or with Norwegian letters: on to its romanised page, if any.
    "seo.romanised_addresses.RomanisedAddressMiddleware",
    # Last, as django-axes asks: it turns a refused login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# Login throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one username from one
# address, that pair is refused, the right password included, until the cool-off has passed. Attempts
# are counted in the database, which every worker shares, so no new service is needed. Unlock early
# with `manage.py axes_reset_username <name>`.
# AxesBackend refuses locked-out logins first; unlike AxesStandaloneBackend it is also a ModelBackend, so
# a session that names it (force_login picks the first backend, as Wagtail's test helpers do) loads its user.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_COOLOFF_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "lockout.html"
# Personal data never in logs, nor a record of every successful login: only failures are kept, and
# expired attempts are removed at the next login.
AXES_VERBOSE = False
AXES_DISABLE_ACCESS_LOG = True

# Two-factor login (accounts/two_factor.py): required of everyone who may handle personal data (the
# Secretariat, superusers) and of everyone who enrolled. The development settings only offer it.
OTP_REQUIRED = True
OTP_TOTP_ISSUER = "s2pU"
# Wrong codes in a row lock the device for 1, 2, 4, 8 … seconds (django-otp's throttling).
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# SQLite is the embedded default. WAL lets readers (exports, backups) run beside writers; IMMEDIATE
# transactions make writers queue on the busy timeout instead of failing at once with "database is
# locked"; ATOMIC_REQUESTS stays off so that mail and other slow work never run inside a write lock.
SQLITE_PATH = Path(os.environ.get("SQLITE_PATH", VAR_DIR / "db.sqlite3"))
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
}
if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60)}
else:
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": SQLITE_PATH}}
for _database in DATABASES.values():
    _database["ATOMIC_REQUESTS"] = False
    if _database["ENGINE"] == "django.db.backends.sqlite3":
        # Whatever configured it (SQLITE_PATH, DATABASE_URL=sqlite:///…): without these, concurrent
        # writers fail at once with "database is locked". Options the URL sets itself still win.
        _database["OPTIONS"] = {**SQLITE_OPTIONS, **_database.get("OPTIONS", {})}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background work (outbox mail, Wagtail's search and reference index and file clean-up) is queued in
# the database and run by `manage.py db_worker` beside the web server: a web request never waits for
# the mail server. Mail has a queue of its own, so that a mail server that hangs holds back mail only;
# each queue needs a worker of its own (`db_worker --queue-name default` and `--queue-name mail`):
# `make run` starts both, production runs each as a service (docs/deployment.md). No broker to run.
TASK_QUEUES = ["default", "mail"]
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": TASK_QUEUES}}


# Redis when several machines share the work; otherwise a folder on disk, which every worker process
# on this machine shares, so that an invalidated menu is invalidated for all of them at once.
def page_cache_alias(default: dict, location) -> dict:
    """The `pages` cache: whole pages (ops/page_cache.py), in the same service as the default cache
    (a folder of their own on disk), under keys that carry the content version."""
    pages = {**default, "KEY_FUNCTION": "ops.page_cache.versioned_key"}
    if default["BACKEND"].endswith("FileBasedCache"):
        pages["LOCATION"] = location
    return pages


# Redis when several machines share the work; otherwise a folder on disk, which every worker process
# on this machine shares, so that an invalidated menu is invalidated for all of them at once.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
    }
    if os.environ.get("REDIS_URL")
    else {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": VAR_DIR / "cache",
        # Past this many files, Django deletes a third of them at random on the next write. Kept
        # parts of pages (home/templatetags/fragment_cache.py) and the content cache take a few per page and
        # language; Django's 300 would cull a site of a hundred pages all day. Each write lists the
        # folder, so not unbounded either: a larger site sets REDIS_URL.
        "OPTIONS": {"MAX_ENTRIES": 3000},
    }
}
CACHES["pages"] = page_cache_alias(CACHES["default"], VAR_DIR / "page-cache")

# Whole public pages for anonymous visitors (ops/page_cache.py, docs/performance.md): kept for
# PAGE_CACHE_TIMEOUT seconds at most (0 turns the cache off), emptied at once by any content change.
# Browsers may keep a page PAGE_CACHE_MAX_AGE seconds; a CDN PAGE_CACHE_SHARED_MAX_AGE, longer by
# default when one is configured, because published pages are purged from it (config/frontend_cache.py).
PAGE_CACHE_TIMEOUT = int(os.environ.get("PAGE_CACHE_TIMEOUT", "600"))
PAGE_CACHE_MAX_AGE = int(os.environ.get("PAGE_CACHE_MAX_AGE", "60"))
# Names the deploy (a tag, a date; else the git commit is used): /healthz shows it, and pages built
# by another release are not served (ops/release.py).
RELEASE = os.environ.get("RELEASE", "")
WAGTAILFRONTENDCACHE = frontend_cache_backends(os.environ)
PAGE_CACHE_SHARED_MAX_AGE = int(
    os.environ.get("PAGE_CACHE_SHARED_MAX_AGE", "300" if WAGTAILFRONTENDCACHE else PAGE_CACHE_MAX_AGE)
)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# Languages: Norwegian Bokmål is the source; Ukrainian and English are translations. The same three
# codes serve the UI (LANGUAGES), the content (WAGTAIL_CONTENT_LANGUAGES) and the admin. Where a
# reader or an admin user chooses a language, each is named in its own form (LANGUAGES); where a
# screen names a language as data (a page's locale, a comment's or a registration's language), it is
# named in the screen's language (WAGTAIL_CONTENT_LANGUAGES, Wagtail's `Locale.get_display_name()`,
# and the models' choices): not "Мова: Norsk" in the Ukrainian admin.
LANGUAGE_CODE = "nb"
LANGUAGES = [
    ("nb", "Norsk"),
    ("uk", "Українська"),
    ("en", "English"),
]
WAGTAIL_CONTENT_LANGUAGES = [
    ("nb", pgettext_lazy("language name", "Norwegian")),
    ("uk", pgettext_lazy("language name", "Ukrainian")),
    ("en", pgettext_lazy("language name", "English")),
]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
# Our code's strings first, then our wording for the libraries' own admin strings, which Wagtail's,
# wagtail-localize's and Django's catalogues leave in English or word wrongly (docs/i18n.md).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_overrides"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Oslo"
LANGUAGE_COOKIE_NAME = os.environ.get("LANGUAGE_COOKIE_NAME", "s2pu_language")
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
# English dates the British way (config/formats/en): the admin's listings print Django's formats.
FORMAT_MODULE_PATH = ["config.formats"]
# Open Graph wants territory-qualified locales.
OG_LOCALES = {"nb": "nb_NO", "uk": "uk_UA", "en": "en_GB"}

# Translations are drafts until a person publishes them.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# Machine translation in the translation editor (translations/machine_translation.py): DeepL when a key is
# given, otherwise none and no button. Keys ending in ":fx" use DeepL's free API.
if os.environ.get("DEEPL_API_KEY"):
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "translations.machine_translation.DeepLTranslator",
        "OPTIONS": {
            "AUTH_KEY": os.environ["DEEPL_API_KEY"],
            "ENGLISH_VARIANT": os.environ.get("DEEPL_ENGLISH_VARIANT", "EN-GB"),
        },
    }

# Deleting a page disables its translation records instead of deleting the translated strings with them:
# a Ukrainian page deleted and translated again gets its translator's text back (docs/i18n.md).
WAGTAILLOCALIZE_DISABLE_ON_DELETE = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Where browsers fetch media from when it is not this site (object storage, or a CDN in front of it);
# the content security policies below allow images from there.
MEDIA_ORIGIN = ""
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    # Object storage (any S3 API) for media, so that app servers share nothing on disk. Image URLs are
    # unsigned: a signed one expires (an hour) while the page that names it stays in the page cache or a
    # CDN for longer, so the bucket (or the CDN before it) must let anyone read images/. Documents and
    # share cards are read through the site (WAGTAILDOCS_SERVE_METHOD, seo/views.py), so that privacy
    # settings apply: documents/ and original_images/ may stay private.
    _bucket = os.environ["AWS_STORAGE_BUCKET_NAME"]
    _endpoint = os.environ.get("AWS_S3_ENDPOINT_URL") or None
    _custom_domain = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": _bucket,
            "endpoint_url": _endpoint,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": _custom_domain,
            "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH"),
            "file_overwrite": False,
            "default_acl": None,
        },
    }
    # The origins of the URLs django-storages builds: https://<custom domain>/<key>, else
    # <endpoint>/<bucket>/<key>, else https://<bucket>.s3.amazonaws.com/<key>.
    if _custom_domain:
        MEDIA_ORIGIN = f"https://{_custom_domain}"
    elif _endpoint:
        _parts = urlsplit(_endpoint)
        MEDIA_ORIGIN = f"{_parts.scheme}://{_parts.netloc}"
    else:
        MEDIA_ORIGIN = f"https://{_bucket}.s3.amazonaws.com"

# `manage.py backup` (ops/backup.py): where archives go, and how many of the newest it keeps there.
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", VAR_DIR / "backups"))
BACKUP_KEEP = int(os.environ.get("BACKUP_KEEP", "14"))

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = Path(os.environ.get("EMAIL_FILE_PATH", VAR_DIR / "mail"))
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))  # a dead mail server must not hang a request
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "s2pU <post@s2pu.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Error reports to ADMINS show no posted value and no local variable (config/error_reports.py).
DEFAULT_EXCEPTION_REPORTER_FILTER = "config.error_reports.NoPersonalDataReporterFilter"

# How many proxies (TLS terminator, load balancer) stand between visitors and gunicorn, each appending
# to X-Forwarded-For: the visitor's address is read from there (config/proxy.py). 0: the peer itself.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# Public forms (home/spam.py): posts per address within the window before a 429; 0 turns
# the limit off. Behind a proxy, REMOTE_ADDR must be the client (the proxy sets it).
FORM_RATE_LIMIT = int(os.environ.get("FORM_RATE_LIMIT", "20"))
FORM_RATE_LIMIT_WINDOW = int(os.environ.get("FORM_RATE_LIMIT_WINDOW", "600"))
# Who hears of each submission to a public form when neither the form page ("to address") nor what it
# belongs to (the event's contact) names anyone (home/form_pages.py).
SECRETARIAT_EMAIL = os.environ.get("SECRETARIAT_EMAIL", "")
# How many days after the event `manage.py anonymise_registrations` anonymises registrations.
REGISTRATION_RETENTION_DAYS = int(os.environ.get("REGISTRATION_RETENTION_DAYS", "90"))
INTEREST_CASE_RETENTION_DAYS = int(os.environ.get("INTEREST_CASE_RETENTION_DAYS", "365"))

# Reader comments (news/comments.py): the comment model and form are news's (news/__init__.py), every
# comment waits for a moderator, and a page takes comments for this many days after it was first
# published (0 closes them all at once).
SITE_ID = 1
COMMENTS_APP = "news"
COMMENTS_CLOSE_AFTER_DAYS = int(os.environ.get("COMMENTS_CLOSE_AFTER_DAYS", "90"))

WAGTAIL_SITE_NAME = "s2pU"
# The address visitors use, without a trailing slash. Mail links, the sitemap, feeds, canonical links
# and the Wagtail Site record (home/sites.py) all follow it; `make run` sets it to what it serves.
PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = PUBLIC_BASE_URL
# Editors may type Cyrillic titles; the server romanises every slug by the official Ukrainian table
# (home.text.slugify_ascii), so the admin must not run its own, different, transliteration first.
WAGTAIL_ALLOW_UNICODE_SLUGS = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 50_000_000
# No image without its alt text (the description): home/image_forms.py.
WAGTAILIMAGES_IMAGE_FORM_BASE = "home.image_forms.ImageForm"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "xlsx", "txt"]
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Every document downloads as a file and none opens in the browser as part of the site: under the
# sandbox policy they are served with (config/security.py) the browser's PDF viewer would not run anyway.
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILEMBEDS_RESPONSIVE_HTML = True
VIDEO_FRAME_SOURCES = ["https://www.youtube.com", "https://www.youtube-nocookie.com", "https://player.vimeo.com"]
# Wagtail's database backend; on PostgreSQL each page is stemmed in its own language (search/backends.py,
# docs/search.md). Stock PostgreSQL has no Ukrainian configuration: uk is indexed without stemming.
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "search.backends",
        "LANGUAGE_CONFIGS": {"nb": "norwegian", "uk": "simple", "en": "english"},
    }
}
WAGTAIL_PRIVATE_PAGE_OPTIONS = {"SHARED_PASSWORD": False}
# Where private pages and documents send visitors to sign in, in the site's own layout
# (accounts.two_factor.PublicLoginView, which asks for the second factor where it is needed).
WAGTAIL_FRONTEND_LOGIN_TEMPLATE = "accounts/login.html"

# Public pages run under a strict policy: no inline script or style, and no page may frame them. The
# admin and served documents get their own policies (config/security.py, docs/security.md).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *filter(None, [MEDIA_ORIGIN])],
        "font-src": ["'self'"],
        "frame-src": VIDEO_FRAME_SOURCES,
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
# The admin shows live previews in a frame of its own (Wagtail's preview views answer SAMEORIGIN) and
# its image choosers preview files before upload (blob:). Scripts: see config/security.py.
ADMIN_CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:", "blob:", *filter(None, [MEDIA_ORIGIN])],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'", *VIDEO_FRAME_SOURCES],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'self'"],
}
# A served document is never run as part of the site: no script, no plugin, no framing.
DOCUMENT_CONTENT_SECURITY_POLICY = (
    "default-src 'none'; sandbox; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
)
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY = [
    "accelerometer",
    "autoplay",
    "camera",
    "display-capture",
    "geolocation",
    "gyroscope",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "usb",
]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {
        "mask_manage_tokens": {"()": "config.error_reports.MaskManageTokens"},
        "template_lookups_without_context": {"()": "config.error_reports.TemplateLookupsWithoutContext"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["mask_manage_tokens"]}
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # "Not Found: <path>" and "Internal Server Error: <path>", before any handler (ADMINS' mail too).
        "django.request": {"filters": ["mask_manage_tokens"]},
        "django.template": {"filters": ["template_lookups_without_context"]},
        # One line per background task is noise at INFO; failures still show. The worker command
        # keeps these levels (ops/management/commands/db_worker.py).
        "django_tasks": {"level": "WARNING"},
        "django_tasks_db": {"level": "WARNING"},
    },
}
