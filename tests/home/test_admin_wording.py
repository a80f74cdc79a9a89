"""The admin's words, in nb and uk, for every role: no screen any role can open shows a UI string of
another language (tests/ui_language.py), and the words issue 19 found wrong read right.

The crawl starts at the dashboard and follows every admin link each role is shown, one screen per
URL pattern (and, for a page, per page type), on the demo, through Django's test client: the
server-rendered admin. What the admin's scripts draw in the browser is checked in
tests/e2e/test_admin_wording.py.
"""

import datetime
import json
import re
from html import unescape

import pytest
from bs4 import BeautifulSoup

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.test import Client
from django.utils.translation import gettext, override

from wagtail.users.models import UserProfile

from tests.roles import PASSWORD, sign_in, user_in
from tests.ui_language import crawl_admin, foreign_in, read, translated
from translations.permissions import TRANSLATOR_GROUPS

pytestmark = pytest.mark.django_db

ROLES = {
    "editor": ["Editors"],
    "moderator": ["Moderators"],
    "translator_uk": [TRANSLATOR_GROUPS["uk"]],
    "translator_en": [TRANSLATOR_GROUPS["en"]],
    "secretariat": ["Secretariat"],
    "superuser": None,
}
# Superuser-only screens where Wagtail and wagtail-localize fix a label when a form or list is first
# built: in English at import, or in the language of the first request after start-up (here the nb
# crawl's). No catalogue reaches them; left as they are (docs/i18n.md). Screen: texts.
SUPERUSER_SCREENS_WAGTAIL_FIXES = {
    "/admin/groups/": {"Locale", "Page"}
    | {"Endre", "Legg til", "Slett", "Velg", "Samling", "Legg til samlinger", "Rediger samlinger", "Slett samlinger"}
    | {"Legg til/rediger bilder du eier", "Rediger ethvert bilde", "Velg bilder i velgere"},
    "/admin/locales/": {"Enabled", "Locale"},
    "/admin/searchpicks/": {"External link text"},
    "/admin/sites/": {"Root page", "Site name", "Port", "Сортувати за «Port» за зростанням."},
    "/admin/snippets/": {"Velg en side (Partner)"},  # a page chooser's label
    "/admin/workflows/": {"Page"},
}
# Rows whose names are UI strings, translated for the admin (accounts/admin_names.py): not content.
NAMED_BY_THE_SITE = {
    "auth",
    "contenttypes",
    "wagtailcore.workflow",
    "wagtailcore.task",
    "wagtailcore.groupapprovaltask",
}


def person(role: str):
    if ROLES[role] is None:
        return get_user_model().objects.create_superuser(role, f"{role}@s2pu.example", PASSWORD)
    return user_in(role, *ROLES[role])


def admin_client(user, language: str) -> Client:
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return sign_in(Client(), user)


def content() -> frozenset:
    """What editors, visitors and the demo wrote: every text stored in the database (the translatable
    segments of pages and snippets among them), also as it reads without its markup."""
    texts = set()
    for model in apps.get_models():
        if model._meta.app_label in NAMED_BY_THE_SITE or model._meta.label_lower in NAMED_BY_THE_SITE:
            continue
        fields = [field.attname for field in model._meta.concrete_fields if isinstance(field, models.TextField)]
        fields += [field.attname for field in model._meta.concrete_fields if isinstance(field, models.CharField)]
        for row in model.objects.values_list(*fields) if fields else ():
            for value in row:
                if isinstance(value, str) and value:
                    texts.add(" ".join(value.split()))
                    texts.add(" ".join(re.sub("<[^>]+>", " ", value).split()))
    return frozenset(texts)


@pytest.mark.parametrize("language", ["nb", "uk"])
@pytest.mark.parametrize("role", list(ROLES))
def test_no_admin_screen_shows_another_languages_ui_string(demo_site, role, language):
    client = admin_client(person(role), language)
    written = content()
    opened, refused, foreign = [], [], {}
    for path, response, page in crawl_admin(client):
        opened.append(path)
        if response.status_code >= 500:
            refused.append(f"{response.status_code} {path}")
        for where, text in page.texts if page else ():
            string = foreign_in(text, language, written)
            if string is not None and not left_as_wagtail_writes_it(role, path, text):
                foreign.setdefault((string, where, text), path)
    assert len(opened) >= MINIMUM_SCREENS[role], opened
    assert not refused, refused
    found = [f"{path}: {where}: {text!r} ({string!r})" for (string, where, text), path in sorted(foreign.items())]
    assert not found, f"{len(found)} on {len(opened)} screens:\n" + "\n".join(found[:60])


def left_as_wagtail_writes_it(role: str, path: str, text: str) -> bool:
    return role == "superuser" and any(
        path.startswith(screen) and text in texts for screen, texts in SUPERUSER_SCREENS_WAGTAIL_FIXES.items()
    )


# What each role reaches, at the least: a crawl that stopped early would pass for nothing.
MINIMUM_SCREENS = {
    "editor": 40,
    "moderator": 40,
    "translator_uk": 35,
    "translator_en": 35,
    "secretariat": 6,
    "superuser": 90,
}


