from django.db import migrations

TRANSLATOR_GROUPS = {"uk": "Translators (uk)", "en": "Translators (en)"}


def create_translator_groups(apps, schema_editor):
    """One group per target language: into the admin, submit translations, add and edit (never
    publish) in its language's tree. Change rights on translatable snippets are granted after every
    migrate (home/apps.py), the page rights here if the home pages exist already and otherwise when
    each home page is created (home/apps.py); which language a snippet may be changed in is decided by
    home/translation_permissions.py. No personal data: no home.handle_personal_data, no comments."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    localize_type, _created = ContentType.objects.get_or_create(app_label="wagtail_localize", model="translation")
    submit, _created = Permission.objects.get_or_create(
        content_type=localize_type, codename="submit_translation", defaults={"name": "Can submit translations"}
    )
    page_type, _created = ContentType.objects.get_or_create(app_label="wagtailcore", model="page")
    page_permissions = [
        Permission.objects.get_or_create(content_type=page_type, codename=codename, defaults={"name": name})[0]
        for codename, name in (("add_page", "Can add page"), ("change_page", "Can change page"))
    ]
    admin_access = Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin")
    for language_code, name in TRANSLATOR_GROUPS.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(submit, *admin_access)
        for home in Page.objects.filter(depth=2, locale__language_code=language_code):
            for permission in page_permissions:
                GroupPagePermission.objects.get_or_create(group=group, page=home, permission=permission)


def remove_translator_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=TRANSLATOR_GROUPS.values()).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0007_front_page_sections"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtail_localize", "0006_create_submit_translation_permission"),
        ("wagtailcore", "0095_groupsitepermission"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_translator_groups, remove_translator_groups)]
