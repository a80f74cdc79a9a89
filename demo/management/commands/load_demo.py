import logging
from importlib.util import find_spec

from django.core.management.base import BaseCommand, CommandError

from demo import loader as demo


class Command(BaseCommand):
    help = "Build the demo site in nb, uk and en. Safe to run again: only what is missing is created."

    def handle(self, *args, **options):
        # A production install has requirements.txt only; the factories come with requirements-dev.txt.
        if find_spec("factory") is None or find_spec("wagtail_factories") is None:
            raise CommandError("The demo is built with the tests' factories: install requirements-dev.txt first.")
        # Wagtail logs each page and snippet it saves or publishes at INFO, several hundred lines for
        # the demo; `make run` shows the addresses below instead (-v 2 shows Wagtail's lines too).
        wagtail_log = logging.getLogger("wagtail")
        level = wagtail_log.level
        if options["verbosity"] < 2:
            wagtail_log.setLevel(logging.WARNING)
        try:
            by_language = demo.load()
        finally:
            wagtail_log.setLevel(level)
        for code, pages in by_language.items():
            self.stdout.write(f"{code}: " + ", ".join(page.url_path for page in pages.values()))
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
