from django.core.management.base import BaseCommand

from home.form_handling import send_pending


class Command(BaseCommand):
    help = (
        "Send every mail still waiting in the outbox now. The task worker (manage.py db_worker) sends "
        "and retries mail by itself; run this from cron every few minutes as the safety net."
    )

    def handle(self, *args, **options):
        report = send_pending()
        # Skipped: another run (the worker) had the row, or nothing is left to send: not a failure.
        self.stdout.write(f"sent {report.sent}, failed {report.failed}, skipped {report.skipped}")
