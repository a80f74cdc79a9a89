"""The Secretariat: the one group that sees and handles what visitors send through public forms.

The group and its permission (`home.handle_personal_data`) are created by a data migration
(home/migrations/0004_secretariat.py). Every app's admin screens for personal data, Wagtail's
form-submission listings and exports check `may_handle_personal_data`; nobody else sees them.
"""

from wagtail.permission_policies import ModelPermissionPolicy

SECRETARIAT_GROUP = "Secretariat"
PERSONAL_DATA_PERMISSION = "home.handle_personal_data"


def may_handle_personal_data(user) -> bool:
    return bool(user and user.is_active and (user.is_superuser or user.has_perm(PERSONAL_DATA_PERMISSION)))


class SecretariatPermissionPolicy(ModelPermissionPolicy):
    """For the admin views of records holding personal data: the Secretariat may view, change and
    export them (as may superusers); nobody adds them by hand, and only retention and erasure delete."""

    allowed_actions = frozenset({"view", "change", "export"})

    def user_has_permission(self, user, action):
        return action in self.allowed_actions and may_handle_personal_data(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions, include_superusers=True):
        from django.contrib.auth import get_user_model
        from django.db.models import Q

        users = get_user_model().objects.filter(is_active=True)
        if not set(actions) & self.allowed_actions:
            return users.none()
        return users.filter(
            Q(is_superuser=True)
            | Q(
                groups__permissions__codename="handle_personal_data",
                groups__permissions__content_type__app_label="home",
            )
            | Q(user_permissions__codename="handle_personal_data", user_permissions__content_type__app_label="home")
        ).distinct()
