"""The worker's task that sends one outbox row moved with the outbox (home.outbox.send_outbound_email
is now outbox.delivery.send_outbound_email). A task row names its task by that path: rows queued
before the move would fail to import it, and their mail would wait for the cron command. They are
pointed at the new path; finished rows too, so that every row names a task that exists."""

from django.db import migrations

OLD_PATH = "home.outbox.send_outbound_email"
NEW_PATH = "outbox.delivery.send_outbound_email"


def to_new_path(apps, schema_editor):
    apps.get_model("django_tasks_database", "DBTaskResult").objects.filter(task_path=OLD_PATH).update(
        task_path=NEW_PATH
    )


def to_old_path(apps, schema_editor):
    apps.get_model("django_tasks_database", "DBTaskResult").objects.filter(task_path=NEW_PATH).update(
        task_path=OLD_PATH
    )


class Migration(migrations.Migration):
    dependencies = [
        ("outbox", "0001_initial"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [migrations.RunPython(to_new_path, to_old_path)]
