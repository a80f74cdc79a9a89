"""The secretariat's admin in a real browser: the sidebar labels fit, uncut, in nb, uk and en, and
the screens a Secretariat user opens render (Repairs 14)."""

import pytest

pytestmark = pytest.mark.e2e

PASSWORD = "secretariat-password-1"


def log_in_as_secretariat(page, language):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from wagtail.users.models import UserProfile

    from tests.e2e.admin_login import sign_in

    user = get_user_model().objects.create_user(username=f"sek-{language}", password=PASSWORD)
    user.groups.add(Group.objects.get(name="Secretariat"))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    sign_in(page, user, PASSWORD)


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        ("nb", ["Påmeldinger", "Plasser per dag", "Interessesaker", "Eksporter saker"]),
        ("uk", ["Реєстрації", "Місця за днями", "Пошук партнерів", "Експорт заявок"]),
        ("en", ["Registrations", "Places per day", "Interest cases", "Export cases"]),
    ],
)
def test_sidebar_labels_are_not_cut_off(page, language, labels):
    """ "Registrations per d…", "Interesse for sama…", "Заявки на співпра…" were cut off; every label
    now fits with room to spare (a wider system font must not cut it either)."""
    log_in_as_secretariat(page, language)
    page.goto("/admin/")
    page.wait_for_selector(".menuitem-label")
    # [text, overflows as shown, overflows with letters 6 % wider (another system font)]
    measured = page.eval_on_selector_all(
        ".menuitem-label",
        """labels => labels.map(label => {
            const cut = label.scrollWidth > label.clientWidth;
            label.style.letterSpacing = "0.06em";
            const cutWhenWider = label.scrollWidth > label.clientWidth;
            label.style.letterSpacing = "";
            return [label.textContent.trim(), cut, cutWhenWider];
        })""",
    )
    shown = {text: (cut, cut_when_wider) for text, cut, cut_when_wider in measured}
    assert not [text for text, (cut, _wider) in shown.items() if cut]
    assert not [label for label in labels if shown[label][1]]


def test_secretariat_screens_render_with_headings(page):
    log_in_as_secretariat(page, "en")
    for address, heading in [
        ("/admin/registrations/", "Registrations"),
        ("/admin/registrations-summary/", "Places per day"),
        ("/admin/interest-cases/", "Interest cases"),
    ]:
        assert page.goto(address).status == 200
        assert page.locator("h1").first.inner_text().strip() == heading
