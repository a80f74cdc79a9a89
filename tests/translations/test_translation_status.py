"""Translators see what needs work, editors can mark a change as minor, readers see how a page was translated.

The states (translations/status.py): missing, source changed, draft, up to date.
"""

import re

import pytest

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation as django_translation

from wagtail.models import Locale
from wagtail_localize.models import StringTranslation, Translation, TranslationSource
from wagtail_localize.operations import TranslationCreator

from home.dates import long_date
from home.factories import StandardPageFactory, publish_translation
from tests.roles import sign_in, user_in
from translations.models import MinorEdit
from translations.permissions import TRANSLATOR_GROUPS
from translations.status import (
    DRAFT,
    MACHINE,
    MISSING,
    PERSON,
    SOURCE_CHANGED,
    UP_TO_DATE,
    reader_notice,
    translation_matrix,
)

pytestmark = pytest.mark.django_db


def locale(code: str) -> Locale:
    return Locale.objects.get(language_code=code)


def send_for_translation(page, *codes) -> TranslationSource:
    """Drafts of `page` in the languages, as wagtail-localize's submit view makes them."""
    TranslationCreator(None, [locale(code) for code in codes]).create_translations(page)
    return TranslationSource.objects.get(object_id=page.translation_key, locale=page.locale)


def write_strings(page, code, translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL):
    """Every string of `page`'s last synced text translated into `code` (by a person or a machine), as
    the translation editor stores them, the page itself left as it was."""
    source = TranslationSource.objects.get(object_id=page.translation_key, locale=page.locale)
    for segment in source.stringsegment_set.select_related("string"):
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale(code),
            context=segment.context,
            defaults={
                "data": f"[{code}] {segment.string.data}",
                "translation_type": translation_type,
                "tool_name": "DeepL" if translation_type == StringTranslation.TRANSLATION_TYPE_MACHINE else "",
            },
        )
    return source


def translate_strings(page, code, translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL, publish=True):
    """Every string of `page` translated into `code` (by a person or a machine), and the translation saved."""
    source = write_strings(page, code, translation_type)
    Translation.objects.get(source=source, target_locale=locale(code)).save_target(publish=publish)
    translated = page.get_translation(locale(code)).specific
    if publish:
        # The site keeps a submitted translation a draft (WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE).
        translated.get_latest_revision().publish()
        translated.refresh_from_db()
    return translated


def republish(page):
    """A new version of the source published, as an editor does."""
    page = page.specific
    page.intro = f"{page.intro} Oppdatert."
    revision = page.save_revision()
    revision.publish()
    return revision


def states(page, user) -> dict[str, str]:
    (row,) = translation_matrix([page], user)
    return {cell.locale.language_code: cell.state for cell in row.cells}


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("root", "root@s2pu.example", "x")


@pytest.fixture
def translator_uk(homes):
    return user_in("translator_uk", TRANSLATOR_GROUPS["uk"])


@pytest.fixture
def page(homes):
    page = StandardPageFactory(parent=homes["nb"], title="Vennskapskommuner", slug="vennskap")
    page.save_revision().publish()
    return page


# --- The four states ------------------------------------------------------------------------------------


def test_a_page_not_translated_is_missing(page, superuser):
    assert states(page, superuser) == {"uk": MISSING, "en": MISSING}


def test_an_alias_is_no_translation(page, superuser):
    page.create_alias(parent=page.get_parent().get_translation(locale("uk")), update_locale=locale("uk"))
    assert states(page, superuser)["uk"] == MISSING


def test_a_translation_not_yet_published_is_a_draft(page, superuser):
    send_for_translation(page, "uk")
    assert states(page, superuser) == {"uk": DRAFT, "en": MISSING}


def test_a_published_translation_with_unpublished_changes_is_a_draft(page, superuser):
    send_for_translation(page, "uk")
    translated = translate_strings(page, "uk")
    translated.save_revision()
    assert states(page, superuser)["uk"] == DRAFT


def test_a_published_translation_is_up_to_date(page, superuser):
    send_for_translation(page, "uk")
    translate_strings(page, "uk")
    assert states(page, superuser)["uk"] == UP_TO_DATE


