"""django-tasks-db's task worker (`manage.py db_worker`), logging at the levels LOGGING sets.

Its own command sets the task loggers to INFO whatever the settings say, so the worker wrote two
lines for every task while the settings asked for warnings only. Here the settings decide at the
default verbosity; `-v 0` still silences the worker and `-v 2` still shows everything."""

from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand


class Command(DatabaseWorkerCommand):
    def configure_logging(self, verbosity: int) -> None:
        if verbosity != 1:
            super().configure_logging(verbosity)
