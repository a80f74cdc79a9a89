from django.core.management.base import BaseCommand

from home.form_handling import send_pending


class Command(BaseCommand):
    help = "Send every mail still waiting in the outbox (run from cron every few minutes)."

    def handle(self, *args, **options):
        sent, failed = send_pending()
        self.stdout.write(f"sent {sent}, still pending {failed}")
