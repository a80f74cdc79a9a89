from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """The people who sign in to the admin: two-factor login, the admin in each user's own language
    (names of groups, workflows and tasks included) and the first admin account."""

    name = "accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.contrib.auth.models import Group

        from wagtail.models import Task, Workflow
        from wagtail.workflows import get_task_types

        from . import admin_names

        admin_names.connect([Group, Workflow, Task, *get_task_types()])
