"""Local development: the embedded defaults, debug on, a throw-away key unless one is given."""

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = SECRET_KEY or "dev-only-not-secret-s2pu-8c1f0e6b"  # noqa: F405, S105
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
# Two-factor login stays required here as well (the first admin sign-in shows the QR code to scan);
# OTP_REQUIRED=0 in the environment lets a developer without an authenticator app in, locally only.
OTP_REQUIRED = env_bool("OTP_REQUIRED", True)
