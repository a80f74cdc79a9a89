"""The admin speaks nb, uk and en, per user: every name, help text and choice of our models, every
block label and every admin menu item of ours is marked for translation and translated in all three
catalogues (their msgids are English).

Marked means lazy: a string translated when the module is imported would stay in the language of that
moment, whatever the editor chose."""

import json
from pathlib import Path

import polib
import pytest
from bs4 import BeautifulSoup

from django.apps import apps
from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import override

from modelcluster.fields import ParentalKey
from wagtail import blocks, hooks
from wagtail.fields import StreamField
from wagtail.snippets.models import get_snippet_models

ROOT = Path(__file__).resolve().parents[2]
PROJECT_APPS = (
    "home",
    "translations",
    "accounts",
    "outbox",
    "privacy",
    "ops",
    "seo",
    "events",
    "partnerships",
    "news",
    "site_search",
)
PROJECT_MODULES = (
    "home",
    "translations",
    "accounts",
    "outbox",
    "privacy",
    "ops",
    "seo",
    "events",
    "partnerships",
    "news",
    "search",
)
# A language is named in its own language wherever it is offered (Norsk, Українська, English).
LANGUAGE_NAMES = {name for _code, name in settings.LANGUAGES}


def inherited_from_a_library(model, field) -> bool:
    """Fields that come with a library's abstract model (the comment's site, a tag link): the library
    names them, and our catalogues do not."""
    for base in model.__mro__[1:]:
        meta = getattr(base, "_meta", None)
        ours = base.__module__.startswith(PROJECT_MODULES)
        if meta is not None and meta.abstract and not ours and field.name in {one.name for one in meta.fields}:
            return True
    return False


def shown_to_editors(model, field) -> bool:
    """Not the bookkeeping Wagtail keeps out of every form (translation keys, sort order), nor the key
    that ties an inline row to its page, which an inline panel never shows."""
    return field.editable and not isinstance(field, ParentalKey) and not inherited_from_a_library(model, field)


def block_texts(block, where: str, seen: set):
    if id(block) in seen:
        return
    seen.add(id(block))
    if block.label:  # a field's own stream block has none: the field's name stands for it
        yield f"{where} label", block.label
    if getattr(block.meta, "help_text", None):
        yield f"{where} help text", block.meta.help_text
    if isinstance(block, blocks.ChoiceBlock):
        for value, label in block.field.choices:
            if value != "":
                yield f"{where} choice {value}", label
    for name, child in getattr(block, "child_blocks", {}).items():
        yield from block_texts(child, f"{where}.{name}", seen)
    if isinstance(block, blocks.ListBlock):
        yield from block_texts(block.child_block, f"{where}[]", seen)


def model_texts():
    """(where, text) for every name, help text and choice label of our models an editor can meet."""
    for model in apps.get_models():
        if model._meta.app_label not in PROJECT_APPS:
            continue
        name = model.__name__
        for option in ("verbose_name", "verbose_name_plural"):
            if option in model._meta.original_attrs:
                yield f"{name} {option}", getattr(model._meta, option)
        for field in model._meta.get_fields():
            if field.auto_created or not field.concrete or field.model is not model:
                continue
            if not shown_to_editors(model, field):
                continue
            yield f"{name}.{field.name} verbose_name", field.verbose_name
            if field.help_text:
                yield f"{name}.{field.name} help_text", field.help_text
            for value, label in field.flatchoices if field.choices else ():
                if label not in LANGUAGE_NAMES:
                    yield f"{name}.{field.name} choice {value}", label
            if isinstance(field, StreamField):
                yield from block_texts(field.stream_block, f"{name}.{field.name}", set())


