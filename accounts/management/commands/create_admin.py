import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


def two_factor_hint() -> str:
    if not settings.OTP_REQUIRED:
        return (
            "Two-factor login is offered here, not required: the password above signs in. To try it, set it up\n"
            "from the admin's account page; OTP_REQUIRED=1 asks for the code as production always does."
        )
    return (
        "Two-factor login is required for admins: after the password, the admin shows a QR code to scan\n"
        "with an authenticator app (FreeOTP, Aegis, Google Authenticator …), or its key to type in, and\n"
        "then recovery codes for a lost phone."
    )


class Command(BaseCommand):
    help = "Create the first admin user with a generated password, kept in var/admin-password.txt."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")

    def handle(self, *args, username, **options):
        self.run(username)
        self.stdout.write(two_factor_hint())

    def run(self, username):
        password_file = settings.VAR_DIR / "admin-password.txt"
        user_model = get_user_model()
        if user_model.objects.filter(is_superuser=True).exists():
            if password_file.exists():
                self.stdout.write(f"Admin login: {password_file.read_text().strip()}  (from {password_file})")
            else:
                self.stdout.write("An admin user exists already; its password is not stored here.")
            return
        password = secrets.token_urlsafe(15)
        user_model.objects.create_superuser(username=username, email="", password=password)
        password_file.parent.mkdir(parents=True, exist_ok=True)
        password_file.write_text(f"{username} / {password}\n")
        password_file.chmod(0o600)
        self.stdout.write(self.style.SUCCESS(f"Admin login: {username} / {password}  (kept in {password_file})"))