def test_the_checker_finds_english_and_norwegian_where_they_do_not_belong():
    assert foreign_in("Collapse all", "nb") == "Collapse all"
    assert foreign_in("Send inn til Moderation", "nb") == "Moderation"
    assert foreign_in("Search options…", "uk") == "Search options…"
    assert foreign_in("Lagre kladd", "uk") == "Lagre kladd"  # Django's fallback to nb
    assert foreign_in("Зберегти чернетку", "uk") is None
    assert foreign_in("Lagre kladd", "nb") is None
    assert foreign_in("Om oss", "nb", frozenset({"Om oss"})) is None


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_ukrainian_never_falls_back_to_norwegian(domain):
    """Where a Ukrainian translation is missing Django shows the default language's (nb): every msgid
    in use that Norwegian translates, Ukrainian translates too (locale_overrides/ fills the gaps)."""
    in_use = translated("en", domain) | translated("uk", domain)  # a stale nb entry is never asked for
    missing = (translated("nb", domain) & in_use) - translated("uk", domain)
    assert not missing, sorted(msgid for _context, msgid in missing)[:40]


# --- The words the issue found wrong ---------------------------------------------------------------


@pytest.fixture
def editor_in(demo_site):
    editor = person("editor")

    def client(language):
        return admin_client(editor, language)

    return client


def label_of(html: str, field: str) -> str:
    """The text of the form field's label (the first that has one: a panel heading may repeat it)."""
    labels = re.findall(rf'<label[^>]*for="id_{field}"[^>]*>(.*?)</label>', html, re.DOTALL)
    return next(text for text in (" ".join(re.sub("<[^>]+>", " ", label).split()) for label in labels) if text)


def texts_of(html: str) -> list[str]:
    return [text for _where, text in read(html).texts]


def test_a_pages_title_field_is_a_title_and_a_persons_is_a_job_title_in_ukrainian(editor_in, demo_site):
    from home.models import Person

    page = editor_in("uk").get(f"/admin/pages/{demo_site['nb']['about'].pk}/edit/").content.decode()
    assert label_of(page, "title").startswith("Заголовок")
    client = admin_client(person("superuser"), "uk")
    jan = Person.objects.filter(locale__language_code="nb").first()  # a translation opens in wagtail-localize
    person_form = client.get(f"/admin/snippets/home/person/edit/{jan.pk}/").content.decode()
    assert "Посада" in texts_of(person_form)


@pytest.mark.parametrize(("language", "button"), [("nb", "Sett inn lenke"), ("uk", "Додати посилання")])
def test_the_rich_text_link_button_reads_as_an_action(editor_in, demo_site, language, button):
    page = editor_in(language).get(f"/admin/pages/{demo_site['nb']['about'].pk}/edit/").content.decode()
    # The editor's toolbar is configured in JSON, in an attribute.
    assert f'"description": {json.dumps(button)}' in unescape(page)


@pytest.mark.parametrize(
    ("language", "date_label", "schedule_button", "schedule_label"),
    [
        ("nb", "Artikkeldato", "Planlegg", "Publiseringstidspunkt"),
        ("uk", "Дата статті", "Задати графік", "Час публікації"),
    ],
)
def test_the_news_forms_two_dates_have_two_names_and_the_help_text_names_the_button(
    editor_in, demo_site, language, date_label, schedule_button, schedule_label
):
    html = editor_in(language).get(f"/admin/pages/{demo_site['nb']['news-website'].pk}/edit/").content.decode()
    assert label_of(html, "date").startswith(date_label)
    assert label_of(html, "go_live_at").startswith(schedule_label)
    texts = texts_of(html)
    assert any(f"«{schedule_button}»" in text for text in texts)  # the date's help text
    assert schedule_button in texts  # the button it names, in the status side panel
    assert "Параметри" not in html


def test_a_cancelled_event_reads_avlyst_in_norwegian(editor_in, demo_site):
    html = editor_in("nb").get(f"/admin/pages/{demo_site['nb']['conference-next'].pk}/edit/").content.decode()
    status = BeautifulSoup(html, "html.parser").find("select", id="id_status")
    assert status.find("option", attrs={"value": "cancelled"}).get_text() == "Avlyst"


@pytest.mark.parametrize(
    ("language", "submit"),
    [("nb", "Send inn til Moderering"), ("uk", "Надіслати в процес «Модерація»")],
)
def test_the_workflow_is_named_in_the_admin_language(editor_in, demo_site, language, submit):
    html = editor_in(language).get(f"/admin/pages/{demo_site['nb']['news-website'].pk}/edit/").content.decode()
    assert submit in texts_of(html)


