"""The permission to handle personal data, moved out of the core: `home.PersonalDataAccess` (no
table, only its permission) becomes `privacy.PersonalDataAccess`, and `home.handle_personal_data`
becomes `privacy.handle_personal_data`. home/migrations/0005_secretariat.py made the content type,
the permission and the Secretariat group that holds it; the content type changes app here as it
is, with its id, so the permission (same row) stays with the Secretariat and whoever else was given
it. home/migrations/0012_models_moved_out.py then forgets the model on home's side."""

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


def to_privacy(apps, schema_editor):
    rename_content_type(apps, "home", "privacy", "personaldataaccess")


def to_home(apps, schema_editor):
    rename_content_type(apps, "privacy", "home", "personaldataaccess")


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
                    name="PersonalDataAccess",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID"),
                        ),
                    ],
                    options={
                        "verbose_name": "personal data",
                        "permissions": [
                            ("handle_personal_data", "Can see and handle personal data sent through public forms")
                        ],
                        "managed": False,
                        "default_permissions": (),
                    },
                ),
            ],
        ),
        migrations.RunPython(to_privacy, to_home),
    ]
