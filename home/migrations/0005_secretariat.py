from django.db import migrations, models

SECRETARIAT_GROUP = "Secretariat"


def create_secretariat_group(apps, schema_editor):
    """The group that alone sees what visitors send through forms. The permission is created here, not
    left to post_migrate, so that the group has it on the first migrate of a fresh database."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _created = ContentType.objects.get_or_create(app_label="home", model="personaldataaccess")
    handle, _created = Permission.objects.get_or_create(
        content_type=content_type,
        codename="handle_personal_data",
        defaults={"name": "Can see and handle personal data sent through public forms"},
    )
    group, _created = Group.objects.get_or_create(name=SECRETARIAT_GROUP)
    group.permissions.add(handle, *Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin"))


def remove_secretariat_permission(apps, schema_editor):
    apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="home", codename="handle_personal_data"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0004_outbox_mail_kinds"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.CreateModel(
            name="PersonalDataAccess",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
            ],
            options={
                "verbose_name": "personal data",
                "permissions": [("handle_personal_data", "Can see and handle personal data sent through public forms")],
                "managed": False,
                "default_permissions": (),
            },
        ),
        migrations.RunPython(create_secretariat_group, remove_secretariat_permission),
    ]
