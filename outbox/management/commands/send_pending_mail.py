from django.core.management.base import BaseCommand

from outbox.delivery import send_pending


class Command(BaseCommand):
    help = (
        "Send the mail in the outbox whose next attempt is due. The task worker (manage.py db_worker) "
        "sends and retries mail by itself; run this from cron every few minutes as the safety net."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--all",
            action="store_true",
            dest="everything",
            help="Send every pending mail now, without waiting for its retry delay (after repairing the mail server).",
        )

    def handle(self, *args, everything=False, **options):
        report = send_pending(everything=everything)
        # Skipped rows needed nothing from this run (the worker had them, or nothing is left to send);
        # waiting rows are pending with their next attempt not due yet. Neither is a failure.
        self.stdout.write(
            f"sent {report.sent}, failed {report.failed}, skipped {report.skipped}, waiting {report.waiting}"
        )
