from django.db import migrations

MODEL = "minoredit"


def move_content_type(apps, schema_editor, old_label, new_label):
    """The content type of MinorEdit follows the model to its app, the same row renamed: its
    permissions, and the groups and users that hold them, stay attached. A fresh database has no row
    yet (post_migrate makes it under the new app); one that already has a row under both names (code
    of one side ran against the database of the other) keeps the new one, with what the old one's
    permissions were given."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_types = ContentType.objects.using(schema_editor.connection.alias)
    old = content_types.filter(app_label=old_label, model=MODEL).first()
    if old is None:
        return
    new = content_types.filter(app_label=new_label, model=MODEL).first()
    if new is None:
        old.app_label = new_label
        old.save(update_fields=["app_label"])
        return
    permissions = Permission.objects.using(schema_editor.connection.alias)
    for permission in permissions.filter(content_type=old):
        twin = permissions.filter(content_type=new, codename=permission.codename).first()
        if twin is None:
            permission.content_type = new
            permission.save(update_fields=["content_type"])
        else:
            twin.group_set.add(*permission.group_set.all())
            twin.user_set.add(*permission.user_set.all())
    old.delete()


def to_translations(apps, schema_editor):
    move_content_type(apps, schema_editor, "home", "translations")


def back_to_home(apps, schema_editor):
    move_content_type(apps, schema_editor, "translations", "home")


class Migration(migrations.Migration):
    dependencies = [
        ("translations", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(to_translations, back_to_home)]
