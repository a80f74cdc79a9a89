"""One user per role, as the site defines them: the admin groups and what each may do."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

PASSWORD = "a-test-password-for-roles"  # noqa: S105


def user_in(username: str, *group_names: str):
    """An active user in the named groups (which must exist), with PASSWORD."""
    user = get_user_model().objects.create_user(username=username, password=PASSWORD)
    for name in group_names:
        user.groups.add(Group.objects.get(name=name))
    return user


def roles() -> dict:
    """{"visitor": None, "editor": …, "moderator": …, "secretariat": …}: the people the site serves."""
    return {
        "visitor": None,
        "editor": user_in("editor", "Editors"),
        "moderator": user_in("moderator", "Moderators"),
        "secretariat": user_in("secretariat", "Secretariat"),
    }


def sign_in(client, user):
    """Log `user` in as the admin login does, second factor included: a confirmed TOTP device, and the
    session marked as verified by it (what django_otp.login does after a right code)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
        user=user, name="test", confirmed=True
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client
