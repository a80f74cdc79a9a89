from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from ops.backup import BackupError, create_backup, media_root_on_disk


class Command(BaseCommand):
    help = (
        "Write one .tar.gz archive of the database (SQLite's online backup API, or pg_dump) and the "
        "media, with a manifest of row counts and checksums; print its path. Restore with `manage.py restore`."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dir", type=Path, help="Where to write the archive (default: BACKUP_DIR).")
        parser.add_argument(
            "--keep",
            type=int,
            default=None,
            help="Keep only the newest N archives in that folder (default: BACKUP_KEEP; 0 keeps all).",
        )

    def handle(self, *args, dir=None, keep=None, **options):  # noqa: A002 - the option's name
        directory = dir or Path(settings.BACKUP_DIR)
        keep = settings.BACKUP_KEEP if keep is None else keep
        if keep < 0:
            raise CommandError("--keep must be 0 (keep all) or more.")
        try:
            archive = create_backup(
                directory, database=connections["default"].settings_dict, media_root=media_root_on_disk(), keep=keep
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(str(archive))
