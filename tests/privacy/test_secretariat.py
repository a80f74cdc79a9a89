"""The Secretariat group exists from the first migrate with the one permission for personal data."""

import pytest

from django.contrib.auth.models import Group

from privacy.secretariat import PERSONAL_DATA_PERMISSION, SECRETARIAT_GROUP, may_handle_personal_data

pytestmark = pytest.mark.django_db


def test_the_group_is_created_by_a_migration_with_its_permissions():
    group = Group.objects.get(name=SECRETARIAT_GROUP)
    codenames = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}
    assert {PERSONAL_DATA_PERMISSION, "wagtailadmin.access_admin"} <= codenames


def test_only_the_secretariat_and_superusers_may_handle_personal_data(django_user_model):
    editor = django_user_model.objects.create_user("editor", password="x")
    editor.groups.add(Group.objects.get(name="Editors"))
    secretary = django_user_model.objects.create_user("secretary", password="x")
    secretary.groups.add(Group.objects.get(name=SECRETARIAT_GROUP))
    admin = django_user_model.objects.create_superuser("admin", password="x")
    inactive = django_user_model.objects.create_user("gone", password="x", is_active=False)
    inactive.groups.add(Group.objects.get(name=SECRETARIAT_GROUP))
    assert [may_handle_personal_data(user) for user in (editor, secretary, admin, inactive, None)] == [
        False,
        True,
        True,
        False,
        False,
    ]
