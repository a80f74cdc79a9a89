"""Run the task worker (`manage.py db_worker`) inside a test, as production runs it beside the site."""

import logging
import signal

from django.core.management import call_command

SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)
LOGGERS = ("django_tasks", "django_tasks_db")


def run_worker(queue: str = "*") -> None:
    """Run every task that is due in `queue` (all queues by default; production runs a worker for each,
    settings.TASK_QUEUES), then return. The worker installs its own signal handlers and log levels for
    the process; they are put back so that Ctrl-C still stops pytest."""
    handlers = {number: signal.getsignal(number) for number in SIGNALS}
    levels = {name: logging.getLogger(name).level for name in LOGGERS}
    try:
        call_command(
            "db_worker", batch=True, startup_delay=False, reload=False, interval=0, verbosity=0, queue_name=queue
        )
    finally:
        for number, handler in handlers.items():
            signal.signal(number, handler)
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)
