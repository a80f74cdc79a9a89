"""Nobody translates or publishes past their rights: wagtail-localize's views by URL and POST, per role.

The rule (translations/permissions.py): translating into a language needs add/edit rights in its
tree; publishing a translation needs publish rights there and a live, public source.
"""

import importlib
import re
from urllib.parse import urlencode

import pytest

from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.utils.translation import gettext, override

from wagtail.models import GroupPagePermission, Locale, Page
from wagtail_localize.models import TranslationSource
from wagtail_localize.operations import TranslationCreator

from home.factories import FooterFactory, StandardPageFactory
from home.i18n import language_name_in_sentence
from home.models import Footer, StandardPage
from tests.module_data import build_for_module, for_this_test
from tests.roles import sign_in, user_in
from translations.permissions import TRANSLATOR_GROUPS

pytestmark = pytest.mark.django_db

ROLES = ("visitor", "editor", "translator_uk", "translator_en", "moderator", "secretariat", "superuser")


def build_people(roles):
    from django.contrib.auth import get_user_model

    return {
        **roles,
        "translator_uk": user_in("translator_uk", TRANSLATOR_GROUPS["uk"]),
        "translator_en": user_in("translator_en", TRANSLATOR_GROUPS["en"]),
        "superuser": get_user_model().objects.create_superuser("root", "root@s2pu.example", "x"),
    }


@pytest.fixture(scope="module")
def _module_people(request, django_db_blocker, _module_roles):
    return build_for_module(request, django_db_blocker, build_people, _module_roles)


@pytest.fixture
def people(_module_people, roles, homes):
    """Every role, the translators in the groups the data migration made."""
    return for_this_test(_module_people, build_people, roles)


class CommittingClient(Client):
    """Runs what a request leaves for after its commit (wagtail-localize publishes a translation then),
    as the server does; the test's own transaction would otherwise never commit."""

    capture_on_commit = None

    def request(self, **request):
        with self.capture_on_commit(execute=True):
            return super().request(**request)


@pytest.fixture(autouse=True)
def _committing_clients(django_capture_on_commit_callbacks):
    CommittingClient.capture_on_commit = staticmethod(django_capture_on_commit_callbacks)


def client_for(user) -> Client:
    client = CommittingClient()
    if user is not None:
        sign_in(client, user)
    return client


def locale(code: str) -> Locale:
    return Locale.objects.get(language_code=code)


def source_of(instance) -> TranslationSource:
    return TranslationSource.objects.get(object_id=instance.translation_key, locale=instance.locale)


def send_for_translation(instance, *codes):
    """Drafts of `instance` in the languages, as wagtail-localize's submit view makes them."""
    TranslationCreator(None, [locale(code) for code in codes]).create_translations(instance)
    return source_of(instance)


def refused(response) -> bool:
    """Wagtail's admin answers PermissionDenied by sending the user to the dashboard with a message, and
    a visitor to the login page."""
    return response.status_code == 403 or (
        response.status_code == 302 and (response.url == "/admin/" or response.url.startswith("/admin/login/"))
    )


def offers_publishing(client: Client, source: TranslationSource) -> bool:
    """Whether the sync form offers "Publish immediately" (a ticked one posted without it is a draft sync)."""
    return 'name="publish_translations"' in client.get(f"/admin/localize/update/{source.pk}/").content.decode()


def live_text(client: Client, page: Page) -> str:
    response = client.get(page.url)
    return response.content.decode() if response.status_code == 200 else ""


@pytest.fixture
def nb_page(homes):
    return StandardPageFactory(parent=homes["nb"], title="Vennskapskommuner", slug="vennskapskommuner")


@pytest.fixture
def draft_nb_page(homes):
    """Never published: still waiting for a moderator."""
    page = StandardPageFactory(parent=homes["nb"], title="Utkast til moderering", slug="utkast", live=False)
    page.save_revision()
    return page


# --- The holes the tester found ---------------------------------------------------------------------