def test_a_source_published_after_the_last_sync_flags_the_translation(page, superuser):
    send_for_translation(page, "uk")
    translate_strings(page, "uk")
    republish(page)
    assert states(page, superuser)["uk"] == SOURCE_CHANGED


def test_a_sync_clears_the_flag_and_leaves_a_draft_until_published(page, superuser):
    source = send_for_translation(page, "uk")
    translate_strings(page, "uk")
    republish(page)
    source.update_from_db()
    Translation.objects.get(source=source).save_target(publish=False)
    assert states(page, superuser)["uk"] == DRAFT


def test_a_sync_without_translating_leaves_the_work_listed_until_the_translation_is_published(
    page, roles, translator_uk, django_capture_on_commit_callbacks
):
    """What a translator did: the source changed, they pressed "Sync from source" and stopped there. The
    live uk page still has the old text, so it is still work and readers are still told."""
    source = send_for_translation(page, "uk")
    translated = translate_strings(page, "uk")
    republish(page)
    editor = sign_in(Client(), roles["editor"])

    def everywhere() -> dict:
        live_page = Client().get(translated.url).content.decode()
        return {
            "dashboard": re.search(r'data-state="(\w+)"', cell(dashboard(translator_uk), "Vennskapskommuner", "uk"))[1],
            "status panel": re.search(
                r'data-language="uk" data-state="(\w+)"', editor.get(f"/admin/pages/{page.pk}/edit/").content.decode()
            )[1],
            "reader notice": "updated" if "translation-notice__updated" in live_page else "current",
            "live text": "new" if "Oppdatert." in live_page else "old",
        }

    response = sign_in(Client(), translator_uk).post(f"/admin/localize/update/{source.pk}/", {})

    assert response.status_code == 302
    assert everywhere() == {
        "dashboard": SOURCE_CHANGED,
        "status panel": SOURCE_CHANGED,
        "reader notice": "updated",
        "live text": "old",
    }

    write_strings(page, "uk")
    with django_capture_on_commit_callbacks(execute=True):
        sign_in(Client(), roles["moderator"]).post(f"/admin/pages/{translated.pk}/edit/", {"action": "publish"})

    assert everywhere() == {
        "dashboard": UP_TO_DATE,
        "status panel": UP_TO_DATE,
        "reader notice": "current",
        "live text": "new",
    }


def test_a_draft_of_the_source_changes_nothing_yet(page, superuser):
    send_for_translation(page, "uk")
    translate_strings(page, "uk")
    page.specific.save_revision()
    assert states(page, superuser)["uk"] == UP_TO_DATE


def test_a_translation_kept_by_hand_is_outdated_by_a_later_source_publish(page, superuser):
    publish_translation(page, "en", title="Friendship municipalities")
    assert states(page, superuser)["en"] == UP_TO_DATE
    republish(page)
    assert states(page, superuser)["en"] == SOURCE_CHANGED


# --- Minor edits ----------------------------------------------------------------------------------------


def test_a_change_marked_minor_does_not_flag_translations(page, superuser):
    send_for_translation(page, "uk")
    translate_strings(page, "uk")
    revision = republish(page)
    MinorEdit.objects.create(revision=revision)
    assert states(page, superuser)["uk"] == UP_TO_DATE


def test_a_later_change_not_marked_minor_flags_them_again(page, superuser):
    send_for_translation(page, "uk")
    translate_strings(page, "uk")
    MinorEdit.objects.create(revision=republish(page))
    republish(page)
    assert states(page, superuser)["uk"] == SOURCE_CHANGED


def test_an_editor_marks_the_last_published_change_minor_on_the_edit_view(page, roles):
    send_for_translation(page, "uk")
    translate_strings(page, "uk")
    republish(page)
    client = Client()
    client.force_login(roles["editor"])
    edit_view = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert 'data-language="uk" data-state="source_changed"' in edit_view
    assert f"/admin/translations/minor/{page.pk}/" in edit_view

    client.post(f"/admin/translations/minor/{page.pk}/")

    page.refresh_from_db()
    assert MinorEdit.objects.filter(revision_id=page.live_revision_id).exists()
    assert 'data-language="uk" data-state="up_to_date"' in client.get(f"/admin/pages/{page.pk}/edit/").content.decode()


