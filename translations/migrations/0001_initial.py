import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    """MinorEdit, moved from the home app with its table: the table was made by home's 0009_minor_edits,
    so this only names it in the migration state, after home's 0011 has taken it out of home's."""

    initial = True

    dependencies = [
        ("home", "0011_minor_edits_move_to_translations"),
        ("wagtailcore", "0098_apitoken"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="MinorEdit",
                    fields=[
                        (
                            "revision",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                primary_key=True,
                                related_name="minor_edit",
                                serialize=False,
                                to="wagtailcore.revision",
                                verbose_name="revision",
                            ),
                        ),
                        ("marked_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "marked_by",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="marked by",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "minor edit",
                        "verbose_name_plural": "minor edits",
                        "db_table": "home_minoredit",
                    },
                ),
            ]
        ),
    ]
