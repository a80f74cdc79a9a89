from django.db import migrations

MODERATORS_GROUP = "Moderators"
PERMISSIONS = {
    "can_moderate": "Can moderate comments",
    "view_pagecomment": "Can view reader comment",
    "change_pagecomment": "Can change reader comment",
}


def create_moderators_group(apps, schema_editor):
    """The group that approves and removes reader comments (news/wagtail_hooks.py) and hears of each new
    one. The permissions are created here, not left to post_migrate, so that the group has them on the
    first migrate of a fresh database."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _created = ContentType.objects.get_or_create(app_label="news", model="pagecomment")
    permissions = [
        Permission.objects.get_or_create(content_type=content_type, codename=codename, defaults={"name": name})[0]
        for codename, name in PERMISSIONS.items()
    ]
    group, _created = Group.objects.get_or_create(name=MODERATORS_GROUP)
    group.permissions.add(
        *permissions, *Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin")
    )


def remove_moderators_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=MODERATORS_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0002_page_comments"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_moderators_group, remove_moderators_group)]
