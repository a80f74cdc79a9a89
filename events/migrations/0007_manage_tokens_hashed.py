"""Manage tokens kept as SHA-256 digests only (events.models.ManageToken). The links already sent keep
working: each registration's token is hashed into its first ManageToken before the raw column goes."""

import hashlib

import django.db.models.deletion
from django.db import migrations, models


def hash_existing_tokens(apps, schema_editor):
    Registration = apps.get_model("events", "Registration")
    ManageToken = apps.get_model("events", "ManageToken")
    live = Registration.objects.filter(anonymised_at__isnull=True).exclude(manage_token="")
    ManageToken.objects.bulk_create(
        ManageToken(registration_id=pk, digest=hashlib.sha256(token.encode("utf-8")).hexdigest())
        for pk, token in live.values_list("pk", "manage_token").iterator()
    )


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0006_registration_day_names_its_registration"),
    ]

    operations = [
        migrations.CreateModel(
            name="ManageToken",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("digest", models.CharField(editable=False, max_length=64, unique=True)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "registration",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="manage_tokens",
                        to="events.registration",
                        verbose_name="registration",
                    ),
                ),
            ],
        ),
        # No way back: the raw tokens are exactly what is no longer kept.
        migrations.RunPython(hash_existing_tokens, migrations.RunPython.noop, elidable=True),
        migrations.RemoveField(model_name="registration", name="manage_token"),
    ]