@pytest.fixture
def uk_only_user(homes, django_user_model):
    """Add and edit in the /uk/ tree only, the global "submit translation" permission, no publish right."""
    group = Group.objects.create(name="Only the Ukrainian tree")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="submit_translation")
    )
    for codename in ("add_page", "change_page"):
        GroupPagePermission.objects.create(
            group=group, page=homes["uk"], permission=Permission.objects.get(codename=codename)
        )
    user = django_user_model.objects.create_user("uk-only", password="x")
    user.groups.add(group)
    return user


def test_a_user_with_rights_in_uk_only_cannot_create_pages_in_the_other_trees(uk_only_user, homes):
    own_page = StandardPageFactory(
        parent=homes["uk"], title="Текст перекладача", slug="tekst", live=False, locale=locale("uk")
    )
    client_for(uk_only_user).post(
        f"/admin/localize/submit/page/{own_page.pk}/", {"locales": [locale("nb").pk, locale("en").pk]}
    )
    assert not StandardPage.objects.filter(translation_key=own_page.translation_key).exclude(pk=own_page.pk)


def test_a_user_with_rights_in_uk_only_cannot_publish_their_text_into_nb_and_en(uk_only_user, homes):
    own_page = StandardPageFactory(
        parent=homes["uk"], title="Текст перекладача", slug="tekst", live=False, locale=locale("uk")
    )
    source = send_for_translation(own_page, "nb", "en")  # by someone, or through the hole itself

    client_for(uk_only_user).post(f"/admin/localize/update/{source.pk}/", {"publish_translations": "on"})

    translations = {code: own_page.get_translation(locale(code)) for code in ("nb", "en")}
    assert {code: translation.live for code, translation in translations.items()} == {"nb": False, "en": False}
    leaked = [
        code for code, translation in translations.items() if "Текст перекладача" in live_text(Client(), translation)
    ]
    assert leaked == []


def test_a_user_with_rights_in_uk_only_cannot_publish_an_nb_page_into_en(uk_only_user, nb_page):
    source = send_for_translation(nb_page, "en")
    response = client_for(uk_only_user).post(f"/admin/localize/update/{source.pk}/", {"publish_translations": "on"})
    assert refused(response)
    assert not nb_page.get_translation(locale("en")).live


def test_an_editor_cannot_publish_an_unapproved_draft_in_uk_and_en(roles, draft_nb_page):
    editor = client_for(roles["editor"])
    editor.post(f"/admin/localize/submit/page/{draft_nb_page.pk}/", {"locales": [locale("uk").pk, locale("en").pk]})
    editor.post(f"/admin/localize/update/{source_of(draft_nb_page).pk}/", {"publish_translations": "on"})

    assert not offers_publishing(editor, source_of(draft_nb_page))
    for code in ("uk", "en"):
        assert not draft_nb_page.get_translation(locale(code)).live


def test_an_editor_still_makes_drafts_where_they_may_edit(roles, draft_nb_page):
    client_for(roles["editor"]).post(f"/admin/localize/submit/page/{draft_nb_page.pk}/", {"locales": [locale("uk").pk]})
    translation = draft_nb_page.get_translation(locale("uk"))
    assert not translation.live


def test_not_even_a_moderator_publishes_a_translation_of_a_draft(roles, draft_nb_page):
    source = send_for_translation(draft_nb_page, "uk")
    moderator = client_for(roles["moderator"])
    moderator.post(f"/admin/localize/update/{source.pk}/", {"publish_translations": "on"})
    assert not offers_publishing(moderator, source)
    assert not draft_nb_page.get_translation(locale("uk")).live


def test_what_is_published_is_the_sources_live_text_never_its_pending_draft(roles, nb_page):
    draft = nb_page.get_latest_revision_as_object()
    draft.title = "Ikke godkjent ennå"
    draft.save_revision()
    source = send_for_translation(StandardPage.objects.get(pk=nb_page.pk), "uk")

    client_for(roles["moderator"]).post(f"/admin/localize/update/{source.pk}/", {"publish_translations": "on"})

    translation = nb_page.get_translation(locale("uk"))
    assert translation.live
    assert "Ikke godkjent ennå" not in live_text(Client(), translation)


