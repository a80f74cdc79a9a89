"""A fresh clone has no var/: every folder the settings point at is made before it is used."""

from pathlib import Path

from tests.processes import environment, manage

ROOT = Path(__file__).resolve().parents[2]


def test_migrate_on_a_fresh_clone_creates_every_folder_it_needs(tmp_path):
    """The folders exist before migrate opens the database. (Applying every migration on a fresh
    clone is what `.ci/run`'s `make run` and every test run's migrated template do.)"""
    var = tmp_path / "nothing-here-yet" / "var"
    env = environment(without={"DATABASE_URL"}, DJANGO_SETTINGS_MODULE="config.settings.dev", VAR_DIR=str(var))
    result = manage("migrate", "--plan", "-v0", env=env)
    assert result.returncode == 0, result.stderr[-3000:]
    assert (var / "db.sqlite3").is_file()
    for folder in ("media", "mail", "cache", "static"):
        assert (var / folder).is_dir(), folder


def test_every_local_folder_in_the_settings_is_known(settings, tmp_path):
    from ops.apps import ensure_local_folders, local_folders

    settings.VAR_DIR = tmp_path / "var"
    settings.STATIC_ROOT = tmp_path / "static-root"
    settings.MEDIA_ROOT = tmp_path / "media-root"
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = tmp_path / "mail-root"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": tmp_path / "cache-root",
        }
    }
    settings.DATABASES = {
        **settings.DATABASES,
        "other": {"ENGINE": "django.db.backends.sqlite3", "NAME": tmp_path / "db-folder" / "other.sqlite3"},
    }
    ensure_local_folders()
    for folder in ("var", "static-root", "media-root", "mail-root", "cache-root", "db-folder"):
        assert (tmp_path / folder).is_dir(), folder
    assert tmp_path / "db-folder" in local_folders()