def test_a_workflow_saved_from_a_translated_form_keeps_its_stored_name(demo_site):
    from wagtail.models import Workflow

    workflow = Workflow.objects.get(name="Moderation")
    client = admin_client(person("superuser"), "uk")
    form = BeautifulSoup(client.get(f"/admin/workflows/edit/{workflow.pk}/").content, "html.parser")
    assert form.find("input", attrs={"name": "name"})["value"] == "Модерація"
    data = {
        field["name"]: field.get("value", "")
        for field in form.select("form input[name]")
        if field.get("type") not in {"checkbox", "submit"}
    }
    response = client.post(f"/admin/workflows/edit/{workflow.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Workflow.objects.filter(pk=workflow.pk).values_list("name", flat=True).get() == "Moderation"


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("nb", ["Tittelen på siden slik publikum ser den"]),
        ("uk", ["Обліковий запис", "Опубліковано"]),
    ],
)
def test_the_stock_errors_are_corrected(editor_in, demo_site, language, words):
    html = editor_in(language).get(f"/admin/pages/{demo_site['nb']['about'].pk}/edit/").content.decode()
    texts = " ".join(texts_of(html))
    assert [word for word in words if word not in texts] == []
    assert [wrong for wrong in ("Tiittel", "Аккаунт", "Наживо", "НАЖИВО") if wrong in texts] == []


# --- Dates, refusals and the dashboard's heading ---------------------------------------------------


def test_english_admin_dates_are_british(homes):
    home = homes["nb"]
    home.first_published_at = datetime.datetime(2026, 12, 7, 22, 16, tzinfo=datetime.UTC)  # 23:16 in Oslo
    home.save(update_fields=["first_published_at"])
    html = admin_client(person("superuser"), "en").get(f"/admin/pages/{home.pk}/").content.decode()
    assert "7 December 2026, 23:16" in html
    assert not re.search(r"\b[ap]\.m\.", html)


def test_the_dashboard_is_headed_with_the_sites_name(homes):
    """Wagtail heads the dashboard with the Site of the page a user explores from: someone who edits
    the Norwegian tree starts at its home page, the Site's root page, and read the hostname of the
    Site that Wagtail's own migration creates without a name, after `make run` had migrated."""
    from django.contrib.auth.models import Group, Permission

    from wagtail.models import GroupPagePermission, Site

    from home.sites import sync_default_site

    Site.objects.update(site_name="")  # as Wagtail's initial migration leaves it
    sync_default_site()  # what every migrate and the demo loader run

    group = Group.objects.create(name="Norwegian tree")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=group, page=homes["nb"], permission=Permission.objects.get(codename="change_page")
    )
    user = get_user_model().objects.create_user("nils", password=PASSWORD)
    user.groups.add(group)
    heading = BeautifulSoup(admin_client(user, "nb").get("/admin/").content, "html.parser").find("h1").get_text()
    assert "s2pU" in heading
    assert "testserver" not in heading


def ukrainian(msgid: str) -> str:
    with override("uk"):
        return gettext(msgid)


def test_a_refusal_speaks_the_users_admin_language_not_the_browsers(homes):
    client = admin_client(person("editor"), "uk")
    response = client.get("/admin/users/", HTTP_ACCEPT_LANGUAGE="en", follow=True)
    messages = [
        " ".join(message.get_text().split())
        for message in BeautifulSoup(response.content, "html.parser").select(".messages li")
    ]
    assert any(
        message.startswith(ukrainian("Sorry, you do not have permission to access this area.")) for message in messages
    )
    assert not any("Sorry" in message for message in messages)


def test_the_csrf_failure_page_speaks_the_users_admin_language(homes):
    client = admin_client(person("editor"), "uk")
    client.handler.enforce_csrf_checks = True
    response = client.post(f"/admin/pages/{homes['nb'].pk}/edit/", {}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 403
    assert ukrainian("CSRF verification failed. Request aborted.") in response.content.decode()


def test_the_lockout_page_speaks_the_language_last_used_in_the_admin_on_this_browser(homes, settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 2
    client = admin_client(person("editor"), "uk")
    client.get("/admin/")  # remembered in a cookie: the login form has nobody signed in to ask
    client.post("/admin/logout/")
    for attempt in range(2):
        client.post("/admin/login/", {"username": "editor", "password": f"wrong-{attempt}"}, HTTP_ACCEPT_LANGUAGE="en")
    response = client.post("/admin/login/", {"username": "editor", "password": PASSWORD}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 429
    assert ukrainian("Too many failed sign-in attempts") in response.content.decode()


def test_someone_who_never_chose_gets_the_browsers_language(homes):
    client = sign_in(Client(), person("editor"))
    response = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="uk")
    assert BeautifulSoup(response.content, "html.parser").html["lang"] == "uk"


def test_group_and_permission_names_are_translated_on_the_group_screen(homes):
    from django.contrib.auth.models import Group

    editors = Group.objects.get(name="Editors")
    html = admin_client(person("superuser"), "nb").get(f"/admin/groups/edit/{editors.pk}/").content.decode()
    texts = [text for _where, text in read(html).texts]
    assert "Redaktører" in " ".join(texts)
    with override("nb"):
        assert gettext("Can add %(model)s") % {"model": gettext("person")} in texts
    assert Group.objects.filter(name="Editors").exists()  # stored as it was
