from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from ops.backup import BackupError, media_root_on_disk, restore_backup


class Command(BaseCommand):
    help = (
        "Restore an archive written by `manage.py backup` into the configured database (which must be "
        "empty unless --force) and media folder, after checking its manifest and checksums. Stop the "
        "site and the worker first."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace the content of a database that is not empty (and overwrite media files of the same name).",
        )

    def handle(self, *args, archive, force=False, **options):
        if not archive.is_file():
            raise CommandError(f"{archive} does not exist.")
        # The restore writes through its own connections; Django's must not hold the file or a
        # transaction open meanwhile.
        connections.close_all()
        try:
            report = restore_backup(
                archive, database=connections["default"].settings_dict, media_root=media_root_on_disk(), force=force
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"restored {report.engine} backup of {report.created}: {report.tables} tables, {report.rows} rows "
            f"(counts match the manifest), {report.media_files} media files. "
            "Now run `manage.py migrate` and `manage.py update_index`."
        )
