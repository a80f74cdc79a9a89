"""The outbox and the permission for personal data left the core for apps of their own
(outbox/migrations/0001_initial.py, privacy/migrations/0001_initial.py, which took over the table
and the content types): home forgets them, and the database keeps everything."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0011_minor_edits_move_to_translations"),
        ("outbox", "0001_initial"),
        ("privacy", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="OutboundEmail"),
                migrations.DeleteModel(name="PersonalDataAccess"),
            ],
        ),
    ]