def test_a_page_under_a_private_section_is_not_published_into_a_public_tree(roles, homes):
    from wagtail.models import PageViewRestriction

    section = StandardPageFactory(parent=homes["nb"], title="Intern", slug="intern")
    send_for_translation(section, "uk")
    # Made private after it was translated: wagtail-localize copies a restriction only when it saves.
    PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)
    page = StandardPageFactory(parent=section, title="Internt notat", slug="notat")
    source = send_for_translation(page, "uk")

    moderator = client_for(roles["moderator"])
    moderator.post(f"/admin/localize/update/{source.pk}/", {"publish_translations": "on"})

    assert not offers_publishing(moderator, source)
    assert not page.get_translation(locale("uk")).live


# --- Each view × role × language -----------------------------------------------------------------------

MAY_TRANSLATE_INTO = {
    "uk": {"editor", "translator_uk", "moderator", "superuser"},
    "en": {"editor", "translator_en", "moderator", "superuser"},
}
MAY_PUBLISH_IN = {"uk": {"moderator", "superuser"}, "en": {"moderator", "superuser"}}
ROLES_AND_LANGUAGES = [(role, code) for code in ("uk", "en") for role in ROLES]


@pytest.mark.parametrize(("role", "code"), ROLES_AND_LANGUAGES)
def test_submit_a_page_for_translation(people, nb_page, role, code):
    client_for(people[role]).post(f"/admin/localize/submit/page/{nb_page.pk}/", {"locales": [locale(code).pk]})
    translation = nb_page.get_translation_or_none(locale(code))
    assert (translation is not None) == (role in MAY_TRANSLATE_INTO[code])
    assert translation is None or not translation.live


@pytest.mark.parametrize(("role", "code"), ROLES_AND_LANGUAGES)
def test_sync_and_publish_translations(people, nb_page, role, code):
    source = send_for_translation(nb_page, code)
    client_for(people[role]).post(f"/admin/localize/update/{source.pk}/", {"publish_translations": "on"})
    assert nb_page.get_translation(locale(code)).live == (role in MAY_PUBLISH_IN[code])


@pytest.mark.parametrize(("role", "code"), ROLES_AND_LANGUAGES)
def test_publish_in_the_translation_editor(people, nb_page, role, code):
    send_for_translation(nb_page, code)
    translation = nb_page.get_translation(locale(code))
    client_for(people[role]).post(f"/admin/pages/{translation.pk}/edit/", {"action": "publish"})
    translation.refresh_from_db()
    assert translation.live == (role in MAY_PUBLISH_IN[code])


def test_the_translation_editor_does_not_publish_a_translation_of_a_draft(people, draft_nb_page):
    send_for_translation(draft_nb_page, "uk")
    translation = draft_nb_page.get_translation(locale("uk"))
    response = client_for(people["superuser"]).post(f"/admin/pages/{translation.pk}/edit/", {"action": "publish"})
    translation.refresh_from_db()
    assert refused(response)
    assert not translation.live


@pytest.mark.parametrize(("role", "code"), ROLES_AND_LANGUAGES)
def test_convert_a_draft_translation_to_an_alias_of_a_live_page(people, nb_page, role, code):
    send_for_translation(nb_page, code)
    translation = nb_page.get_translation(locale(code))
    client_for(people[role]).post(f"/admin/localize/page/{translation.pk}/convert_to_alias/")
    translation.refresh_from_db()
    assert (translation.alias_of_id == nb_page.pk) == (role in MAY_PUBLISH_IN[code])
    assert translation.live == (role in MAY_PUBLISH_IN[code])


# --- Sync for the languages one works in, and only those ---------------------------------------------