def test_a_translator_cannot_mark_a_source_change_minor(page, translator_uk):
    republish(page)
    client = Client()
    client.force_login(translator_uk)
    response = client.post(f"/admin/translations/minor/{page.pk}/")
    assert response.status_code in (302, 403) and not MinorEdit.objects.exists()


# --- The dashboard --------------------------------------------------------------------------------------


def dashboard(user, query="") -> str:
    client = Client()
    sign_in(client, user)
    response = client.get(f"/admin/translations/{query}")
    assert response.status_code == 200
    return response.content.decode()


def cell(html: str, title: str, code: str) -> str:
    """The dashboard's cell for the page titled `title` in language `code`."""
    row = re.search(rf"<tr>\s*<th scope=\"row\">\s*<a[^>]*>{re.escape(title)}</a>.*?</tr>", html, re.S)
    assert row, f"no row for {title}"
    match = re.search(rf'<td [^>]*data-language="{code}"[^>]*>(.*?)</td>', row.group(0), re.S)
    return match.group(0)


def row_titles(html: str) -> list[str]:
    return re.findall(r'<th scope="row">\s*<a[^>]*>([^<]*)</a>', html)


def test_the_dashboard_shows_every_state(homes, superuser):
    missing = StandardPageFactory(parent=homes["nb"], title="Mangler", slug="mangler")
    draft = StandardPageFactory(parent=homes["nb"], title="Utkast", slug="utkast")
    send_for_translation(draft, "uk")
    current = StandardPageFactory(parent=homes["nb"], title="Oppdatert", slug="oppdatert")
    send_for_translation(current, "uk")
    translate_strings(current, "uk")
    changed = StandardPageFactory(parent=homes["nb"], title="Endret", slug="endret")
    send_for_translation(changed, "uk")
    translate_strings(changed, "uk")
    republish(changed)

    html = dashboard(superuser)

    assert 'data-state="missing"' in cell(html, "Mangler", "uk")
    assert f'href="/admin/localize/submit/page/{missing.pk}/"' in cell(html, "Mangler", "uk")
    assert 'data-state="draft"' in cell(html, "Utkast", "uk")
    assert f'href="/admin/pages/{draft.get_translation(locale("uk")).pk}/edit/"' in cell(html, "Utkast", "uk")
    assert 'data-state="up_to_date"' in cell(html, "Oppdatert", "uk")
    assert 'data-state="source_changed"' in cell(html, "Endret", "uk")
    source = TranslationSource.objects.get(object_id=changed.translation_key)
    assert f'href="/admin/localize/update/{source.pk}/"' in cell(html, "Endret", "uk")


def test_the_dashboard_filters_by_section_and_page_type(homes, superuser):
    from events.factories import EventIndexPageFactory

    section = StandardPageFactory(parent=homes["nb"], title="Om samarbeidet", slug="om")
    StandardPageFactory(parent=section, title="Under seksjonen", slug="under")
    StandardPageFactory(parent=homes["nb"], title="Utenfor seksjonen", slug="utenfor")
    events = EventIndexPageFactory(parent=homes["nb"], title="Konferanse", slug="konferanse")

    assert row_titles(dashboard(superuser, f"?section={section.pk}")) == ["Om samarbeidet", "Under seksjonen"]
    assert row_titles(dashboard(superuser, f"?page_type={events.content_type_id}")) == ["Konferanse"]


def test_the_page_type_filter_names_each_type_once(homes, superuser):
    for title in ("Én", "To", "Tre"):
        StandardPageFactory(parent=homes["nb"], title=title)
    html = dashboard(superuser)
    select = re.search(r'<select name="page_type".*?</select>', html, re.S)[0]
    types = re.findall(r'<option value="(\d+)"', select)
    assert len(types) == len(set(types)) == 2  # home page, standard page


def test_the_dashboard_filters_by_language_and_what_needs_work(page, homes, superuser):
    send_for_translation(page, "uk")
    translate_strings(page, "uk")
    html = dashboard(superuser, "?language=en&needs_work=on")
    assert 'data-language="uk"' not in html
    assert "Vennskapskommuner" in row_titles(html)  # missing in English
    assert "Vennskapskommuner" not in row_titles(dashboard(superuser, "?language=uk&needs_work=on"))


