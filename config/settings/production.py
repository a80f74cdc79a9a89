"""Production: refuses to start without a real secret and host list; everything else from the
environment (docs/settings.md)."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool, env_list

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in production.")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set in production (comma-separated).")
if not os.environ.get("PUBLIC_BASE_URL"):
    raise ImproperlyConfigured("PUBLIC_BASE_URL must be set in production, e.g. https://s2pu.example.org.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS") or [f"https://{host}" for host in ALLOWED_HOSTS]

# The TLS terminator in front must set X-Forwarded-Proto itself.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# A load balancer probes app servers over plain HTTP; a redirect would read as "unhealthy".
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
LANGUAGE_COOKIE_NAME = os.environ.get("LANGUAGE_COOKIE_NAME", "__Host-s2pu_language")
SESSION_COOKIE_AGE = 60 * 60 * 12
# The second factor for whoever sees personal data, whatever the environment says (accounts/two_factor.py).
OTP_REQUIRED = True

if os.environ.get("EMAIL_HOST") and "EMAIL_BACKEND" not in os.environ:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"

# Preload is on by default so that `check --deploy` passes without silencing W021: the header alone
# preloads nothing; the operator submits the domain to hstspreload.org once every subdomain is on
# HTTPS, and may turn it off with SECURE_HSTS_PRELOAD=0 before that (docs/security.md).
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