def test_a_translator_syncs_their_language_of_a_page_that_has_others(people, nb_page):
    source = send_for_translation(nb_page, "uk", "en")
    translator = client_for(people["translator_uk"])

    form = translator.get(f"/admin/localize/update/{source.pk}/")
    response = translator.post(f"/admin/localize/update/{source.pk}/", {})

    assert form.status_code == 200
    offered = [row["locale"].language_code for row in form.context["translations"]]
    assert offered == ["uk"]
    with override("nb"):
        assert language_name_in_sentence("en") in form.content.decode()  # named as left out
    assert not refused(response)


def test_sync_publishes_only_in_the_languages_one_works_in(people, homes, nb_page):
    """A translator of uk who may also publish there: the uk translation goes live, the en one is left as
    it was, and the request is not refused for it."""
    group = Group.objects.get(name=TRANSLATOR_GROUPS["uk"])
    GroupPagePermission.objects.create(
        group=group, page=homes["uk"], permission=Permission.objects.get(codename="publish_page")
    )
    source = send_for_translation(nb_page, "uk", "en")

    response = client_for(people["translator_uk"]).post(
        f"/admin/localize/update/{source.pk}/", {"publish_translations": "on"}
    )

    assert not refused(response)
    assert nb_page.get_translation(locale("uk")).live
    assert not nb_page.get_translation(locale("en")).live


@pytest.fixture
def publishes_in_uk_only(homes, django_user_model):
    """Translates into uk and en, and may publish in uk only."""
    group = Group.objects.create(name="Publishers (uk)")
    GroupPagePermission.objects.create(
        group=group, page=homes["uk"], permission=Permission.objects.get(codename="publish_page")
    )
    return user_in("uk-publisher", TRANSLATOR_GROUPS["uk"], TRANSLATOR_GROUPS["en"], group.name)


def test_asking_to_publish_where_one_may_not_shows_the_form_again_with_one_reason(publishes_in_uk_only, nb_page):
    source = send_for_translation(nb_page, "uk", "en")
    last_sync = source.last_updated_at
    url = f"/admin/localize/update/{source.pk}/"

    response = client_for(publishes_in_uk_only).post(url, {"publish_translations": "on"}, follow=True)

    with override("nb"):
        reason = gettext(
            "You may not publish in %(languages)s, so nothing was synced. Submit again without “Publish immediately” to sync as a draft."
        ) % {"languages": language_name_in_sentence("en")}
    assert response.redirect_chain == []
    assert [str(message) for message in response.context["messages"]] == [reason]
    assert 'name="publish_translations"' in response.content.decode()
    source.refresh_from_db()
    assert source.last_updated_at == last_sync
    assert not nb_page.get_translation(locale("uk")).live
    assert not nb_page.get_translation(locale("en")).live


@pytest.mark.parametrize(
    ("role", "offered"), [("translator_uk", False), ("editor", False), ("moderator", True), ("superuser", True)]
)
def test_the_sync_form_offers_publish_immediately_only_to_who_may_publish(people, nb_page, role, offered):
    source = send_for_translation(nb_page, "uk")
    html = client_for(people[role]).get(f"/admin/localize/update/{source.pk}/").content.decode()
    assert ('name="publish_translations"' in html) == offered


def test_publish_immediately_posted_by_who_may_not_publish_syncs_a_draft(people, nb_page):
    source = send_for_translation(nb_page, "uk")
    last_sync = source.last_updated_at

    response = client_for(people["translator_uk"]).post(
        f"/admin/localize/update/{source.pk}/", {"publish_translations": "on"}
    )

    assert response.status_code == 302 and not refused(response)
    source.refresh_from_db()
    assert source.last_updated_at > last_sync
    assert not nb_page.get_translation(locale("uk")).live


def offered_locales(html: str) -> dict[str, bool]:
    """{locale pk: ticked} for the submit form's language checkboxes."""
    inputs = re.findall(r'<input[^>]*name="locales"[^>]*>', html)
    return {re.search(r'value="(\d+)"', tag)[1]: " checked" in tag for tag in inputs}


@pytest.mark.parametrize("code", ["uk", "en"])
def test_a_translators_only_language_is_ticked_on_submit(people, nb_page, code):
    html = client_for(people[f"translator_{code}"]).get(f"/admin/localize/submit/page/{nb_page.pk}/").content.decode()
    assert offered_locales(html) == {str(locale(code).pk): True}


