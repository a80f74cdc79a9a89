"""Tests: the same stack as dev, made fast and isolated. DATABASE_URL still switches to PostgreSQL."""

import os

from .base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret"  # noqa: S105
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # pytest-django creates a fresh database per run; keep the production options so that the
    # same locking behaviour is what the tests exercise.
    # A file, not memory, so that the browser tests' live server shares it; one per run, so that
    # parallel runs on one machine never share a database.
    DATABASES["default"]["TEST"] = {"NAME": VAR_DIR / f"test-{os.getpid()}.sqlite3"}  # noqa: F405
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    # Django's backend with a flush that deletes rows instead of truncating tables (tests/postgresql).
    DATABASES["default"]["ENGINE"] = "tests.postgresql"  # noqa: F405
MEDIA_ROOT = VAR_DIR / "test-media"  # noqa: F405
PUBLIC_BASE_URL = WAGTAILADMIN_BASE_URL = "http://testserver"
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver"]  # noqa: F405

# Off, so that a test sees the page its request builds; tests/ops/test_page_cache.py switches it on.
PAGE_CACHE_TIMEOUT = 0
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "s2pu-test"}}
CACHES["pages"] = page_cache_alias(CACHES["default"], None) | {"LOCATION": "s2pu-test-pages"}  # noqa: F405
# Tasks run at once, in the process that queues them, so that a test sees the mail its request
# queued. tests/events/test_mail_worker.py switches to the database backend and runs the worker, to
# show that a request never talks to the mail server.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": TASK_QUEUES}}  # noqa: F405
# Django's test client logs in without a request, which django-axes refuses; the login-throttling
# tests (tests/config/test_login_throttling.py) switch it back on.
AXES_ENABLED = False
