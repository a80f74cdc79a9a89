from django.core.management.base import BaseCommand

from demo import loader as demo


class Command(BaseCommand):
    help = "Build the demo site in nb, uk and en. Safe to run again: only what is missing is created."

    def handle(self, *args, **options):
        by_language = demo.load()
        for code, pages in by_language.items():
            self.stdout.write(f"{code}: " + ", ".join(page.url_path for page in pages.values()))
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
