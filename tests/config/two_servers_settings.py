"""The production settings as tests/config/test_two_app_servers.py runs them: everything from the
environment, as on a real machine, except that static files are not collected first (the manifest
storage refuses to name a file before `collectstatic`, which would cost the test half a minute)."""

from config.settings.production import *  # noqa: F403

STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
