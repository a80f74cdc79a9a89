from django.conf import settings
from django.core.management.base import BaseCommand

from events.retention import anonymise_past_registrations


class Command(BaseCommand):
    help = "Anonymise registrations REGISTRATION_RETENTION_DAYS days after their event (run daily from cron)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="Override REGISTRATION_RETENTION_DAYS.")

    def handle(self, *args, days=None, **options):
        days = settings.REGISTRATION_RETENTION_DAYS if days is None else days
        count = anonymise_past_registrations(days)
        self.stdout.write(f"anonymised {count} registrations of events that ended {days}+ days ago")
