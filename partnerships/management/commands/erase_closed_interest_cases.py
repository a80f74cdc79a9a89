from django.conf import settings
from django.core.management.base import BaseCommand

from partnerships.pipeline import erase_closed_cases


class Command(BaseCommand):
    help = (
        "Delete partnership interest cases that were closed N or more days ago (default INTEREST_CASE_RETENTION_DAYS)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=settings.INTEREST_CASE_RETENTION_DAYS)

    def handle(self, *args, days, **options):
        self.stdout.write(f"interest cases: {erase_closed_cases(days)}")
