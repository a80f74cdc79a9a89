"""The Secretariat: the one group that sees and handles what visitors send through public forms.

The group and its permission (`privacy.handle_personal_data`) are created by a data migration
(home/migrations/0005_secretariat.py, from before privacy was an app of its own; its 0001_initial.py
took the permission over). Every app's admin screens for personal data, Wagtail's
form-submission listings and exports check `may_handle_personal_data`; nobody else sees them.
"""

from .permission_policies import SinglePermissionPolicy, holds_permission

SECRETARIAT_GROUP = "Secretariat"
PERSONAL_DATA_PERMISSION = "privacy.handle_personal_data"


def may_handle_personal_data(user) -> bool:
    return holds_permission(user, PERSONAL_DATA_PERMISSION)


def secretariat_policy(model) -> SinglePermissionPolicy:
    """For the admin views of records holding personal data: the Secretariat may view, change and
    export them (as may superusers); nobody adds them by hand, and only retention and erasure delete."""
    return SinglePermissionPolicy(
        model, permission=PERSONAL_DATA_PERMISSION, allowed_actions=frozenset({"view", "change", "export"})
    )