def test_a_uk_translator_sees_actions_in_ukrainian_only(page, translator_uk):
    html = dashboard(translator_uk)
    assert 'data-action="translate"' in cell(html, "Vennskapskommuner", "uk")
    assert "href=" not in cell(html, "Vennskapskommuner", "en")


def test_the_sync_link_needs_rights_in_every_language_it_syncs(page, translator_uk, superuser):
    send_for_translation(page, "uk", "en")
    translate_strings(page, "uk")
    translate_strings(page, "en")
    republish(page)
    assert 'data-action="update"' in cell(dashboard(superuser), "Vennskapskommuner", "uk")
    uk_cell = cell(dashboard(translator_uk), "Vennskapskommuner", "uk")
    assert 'data-action="update"' not in uk_cell
    assert 'data-action="edit"' in uk_cell


@pytest.mark.parametrize("query", ["", "?language=uk"])
def test_the_home_panel_and_the_dashboard_offer_the_same_next_step(page, translator_uk, query):
    send_for_translation(page, "uk", "en")
    translate_strings(page, "uk")
    translate_strings(page, "en")
    republish(page)
    home = sign_in(Client(), translator_uk).get("/admin/").content.decode()
    panel = home[home.index('id="translation-work-section"') :]
    dashboard_action = re.search(
        r'data-action="(\w+)"', cell(dashboard(translator_uk, query), "Vennskapskommuner", "uk")
    )
    assert re.search(r'data-action="(\w+)"', panel)[1] == dashboard_action[1] == "edit"


def test_only_people_who_translate_see_the_dashboard(homes, roles):
    client = Client()
    sign_in(client, roles["secretariat"])
    assert client.get("/admin/translations/").status_code in (302, 403)
    assert "/admin/translations/" not in client.get("/admin/").content.decode()
    assert "/admin/translations/" in Client().get("/admin/translations/").url  # to the login page
    assert dashboard(roles["editor"])


def test_the_dashboard_reads_any_number_of_pages_in_the_same_queries(homes, superuser):
    client = Client()
    sign_in(client, superuser)

    def queries() -> int:
        client.get("/admin/translations/")
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/admin/translations/").status_code == 200
        return len(captured)

    def add_pages(count):
        for _ in range(count):
            page = StandardPageFactory(parent=homes["nb"], slug="")
            send_for_translation(page, "uk")
            publish_translation(page, "en")

    add_pages(2)
    few = queries()
    add_pages(12)
    assert queries() == few


# --- On the edit view and the admin home ---------------------------------------------------------------


def test_a_translations_edit_view_shows_its_own_state(page, translator_uk):
    send_for_translation(page, "uk", "en")
    client = Client()
    client.force_login(translator_uk)
    html = client.get(f"/admin/pages/{page.get_translation(locale('uk')).pk}/edit/").content.decode()
    assert 'data-language="uk" data-state="draft"' in html
    assert 'data-language="en"' not in html


def test_my_translation_work_lists_what_needs_work_in_my_language(page, translator_uk):
    client = Client()
    client.force_login(translator_uk)
    html = client.get("/admin/").content.decode()
    panel = html[html.index('id="translation-work-section"') :]
    assert "Vennskapskommuner" in panel
    assert 'data-action="translate"' in panel
    assert "English" not in panel


@pytest.mark.parametrize(("role", "shown"), [("translator_uk", True), ("editor", False), ("moderator", False)])
def test_my_translation_work_is_on_translators_homes_only(page, roles, translator_uk, role, shown):
    person = translator_uk if role == "translator_uk" else roles[role]
    html = sign_in(Client(), person).get("/admin/").content.decode()
    assert ('id="translation-work-section"' in html) == shown