def test_nothing_is_ticked_for_who_chooses_between_languages(people, nb_page):
    html = client_for(people["editor"]).get(f"/admin/localize/submit/page/{nb_page.pk}/").content.decode()
    assert offered_locales(html) == {str(locale("uk").pk): False, str(locale("en").pk): False}


def test_submitting_into_a_language_one_does_not_translate_shows_the_form_again(people, nb_page):
    url = f"/admin/localize/submit/page/{nb_page.pk}/"
    response = client_for(people["translator_uk"]).post(url, {"locales": [locale("en").pk]}, follow=True)
    assert response.redirect_chain == []
    assert offered_locales(response.content.decode()) == {str(locale("uk").pk): False}
    assert 'class="error-message"' in response.content.decode()
    assert nb_page.get_translation_or_none(locale("en")) is None


def test_nothing_to_sync_is_refused(people, nb_page):
    source = send_for_translation(nb_page, "en")
    translator = client_for(people["translator_uk"])
    assert refused(translator.get(f"/admin/localize/update/{source.pk}/"))
    assert refused(translator.post(f"/admin/localize/update/{source.pk}/", {}))


# --- Snippets: the model's permission, in the languages the user works in -----------------------------


@pytest.fixture
def nb_footer(homes):
    return FooterFactory(locale=locale("nb"))


# Nobody but the translators has rights on snippets (and superusers); nobody but superusers publishes them.
MAY_TRANSLATE_SNIPPETS_INTO = {"uk": {"translator_uk", "superuser"}, "en": {"translator_en", "superuser"}}
MAY_PUBLISH_SNIPPETS_IN = {"uk": {"superuser"}, "en": {"superuser"}}


def footer_in(nb_footer, code):
    return Footer.objects.filter(translation_key=nb_footer.translation_key, locale=locale(code)).first()


@pytest.mark.parametrize(("role", "code"), ROLES_AND_LANGUAGES)
def test_submit_a_snippet_for_translation(people, nb_footer, role, code):
    client_for(people[role]).post(
        f"/admin/localize/submit/snippet/home/footer/{nb_footer.pk}/", {"locales": [locale(code).pk]}
    )
    translation = footer_in(nb_footer, code)
    assert (translation is not None) == (role in MAY_TRANSLATE_SNIPPETS_INTO[code])
    assert translation is None or not translation.live


@pytest.mark.parametrize(("role", "code"), ROLES_AND_LANGUAGES)
def test_sync_a_snippet_translation(people, nb_footer, role, code):
    source = send_for_translation(nb_footer, code)
    response = client_for(people[role]).post(f"/admin/localize/update/{source.pk}/", {})
    assert (not refused(response)) == (role in MAY_TRANSLATE_SNIPPETS_INTO[code])


@pytest.mark.parametrize(("role", "code"), ROLES_AND_LANGUAGES)
def test_sync_and_publish_a_snippet_translation(people, nb_footer, role, code):
    source = send_for_translation(nb_footer, code)
    client_for(people[role]).post(f"/admin/localize/update/{source.pk}/", {"publish_translations": "on"})
    assert footer_in(nb_footer, code).live == (role in MAY_PUBLISH_SNIPPETS_IN[code])


# --- PO files: in one's own languages only ---------------------------------------------------------------


def po_translation(instance, code):
    from wagtail_localize.models import Translation

    source = send_for_translation(instance, "uk", "en")
    return Translation.objects.get(source=source, target_locale=locale(code))


@pytest.mark.parametrize("kind", ["page", "snippet"])
@pytest.mark.parametrize(("code", "allowed"), [("uk", True), ("en", False)])
def test_a_translator_downloads_po_files_of_their_language_only(people, nb_page, nb_footer, kind, code, allowed):
    translation = po_translation(nb_page if kind == "page" else nb_footer, code)
    response = client_for(people["translator_uk"]).get(f"/admin/localize/translate/{translation.pk}/pofile/download/")
    assert (response.status_code == 200) == allowed
    assert refused(response) != allowed
    if allowed:
        assert str(translation.uuid) in response.content.decode()


