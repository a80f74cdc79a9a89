"""Admin screens that one named permission opens, whatever model permissions a group holds.

Wagtail's default policy lets anyone with a model's add/change/view permission in; the screens for
personal data (the Secretariat's) and for reader comments (the Moderators') must instead follow a
single permission of their own, held through a group or directly, or superuser status."""

from django.contrib.auth import get_user_model
from django.db.models import Q

from wagtail.permission_policies import ModelPermissionPolicy


def holds_permission(user, permission: str) -> bool:
    """Active and either a superuser or holding `permission` ("app_label.codename")."""
    return bool(user and user.is_active and (user.is_superuser or user.has_perm(permission)))


def users_holding(permission: str, include_superusers: bool = False):
    """The active users holding `permission` ("app_label.codename") through a group or directly,
    and the superusers if asked: those whom `holds_permission` lets in."""
    app_label, codename = permission.split(".", 1)
    holders = Q(groups__permissions__codename=codename, groups__permissions__content_type__app_label=app_label) | Q(
        user_permissions__codename=codename, user_permissions__content_type__app_label=app_label
    )
    if include_superusers:
        holders |= Q(is_superuser=True)
    return get_user_model().objects.filter(holders, is_active=True).distinct()


class SinglePermissionPolicy(ModelPermissionPolicy):
    """Allows `allowed_actions` on the model to holders of `permission`, and nothing else to anyone."""

    def __init__(self, model, *, permission: str, allowed_actions: frozenset[str], **kwargs):
        super().__init__(model, **kwargs)
        self.permission = permission
        self.allowed_actions = frozenset(allowed_actions)

    def user_has_permission(self, user, action):
        return action in self.allowed_actions and holds_permission(user, self.permission)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions, include_superusers=True):
        if not set(actions) & self.allowed_actions:
            return get_user_model().objects.none()
        return users_holding(self.permission, include_superusers)
