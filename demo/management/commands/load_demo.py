import logging

from django.core.management.base import BaseCommand

from demo import loader as demo


class Command(BaseCommand):
    help = "Build the demo site in nb, uk and en. Safe to run again: only what is missing is created."

    def handle(self, *args, **options):
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
