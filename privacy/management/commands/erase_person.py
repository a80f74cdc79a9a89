from django.core.management.base import BaseCommand, CommandError

from privacy.erasure import erase_person


class Command(BaseCommand):
    help = "Remove one person's data everywhere: every app's records, form submissions and mail (GDPR art. 17)."

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True)

    def handle(self, *args, email, **options):
        if "@" not in email:
            raise CommandError("--email must be an email address")
        counts = erase_person(email)
        # Counts only: the address itself is not echoed into logs or cron mail.
        self.stdout.write(", ".join(f"{name}: {count}" for name, count in counts.items()))
