"""Every role sees in the admin menu only what it may open: each item of the sidebar drawn on its
dashboard (submenus included) answers that user with the screen, never a 403, a redirect to the login
or Wagtail's "no permission" message (the Secretariat once had a "News" item that did)."""

import json

import pytest
from bs4 import BeautifulSoup

from django.contrib.auth import get_user_model
from django.test import Client
from django.utils.translation import gettext, override

from tests.roles import sign_in, user_in
from translations.permissions import TRANSLATOR_GROUPS

GROUPS_OF_ROLE = {
    "editor": ["Editors"],
    "moderator": ["Moderators"],
    "translator_uk": [TRANSLATOR_GROUPS["uk"]],
    "translator_en": [TRANSLATOR_GROUPS["en"]],
    "secretariat": ["Secretariat"],
}


def signed_in_as(role: str) -> Client:
    if role == "superuser":
        user = get_user_model().objects.create_superuser("root", "root@s2pu.example", "x")
    else:
        user = user_in(role, *GROUPS_OF_ROLE[role])
    return sign_in(Client(), user)


def menu_addresses(dashboard) -> list[str]:
    """The address of every item of the main menu and its submenus, as the sidebar's JSON gives them;
    the account menu (which holds "Log out") and links off the site are left out."""
    props = json.loads(BeautifulSoup(dashboard.content, "html.parser").find(id="wagtail-sidebar-props").string)
    main_menu = next(module for module in props["modules"] if module["_type"] == "wagtail.sidebar.MainMenuModule")
    addresses = []

    def walk(node):
        if isinstance(node, dict):
            url = node.get("url")
            if isinstance(url, str) and url.startswith("/admin/"):
                addresses.append(url)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(main_menu["_args"][0])
    return addresses


def refusal(client, address: str) -> str:
    """Why `address` is refused to this user, or "" when it opens."""
    response = client.get(address, follow=True)
    for location, _status in response.redirect_chain:
        if location.startswith("/admin/login/"):
            return f"redirected to the login ({location})"
    if response.status_code != 200:
        return f"answered {response.status_code}"
    is_page = response["Content-Type"].startswith("text/html") and not response.streaming
    if is_page and NO_PERMISSION in response.content.decode():
        return "Wagtail's no-permission message"
    return ""


with override("nb"):  # the admin's language for users without a preference
    NO_PERMISSION = gettext("Sorry, you do not have permission to access this area.")


@pytest.mark.parametrize("role", ["editor", "moderator", "translator_uk", "translator_en", "secretariat", "superuser"])
def test_every_menu_item_opens_for_the_role_that_sees_it(demo_site, role):
    client = signed_in_as(role)
    dashboard = client.get("/admin/")
    assert dashboard.status_code == 200
    addresses = menu_addresses(dashboard)
    assert addresses, "the dashboard has no menu"
    refused = {address: reason for address in addresses if (reason := refusal(client, address))}
    assert refused == {}