def test_my_translation_work_puts_the_state_and_the_action_under_their_own_headings(page, translator_uk):
    html = sign_in(Client(), translator_uk).get("/admin/").content.decode()
    panel = html[html.index('id="translation-work-section"') :]
    table = panel[: panel.index("</table>")]
    with django_translation.override("nb"):
        status, action = django_translation.gettext("Status"), django_translation.gettext("Next step")
    headings = [re.sub(r"<[^>]+>", "", th).strip() for th in re.findall(r"<th\b.*?</th>", table, re.S)]
    (row,) = re.findall(r"<tr>(.*?)</tr>", table[table.index("<tbody>") :], re.S)
    cells = re.findall(r"<td\b.*?</td>", row, re.S)
    assert len(cells) == len(headings)
    assert 'data-state="missing"' in cells[headings.index(status)]
    assert "<a " not in cells[headings.index(status)]
    assert 'data-action="translate"' in cells[headings.index(action)]


def test_my_translation_work_is_absent_when_nothing_needs_work(homes, translator_uk):
    client = Client()
    client.force_login(translator_uk)
    assert 'id="translation-work-section"' not in client.get("/admin/").content.decode()


# --- What readers are told ------------------------------------------------------------------------------


def notice(page) -> str:
    html = Client().get(page.url).content.decode()
    match = re.search(r'<div class="[^"]*translation-notice.*?</div>', html, re.S)
    return match.group(0) if match else ""


@pytest.mark.parametrize("code", ["uk", "en"])
def test_a_translation_by_a_person_says_so_and_links_to_the_source(page, code):
    send_for_translation(page, code)
    translated = translate_strings(page, code)
    with django_translation.override(code):
        expected = django_translation.gettext("Translated by a person.")
    text = notice(translated)
    assert 'data-translation-origin="person"' in text
    assert expected in text
    assert f'href="{page.url}" hreflang="nb" lang="nb">Vennskapskommuner</a>' in text
    assert "translation-notice__updated" not in text


@pytest.mark.parametrize("code", ["uk", "en"])
def test_a_machine_translation_not_yet_reviewed_says_so(page, code):
    send_for_translation(page, code)
    translated = translate_strings(page, code, StringTranslation.TRANSLATION_TYPE_MACHINE)
    with django_translation.override(code):
        expected = django_translation.gettext("Machine translated, not yet reviewed.")
    text = notice(translated)
    assert 'data-translation-origin="machine"' in text
    assert expected in text


def test_a_machine_translation_reviewed_string_by_string_becomes_a_persons(page):
    send_for_translation(page, "uk")
    translated = translate_strings(page, "uk", StringTranslation.TRANSLATION_TYPE_MACHINE)
    machine_strings = StringTranslation.objects.filter(locale=locale("uk"))
    *reviewed, last = machine_strings
    for string in reviewed:
        string.translation_type = StringTranslation.TRANSLATION_TYPE_MANUAL
        string.save()
    assert reader_notice(translated).origin == MACHINE
    last.translation_type = StringTranslation.TRANSLATION_TYPE_MANUAL
    last.save()
    assert reader_notice(translated).origin == PERSON


@pytest.mark.parametrize("code", ["uk", "en"])
def test_a_source_updated_after_the_translation_is_dated_in_the_readers_language(page, code):
    send_for_translation(page, code)
    translated = translate_strings(page, code)
    republish(page)
    changed_at = reader_notice(translated).source_changed_at
    with django_translation.override(code):
        expected = long_date(changed_at)
    text = notice(translated)
    assert "translation-notice__updated" in text
    assert expected in text


def test_a_minor_source_edit_is_not_announced_to_readers(page):
    send_for_translation(page, "uk")
    translated = translate_strings(page, "uk")
    revision = republish(page)
    assert "translation-notice__updated" in notice(translated)
    MinorEdit.objects.create(revision=revision)
    assert "translation-notice__updated" not in notice(translated)


def test_the_norwegian_pages_have_no_translation_notice(page, homes):
    send_for_translation(page, "uk")
    translate_strings(page, "uk")
    assert notice(page) == ""
    assert reader_notice(homes["nb"]) is None


def test_the_readers_notice_costs_one_query(page, django_assert_num_queries):
    send_for_translation(page, "uk")
    translated = translate_strings(page, "uk")
    translated.locale  # noqa: B018  (the page as served has its locale loaded)
    with django_assert_num_queries(1):
        reader_notice(translated)
