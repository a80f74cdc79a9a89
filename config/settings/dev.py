"""Local development: the embedded defaults, debug on, a throw-away key unless one is given."""

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = SECRET_KEY or "dev-only-not-secret-s2pu-8c1f0e6b"  # noqa: F405, S105
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
# `make run` is for trying the site: the login it prints works with the password alone. The second
# factor is offered (enrol from the account page; the code page then has "Skip for now");
# OTP_REQUIRED=1 in the environment asks for it as production always does.
OTP_REQUIRED = env_bool("OTP_REQUIRED", False)