@pytest.mark.parametrize("kind", ["page", "snippet"])
@pytest.mark.parametrize(("code", "allowed"), [("uk", True), ("en", False)])
def test_a_translator_uploads_po_files_into_their_language_only(people, nb_page, nb_footer, kind, code, allowed):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from wagtail_localize.models import StringTranslation

    translation = po_translation(nb_page if kind == "page" else nb_footer, code)
    po = translation.export_po()
    for entry in po:
        entry.msgstr = "Переклад з PO"
    upload = SimpleUploadedFile("translation.po", str(po).encode(), content_type="text/x-gettext-translation")

    response = client_for(people["translator_uk"]).post(
        f"/admin/localize/translate/{translation.pk}/pofile/upload/", {"file": upload, "next": "/admin/pages/"}
    )

    stored = StringTranslation.objects.filter(locale=locale(code), data="Переклад з PO").exists()
    assert stored == allowed
    assert refused(response) != allowed


def test_a_translator_cannot_change_the_source_snippet(people, nb_footer):
    response = client_for(people["translator_uk"]).post(
        f"/admin/snippets/home/footer/edit/{nb_footer.pk}/", {"organisers": "<p>Endret</p>", "contact": "<p>x</p>"}
    )
    assert refused(response)
    nb_footer.refresh_from_db()
    assert "Endret" not in nb_footer.organisers


def test_a_translator_does_not_publish_a_snippet_translation(people, nb_footer):
    source = send_for_translation(nb_footer, "uk")
    client_for(people["translator_uk"]).post(f"/admin/localize/update/{source.pk}/", {"publish_translations": "on"})
    assert not Footer.objects.get(translation_key=nb_footer.translation_key, locale=locale("uk")).live


# --- The groups ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["uk", "en"])
def test_translators_may_add_and_edit_in_their_tree_but_not_publish(people, homes, code):
    translator = people[f"translator_{code}"]
    permissions = homes[code].permissions_for_user(translator)
    assert permissions.can_add_subpage()
    assert permissions.can_edit()
    assert not permissions.can_publish()
    assert not homes["nb"].permissions_for_user(translator).can_edit()


@pytest.mark.parametrize("code", ["uk", "en"])
def test_translators_see_no_personal_data_nor_comments(people, code):
    translator = people[f"translator_{code}"]
    assert translator.has_perm("wagtailadmin.access_admin")
    assert translator.has_perm("wagtail_localize.submit_translation")
    assert translator.has_perm("home.change_footer")
    assert not translator.has_perm("privacy.handle_personal_data")
    assert not translator.has_perm("news.can_moderate")


@pytest.mark.parametrize(("code", "allowed"), [("uk", True), ("en", False)])
def test_a_translator_writes_snippet_strings_in_their_language_only(people, nb_footer, code, allowed):
    from wagtail_localize.models import StringTranslation, Translation

    source = send_for_translation(nb_footer, "uk", "en")
    translation = Translation.objects.get(source=source, target_locale=locale(code))
    segment = source.stringsegment_set.first()

    client_for(people["translator_uk"]).put(
        f"/admin/localize/translate/{translation.pk}/strings/{segment.pk}/edit/",
        urlencode({"value": "Переклад"}),
        content_type="application/x-www-form-urlencoded",
    )

    assert StringTranslation.objects.filter(locale=locale(code), data="Переклад").exists() == allowed


def test_the_translator_groups_migration_may_run_again(homes):
    from django.apps import apps

    from home.migrations import __name__ as migrations_package

    migration = importlib.import_module(f"{migrations_package}.0008_translator_groups")
    migration.create_translator_groups(apps, None)
    migration.create_translator_groups(apps, None)

    group = Group.objects.get(name=TRANSLATOR_GROUPS["uk"])
    assert GroupPagePermission.objects.filter(group=group, page=homes["uk"]).count() == 2
