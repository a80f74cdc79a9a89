"""Local development: the embedded defaults, debug on, a throw-away key unless one is given."""

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = SECRET_KEY or "dev-only-not-secret-s2pu-8c1f0e6b"  # noqa: F405, S105
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
# A fresh clone has no var/ yet; SQLite cannot create its file in a missing folder.
SQLITE_PATH.parent.mkdir(parents=True, exist_ok=True)  # noqa: F405
