"""The Secretariat in the admin: one menu for every app's screens with personal data (apps add theirs
with the `register_secretariat_menu_item` hook), form submissions for its eyes only, and the second
factor for whoever may see personal data."""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import Menu, SubmenuMenuItem

from .secretariat import may_handle_personal_data

secretariat_menu = Menu(
    register_hook_name="register_secretariat_menu_item", construct_hook_name="construct_secretariat_menu"
)


class SecretariatMenuItem(SubmenuMenuItem):
    def is_shown(self, request):
        return may_handle_personal_data(request.user)


@hooks.register("register_admin_menu_item")
def register_secretariat_menu():
    return SecretariatMenuItem(_("Secretariat"), secretariat_menu, icon_name="group", name="secretariat", order=250)


@hooks.register("filter_form_submissions_for_user")
def only_the_secretariat_sees_form_submissions(user, editable_forms):
    """Page edit rights would otherwise let every editor and translator read and export every form
    submission of the pages they can edit (docs/security.md)."""
    return editable_forms if may_handle_personal_data(user) else editable_forms.none()


@hooks.register("second_factor_required")
def whoever_may_handle_personal_data(user):
    """Everyone who can see personal data signs in with a second factor, whatever they chose."""
    return may_handle_personal_data(user)
