"""The outbox, moved out of the core: `home.OutboundEmail` becomes `outbox.OutboundEmail` on the same
table (home_outboundemail), so no row moves. The table exists already (home's 0003 made it on every
database), so only Django's idea of the model changes here; home/migrations/0012_models_moved_out.py
then forgets it on home's side. The model's content type changes app as it is, with its id: the
permissions on it, and every group that holds them, follow."""

from django.db import migrations, models


def rename_content_type(apps, old_label, new_label, model):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    source = ContentType.objects.filter(app_label=old_label, model=model).first()
    if source is None:
        return  # a fresh database: post_migrate makes it under its new app
    target = ContentType.objects.filter(app_label=new_label, model=model).first()
    if target is None:
        ContentType.objects.filter(pk=source.pk).update(app_label=new_label)
        return
    # Both exist when a migration back was done in steps: post_migrate, after the first, made the
    # other one. Its permissions take over the holders of the old one's, which is left stale.
    for permission in Permission.objects.filter(content_type=source):
        twin = Permission.objects.filter(content_type=target, codename=permission.codename).first()
        if twin is None:
            Permission.objects.filter(pk=permission.pk).update(content_type=target)
            continue
        twin.group_set.add(*permission.group_set.all())
        twin.user_set.add(*permission.user_set.all())
        permission.delete()


def to_outbox(apps, schema_editor):
    rename_content_type(apps, "home", "outbox", "outboundemail")


def to_home(apps, schema_editor):
    rename_content_type(apps, "outbox", "home", "outboundemail")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("home", "0010_phone_with_country_code"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="OutboundEmail",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID"),
                        ),
                        ("to", models.TextField(help_text="Addresses, one a line.", verbose_name="to")),
                        ("subject", models.CharField(max_length=300, verbose_name="subject")),
                        ("body_text", models.TextField(verbose_name="plain text")),
                        ("body_html", models.TextField(blank=True, verbose_name="HTML")),
                        ("attachments", models.JSONField(blank=True, default=list, verbose_name="attachments")),
                        ("reply_to", models.CharField(blank=True, max_length=254, verbose_name="reply to")),
                        (
                            "kind",
                            models.CharField(
                                blank=True,
                                help_text="Which kind of mail this is; it is rendered when it is sent.",
                                max_length=100,
                                verbose_name="kind",
                            ),
                        ),
                        ("arguments", models.JSONField(blank=True, default=dict, verbose_name="arguments")),
                        (
                            "reference",
                            models.CharField(
                                blank=True,
                                db_index=True,
                                help_text="What the mail is about.",
                                max_length=100,
                                verbose_name="reference",
                            ),
                        ),
                        (
                            "status",
                            models.CharField(
                                choices=[("pending", "waiting to be sent"), ("sending", "being sent"), ("sent", "sent")],
                                db_index=True,
                                default="pending",
                                max_length=10,
                                verbose_name="status",
                            ),
                        ),
                        ("attempts", models.PositiveIntegerField(default=0, verbose_name="attempts")),
                        ("last_error", models.CharField(blank=True, max_length=500, verbose_name="last error")),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                        ("claimed_at", models.DateTimeField(blank=True, null=True, verbose_name="claimed")),
                        ("sent_at", models.DateTimeField(blank=True, null=True, verbose_name="sent")),
                    ],
                    options={
                        "verbose_name": "outgoing email",
                        "verbose_name_plural": "outgoing emails",
                        "db_table": "home_outboundemail",
                        "ordering": ["created_at", "pk"],
                    },
                ),
            ],
        ),
        migrations.RunPython(to_outbox, to_home),
    ]