def menu_texts():
    """(where, text) for our items in the admin menu, the Secretariat's submenu and the snippet menus."""
    for hook_name in ("register_admin_menu_item", "register_secretariat_menu_item"):
        for hook in hooks.get_hooks(hook_name):
            if hook.__module__.startswith(PROJECT_MODULES):
                item = hook()
                yield f"menu item {item.name}", item.label
    viewsets = [
        hook() for hook in hooks.get_hooks("register_admin_viewset") if hook.__module__.startswith(PROJECT_MODULES)
    ]
    viewsets += [model.snippet_viewset for model in get_snippet_models() if model._meta.app_label in PROJECT_APPS]
    for viewset in viewsets:
        for one in [viewset, *getattr(viewset, "viewsets", [])]:
            # Without a label of its own a viewset shows its model's plural name, walked above.
            if any(
                "menu_label" in vars(cls) for cls in type(one).__mro__ if cls.__module__.startswith(PROJECT_MODULES)
            ):
                yield f"viewset {type(one).__name__} menu label", one.menu_label


def all_texts():
    return [*model_texts(), *menu_texts()]


def msgid(text: Promise) -> str:
    with override(None):
        return str(text)


def catalogue(code: str) -> dict:
    path = ROOT / "locale" / code / "LC_MESSAGES" / "django.po"
    return {entry.msgid: entry.msgstr for entry in polib.pofile(str(path)) if not entry.obsolete}


def test_the_walk_finds_what_it_should():
    wheres = dict(all_texts())
    assert len(wheres) > 300
    for expected in ("Partnership.status verbose_name", "menu item secretariat", "NewsPage.body label"):
        assert any(where.startswith(expected) for where in wheres), expected


def test_every_text_is_marked_for_translation():
    unmarked = [f"{where}: {text!r}" for where, text in all_texts() if not isinstance(text, Promise)]
    assert not unmarked, "\n".join(unmarked)


@pytest.mark.parametrize("code", ["nb", "uk", "en"])
def test_every_text_is_translated(code):
    translations = catalogue(code)
    missing = sorted(
        {f"{where}: {msgid(text)!r}" for where, text in all_texts() if isinstance(text, Promise)}
        - {f"{where}: {msgid(text)!r}" for where, text in all_texts() if translations.get(msgid(text))}
    )
    assert not missing, "\n".join(missing)


@pytest.mark.parametrize("code", ["nb", "uk"])
def test_norwegian_and_ukrainian_differ_from_the_english_msgids(code):
    """A sample large enough to catch a catalogue that is not compiled or not used: most texts differ."""
    texts = [text for _where, text in all_texts() if isinstance(text, Promise)]
    with override(code):
        same = [msgid(text) for text in texts if str(text) == msgid(text)]
    assert len(same) < len(texts) / 10, same[:20]


# --- Per user ----------------------------------------------------------------------------------------


@pytest.fixture
def secretariat_in(roles):
    from wagtail.users.models import UserProfile

    user = roles["secretariat"]

    def dashboard(code):
        from django.test import Client

        profile = UserProfile.get_for_user(user)
        profile.preferred_language = code
        profile.save()
        from tests.roles import sign_in

        return sign_in(Client(), user).get("/admin/")

    return dashboard


def sidebar_labels(response) -> str:
    """The menu, which the admin draws from JSON with its letters escaped."""
    props = BeautifulSoup(response.content, "html.parser").find(id="wagtail-sidebar-props")
    return json.dumps(json.loads(props.string), ensure_ascii=False)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("uk", ["Секретаріат", "Реєстрації", "Панель"]),
        ("nb", ["Sekretariat", "Påmeldinger", "Kontrollpanel"]),
        ("en", ["Secretariat", "Registrations", "Dashboard"]),
    ],
)
def test_the_secretariat_meets_its_screens_in_its_own_language(secretariat_in, code, words):
    response = secretariat_in(code)
    page = response.content.decode() + sidebar_labels(response)
    assert BeautifulSoup(response.content, "html.parser").html["lang"] == code
    for word in words:
        assert word in page, (code, word)


def test_only_the_three_languages_are_offered_in_the_account_settings():
    assert [code for code, _name in settings.WAGTAILADMIN_PERMITTED_LANGUAGES] == ["nb", "uk", "en"]


def test_menu_items_keep_the_users_language():
    """A label computed once at start-up would answer in the start-up language to everybody."""
    labels = {}
    for code in ("nb", "uk"):
        with override(code):
            labels[code] = [str(label) for _where, label in menu_texts()]
    assert labels["nb"] != labels["uk"]
