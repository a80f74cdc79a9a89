from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import DismissibleMenuItem

from . import two_factor

# --- Two-factor login (accounts/two_factor.py; its views are routed in config/urls.py) -------------


@hooks.register("register_account_menu_item")
def offer_two_factor_enrolment(request):
    # Whoever enrolled may move to a new phone; anyone else may choose to enrol.
    if two_factor.authenticator_of(request.user) is not None:
        return {
            "url": reverse("two_factor_enrol"),
            "label": _("Move two-factor login to a new phone"),
            "help_text": _("Scan a new code with the authenticator app on another phone; the old one stops working."),
        }
    return {
        "url": reverse("two_factor_enrol"),
        "label": _("Set up two-factor login"),
        "help_text": _("Ask for a code from an authenticator app at every sign-in, besides the password."),
    }


@hooks.register("register_account_menu_item")
def offer_recovery_codes(request):
    if two_factor.authenticator_of(request.user) is None:
        return None
    return {
        "url": reverse("two_factor_recovery_codes"),
        "label": _("Recovery codes"),
        "help_text": _("Codes that stand in for the authenticator app when the phone is lost. Make new ones here."),
    }


# --- A menu item named once, in the language of the first request ------------------------------------
# Wagtail builds each menu's items once per process; "What's new" names itself then, so every user saw
# it in the language of whoever opened the admin first. Each request gets a fresh one instead (the
# admin in each user's language: accounts/admin_language.py).


@hooks.register("construct_help_menu")
def name_whats_new_per_request(request, menu_items):
    prefix = "whats-new-in-wagtail-"
    for index, item in enumerate(menu_items):
        if item.name.startswith(prefix):
            version = item.name.removeprefix(prefix)
            menu_items[index] = DismissibleMenuItem(
                gettext("What's new in Wagtail %(version)s") % {"version": version},
                item.url,
                name=item.name,
                icon_name=item.icon_name,
                order=item.order,
                attrs={"target": "_blank", "rel": "noreferrer"},
            )
