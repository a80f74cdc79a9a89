"""Builders for the demo content, shared by `manage.py load_demo` and the apps that extend it."""

from django.conf import settings
from django.db import transaction

from wagtail.models import Locale, Page, Site

from . import demo_content
from .factories import FooterFactory, HomePageFactory, NavigationMenuFactory, PersonFactory, StandardPageFactory
from .models import Footer, HomePage, NavigationMenu, Person, SiteSettings

LANGUAGES = [code for code, _name in settings.LANGUAGES]
SOURCE = settings.LANGUAGE_CODE


def locales() -> dict[str, Locale]:
    return {code: Locale.objects.get_or_create(language_code=code)[0] for code in LANGUAGES}


def stream(blocks, pages: dict[str, Page]):
    """Demo stream data with page references given by key ("about") resolved to real pages."""
    resolved = []
    for block_type, value in blocks:
        if isinstance(value, dict) and isinstance(value.get("page"), str):
            value = {**value, "page": pages[value["page"]]}
        resolved.append((block_type, value))
    return resolved


def publish(page: Page) -> Page:
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def translate_page(source: Page, locale: Locale, fields: dict) -> Page:
    """The page's live translation in `locale`, created from the source if missing."""
    existing = source.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    translation = source.copy_for_translation(locale, copy_parents=False, alias=False)
    for name, value in fields.items():
        setattr(translation, name, value)
    # Derived from the translated title by the romanisation table unless given.
    translation.slug = fields.get("slug", "")
    translation.save()
    return publish(translation)


def ensure_home(locale_by_code) -> HomePage:
    home = HomePage.objects.filter(locale=locale_by_code[SOURCE], depth=2).first()
    if home is None:
        root = Page.get_first_root_node()
        fields = demo_content.HOME[SOURCE]
        home = HomePageFactory.build(
            title=fields["title"], intro=fields["intro"], locale=locale_by_code[SOURCE], slug="nb"
        )
        root.add_child(instance=home)
        publish(home)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="s2pU"
        )
    elif site.root_page_id != home.pk:
        old_root = site.root_page
        site.root_page = home
        site.site_name = "s2pU"
        site.save()
        if not isinstance(old_root.specific, HomePage) and old_root.depth == 2:
            old_root.delete()  # Wagtail's "Welcome" placeholder
    return home


def ensure_child(parent: HomePage, key: str, content: dict, is_example: bool = False) -> Page:
    fields = content[SOURCE]
    existing = parent.get_children().filter(title=fields["title"]).first()
    if existing is not None:
        return existing.specific
    page = StandardPageFactory.build(
        title=fields["title"], intro=fields["intro"], locale=parent.locale, is_example_content=is_example
    )
    parent.add_child(instance=page)
    return publish(page)


def ensure_snippet(model, factory, locale_by_code, fields_by_language, lookup=None):
    """One translatable snippet in every language, all sharing the source's translation key."""
    source_lookup = {lookup: fields_by_language[SOURCE][lookup]} if lookup else {}
    source = model.objects.filter(locale=locale_by_code[SOURCE], **source_lookup).first()
    if source is None:
        source = factory(locale=locale_by_code[SOURCE], **fields_by_language[SOURCE])
    for code in LANGUAGES:
        if code != SOURCE and not source.has_translation(locale_by_code[code]):
            factory(locale=locale_by_code[code], translation_key=source.translation_key, **fields_by_language[code])
    return source


@transaction.atomic
def load() -> dict:
    """Create whatever part of the demo tree is missing; never touches what already exists."""
    locale_by_code = locales()
    home = ensure_home(locale_by_code)
    pages = {
        "home": home,
        "about": ensure_child(home, "about", demo_content.ABOUT),
        "privacy": ensure_child(home, "privacy", demo_content.PRIVACY, is_example=True),
    }
    contents = {"home": demo_content.HOME, "about": demo_content.ABOUT, "privacy": demo_content.PRIVACY}
    by_language = {SOURCE: pages}
    for code in LANGUAGES:
        if code == SOURCE:
            continue
        # Parents before children, so that each translation lands under its translated parent.
        by_language[code] = {
            key: translate_page(
                pages[key],
                locale_by_code[code],
                {
                    **{k: v for k, v in contents[key][code].items() if k != "body"},
                    **({"slug": code} if key == "home" else {}),
                },
            )
            for key in ("home", "about", "privacy")
        }

    # People before the conference, whose steering group they are.
    for member in demo_content.STEERING_GROUP:
        per_language = {code: {field: member[field][code] for field in member} for code in LANGUAGES}
        ensure_snippet(Person, PersonFactory, locale_by_code, per_language, lookup="name")

    # These apps build on home; imported here to avoid an import cycle.
    from events import demo as events_demo
    from partnerships import demo as partnerships_demo

    homes = {code: by_language[code]["home"] for code in LANGUAGES}
    event_indexes = events_demo.load(locale_by_code, homes, SOURCE, privacy_page=pages["privacy"])
    partnerships_index = partnerships_demo.load(locale_by_code, homes, privacy=pages["privacy"])
    events_demo.link_organisers_to_partners(SOURCE)

    # Bodies last: their links point at the page in the same language, as wagtail-localize's sync does,
    # and the calls to action lead to the interest form, which the partnerships demo has just made.
    from partnerships.interest import InterestFormPage

    for code, translated in by_language.items():
        targets = {**translated, "interest": InterestFormPage.objects.get(locale=locale_by_code[code])}
        for key, page in translated.items():
            page.refresh_from_db()  # children were added since it was loaded; a stale numchild would hide them
            if not page.body:
                page.body = stream(contents[key][code]["body"], targets)
                publish(page)

    nav_pages = [event_indexes[SOURCE], partnerships_index, pages["about"], pages["privacy"]]
    nav_links = [("link", {"page": page, "url": "", "label": ""}) for page in nav_pages]
    ensure_snippet(
        NavigationMenu, NavigationMenuFactory, locale_by_code, {code: {"links": nav_links} for code in LANGUAGES}
    )
    ensure_snippet(Footer, FooterFactory, locale_by_code, demo_content.FOOTER)

    site = Site.objects.get(is_default_site=True)
    SiteSettings.objects.get_or_create(site=site, defaults=demo_content.SITE_SETTINGS)
    return by_language
