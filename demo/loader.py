"""The one loader of the demo content: builds what the data files describe, with every app's factories.

Safe to run again: it creates only what is missing and never changes what exists. Objects in the
source language are built from `data/nb/*.yaml`; their uk and en versions are made through
wagtail-localize (see translate.py), parents before children, snippets before the pages using them.
"""

import datetime
from decimal import Decimal

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from wagtail.fields import StreamField
from wagtail.models import Locale, Page

from events.models import DayCapacity, EventDay, EventOrganiser, Organisation, ProgrammeSession, SteeringGroupMember
from home.models import Footer, HomePage, NavigationMenu, Person, SiteSettings
from home.sites import sync_default_site
from news.models import NewsPageAuthor, TagName
from partnerships.models import Partnership, Theme

from . import data
from .translate import translate

SOURCE = data.SOURCE
LANGUAGES = [code for code, _name in settings.LANGUAGES]
TRANSLATIONS = [code for code in LANGUAGES if code != SOURCE]

# Keys of a page entry that are not fields to set when the page is first created.
_META = {"key", "type", "parent"}
# Fields that name other demo objects by key, set once every page exists.
_PAGE_REFERENCES = {"privacy_page", "event"}
_THEME_LISTS = {"themes", "themes_offered", "themes_needed"}
_CHILDREN = {"days", "sessions", "organisers", "steering_group", "form_fields", "authors"}
# A registration form's places on its event's days, in the order of the days.
_PLACES = {"places"}
# Tags are names, added to the page before its first revision.
_TAGS = {"tags"}
_DECIMALS = {"latitude", "longitude"}
# The time of day a dated demo article or story was first published.
PUBLISHED_AT = datetime.time(9, 0)


def factory_for(model):
    """The model's factory, the one the tests use: `<app>.factories.<Model>Factory`."""
    return import_string(f"{model._meta.app_label}.factories.{model.__name__}Factory")


def publish(obj):
    obj.save_revision().publish()
    obj.refresh_from_db()
    return obj


class DemoBuilder:
    def __init__(self, today: datetime.date):
        self.today = today
        self.locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in LANGUAGES}
        self.pages: dict[str, Page] = {}
        self.people: dict[str, Person] = {}
        self.themes: dict[str, Theme] = {}
        self.organisations: dict[str, Organisation] = {}
        self.partnerships: dict[str, Partnership] = {}
        self.placeholders: dict[str, dict] = {}

    # --- Values from the data files ---------------------------------------------------------

    def value(self, name: str, value):
        value = data.resolve_date(value, self.today)
        if name in _DECIMALS and value is not None:
            return Decimal(str(value))
        return value

    def text(self, key: str, value):
        """Text with the page's placeholders ("{year}") filled in."""
        placeholders = self.placeholders.get(key)
        if placeholders and isinstance(value, str):
            return value.format(**placeholders)
        if isinstance(value, dict):
            return {name: self.text(key, item) for name, item in value.items()}
        if isinstance(value, list):
            return [self.text(key, item) for item in value]
        return value

    def stream(self, blocks: list[dict]) -> list[tuple]:
        """[{type: value}] from a data file as stream data, page keys made pages."""
        result = []
        for block in blocks:
            ((block_type, value),) = block.items()
            if isinstance(value, dict) and isinstance(value.get("page"), str):
                value = {**value, "page": self.pages[value["page"]]}
            if isinstance(value, dict) and "milestones" in value:
                value = {
                    **value,
                    "milestones": [
                        {**step, "date": self.value("date", step.get("date"))} for step in value["milestones"]
                    ],
                }
            result.append((block_type, value))
        return result

    # --- Snippets and records ----------------------------------------------------------------

    def snippet(self, model, lookup: dict, fields: dict):
        existing = model.objects.filter(locale=self.locales[SOURCE], **lookup).first()
        if existing is not None:
            return existing
        return factory_for(model)(locale=self.locales[SOURCE], **lookup, **fields)

    def build_people(self):
        for spec in data.source("site")["people"]:
            fields = {name: value for name, value in spec.items() if name != "key"}
            self.people[spec["key"]] = self.snippet(Person, {"name": fields.pop("name")}, fields)

    def build_themes(self):
        for order, spec in enumerate(data.source("partnerships")["themes"]):
            self.themes[spec["key"]] = self.snippet(
                Theme, {"slug": spec["key"]}, {"name": spec["name"], "sort_order": order}
            )

    def build_organisations(self):
        for spec in data.source("events")["organisations"]:
            self.organisations[spec["key"]] = self.snippet(Organisation, {"name": spec["name"]}, {"url": ""})

    def build_partnerships(self):
        for spec in data.source("partnerships")["partnerships"]:
            partnership, created = Partnership.objects.get_or_create(
                norwegian_partner=self.pages[spec["norwegian"]],
                ukrainian_partner=self.pages[spec["ukrainian"]],
                defaults={
                    "coordinator": self.pages.get(spec["coordinator"]) if spec["coordinator"] else None,
                    "name": spec["name"],
                    "status": spec["status"],
                    "date_signed": self.value("date_signed", spec.get("date_signed")),
                },
            )
            if created:
                partnership.themes.set([self.themes[key] for key in spec["themes"]])
            self.partnerships[spec["key"]] = partnership

    # --- Pages -------------------------------------------------------------------------------

    def page_specs(self) -> list[dict]:
        return [spec for section in data.SECTIONS for spec in data.source(section).get("pages", [])]

    def ensure_home(self, spec) -> tuple[Page, bool]:
        home = HomePage.objects.filter(locale=self.locales[SOURCE], depth=2).first()
        created = home is None
        if created:
            home = factory_for(HomePage).build(
                title=spec["title"], intro=spec["intro"], locale=self.locales[SOURCE], slug=SOURCE
            )
            Page.get_first_root_node().add_child(instance=home)
        placeholder = Page.objects.filter(sites_rooted_here__is_default_site=True, depth=2).exclude(pk=home.pk).first()
        sync_default_site(home)
        if placeholder is not None and not isinstance(placeholder.specific, HomePage):
            placeholder.delete()  # Wagtail's "Welcome" page, which the migrations create
        return home, created

    def create_page(self, spec) -> tuple[Page, bool]:
        """The page in the source tree, created with its own values if missing."""
        model = apps.get_model(spec["type"])
        if spec["key"] == "home":
            return self.ensure_home(spec)
        parent = self.pages[spec["parent"]]
        fields = {
            name: self.value(name, value)
            for name, value in spec.items()
            if name not in _META | _PAGE_REFERENCES | _THEME_LISTS | _CHILDREN | _TAGS | _PLACES
            and name not in {"partnership"}
            and not isinstance(model._meta.get_field(name), StreamField)
        }
        if spec.get("days"):  # an event: "{year}" is its first day's
            self.placeholders[spec["key"]] = {"year": self.value("date", spec["days"][0]["date"]).year}
        fields = self.text(spec["key"], fields)
        existing = model.objects.child_of(parent).filter(title=fields["title"]).first()
        if existing is not None:
            return existing.specific, False
        page = factory_for(model).build(locale=parent.locale, slug="", **fields)
        parent.add_child(instance=page)
        return page, True

    def complete_page(self, page: Page, spec: dict):
        """Everything that names other demo objects, then the first published revision."""
        model = type(page)
        for name, value in spec.items():
            if name in _PAGE_REFERENCES:
                setattr(page, name, self.pages[value])
            elif name in _THEME_LISTS:
                getattr(page, name).set([self.themes[key] for key in value])
            elif name == "partnership":
                page.partnership = self.partnerships[value]
            elif name in _TAGS:
                page.tags.add(*value)
            elif name in _CHILDREN:
                setattr(page, name, self.children(page, name, value))
            elif name in _PLACES:
                days = page.get_parent().specific.days.order_by("sort_order", "pk")
                page.day_capacities = [
                    factory_for(DayCapacity).build(page=page, day_key=day.translation_key, capacity=capacity)
                    for day, capacity in zip(days, value, strict=True)
                ]
            elif name not in _META and isinstance(model._meta.get_field(name), StreamField):
                setattr(page, name, self.stream(self.text(spec["key"], value)))
        page.save()
        publish(page)

    def children(self, page: Page, relation: str, rows: list[dict]) -> list:
        locale = page.locale
        if relation == "organisers":
            return [
                EventOrganiser(organisation=self.organisations[key], sort_order=position)
                for position, key in enumerate(rows)
            ]
        if relation == "authors":
            return [NewsPageAuthor(person=self.people[key], sort_order=position) for position, key in enumerate(rows)]
        if relation == "steering_group":
            return [
                SteeringGroupMember(locale=locale, person=self.people[row["person"]], role=row["role"], sort_order=n)
                for n, row in enumerate(rows)
            ]
        model = {"days": EventDay, "sessions": ProgrammeSession}.get(relation) or page.form_fields.model
        built = []
        for position, row in enumerate(rows):
            values = {name: self.value(name, value) for name, value in row.items()}
            if relation == "sessions":
                values["start_time"] = datetime.time.fromisoformat(values["start_time"])
                values["end_time"] = datetime.time.fromisoformat(values["end_time"])
            built.append(model(locale=locale, sort_order=position, **values))
        return built

    # --- Translations --------------------------------------------------------------------------

    def page_texts(self, language: str, key: str) -> dict:
        for section in data.SECTIONS:
            texts = data.translation(language, section).get("pages", {}).get(key)
            if texts is not None:
                return self.text(key, texts)
        return {}

    def translate_all(self):
        for language in TRANSLATIONS:
            locale = self.locales[language]
            site, events, partnerships = (data.translation(language, s) for s in ("site", "events", "partnerships"))
            for key, person in self.people.items():
                translate(person, locale, site.get("people", {}).get(key, {}))
            for key, theme in self.themes.items():
                translate(theme, locale, partnerships.get("themes", {}).get(key, {}))
            for key, organisation in self.organisations.items():
                translate(organisation, locale, events.get("organisations", {}).get(key, {}))
            for spec in self.page_specs():  # parents come before their children in the data files
                translate(self.pages[spec["key"]], locale, self.page_texts(language, spec["key"]))
            # Tags are words in the source language (taggit); their names per language are snippets.
            tag_names = data.translation(language, "news").get("tags", {})
            for tag_name in TagName.objects.filter(locale=self.locales[SOURCE]):
                name = tag_names.get(tag_name.name)
                translate(tag_name, locale, {"name": name} if name else {})
            for key, partnership in self.partnerships.items():
                name = partnerships.get("partnerships", {}).get(key, {}).get("name")
                if name and partnership.name_translations.get(language) != name:
                    partnership.name_translations[language] = name
                    partnership.save(update_fields=["name_translations"])

    def date_publications(self, specs: list[dict]):
        """Articles and stories first published on the date they carry, in every language, as if the
        site had been there then: the feeds, the sitemap and the comment period read these, and a
        2023 article loaded today is still a 2023 article."""
        for spec in specs:
            day = self.value("date", spec.get("date"))
            if not isinstance(day, datetime.date) or day > self.today or "go_live_at" in spec:
                continue
            moment = datetime.datetime.combine(day, PUBLISHED_AT, tzinfo=data.OSLO)
            page = self.pages[spec["key"]]
            type(page).objects.filter(translation_key=page.translation_key, live=True).update(
                first_published_at=moment, last_published_at=moment
            )

    # --- Site-wide snippets ------------------------------------------------------------------

    def build_site_snippets(self):
        site_data = data.source("site")
        # A menu entry is a page key, or {page: key, label: text} for a label shorter than the title.
        entries = [entry if isinstance(entry, dict) else {"page": entry} for entry in site_data["navigation"]]
        links = [
            ("link", {"page": self.pages[entry["page"]], "url": "", "label": entry.get("label", "")})
            for entry in entries
        ]
        menu = NavigationMenu.objects.filter(locale=self.locales[SOURCE]).first()
        if menu is None:
            menu = publish(factory_for(NavigationMenu)(locale=self.locales[SOURCE], links=links))
        footer = Footer.objects.filter(locale=self.locales[SOURCE]).first()
        if footer is None:
            footer = publish(factory_for(Footer)(locale=self.locales[SOURCE], **site_data["footer"]))
        for language in TRANSLATIONS:
            labels = data.translation(language, "site").get("navigation", {})
            texts = [{"link": {"label": labels[entry["page"]]} if "label" in entry else {}} for entry in entries]
            translate(menu, self.locales[language], {"links": texts})
            translate(footer, self.locales[language], data.translation(language, "site").get("footer", {}))
        site = sync_default_site(self.pages["home"])
        SiteSettings.objects.get_or_create(site=site, defaults=site_data["site_settings"])

    def link_organisers_to_partners(self):
        for spec in data.source("events")["organisations"]:
            partner = self.pages.get(spec.get("partner") or "")
            if partner is not None:
                Organisation.objects.filter(
                    translation_key=self.organisations[spec["key"]].translation_key, partner_page__isnull=True
                ).update(partner_page=partner)

    # --- All of it ---------------------------------------------------------------------------

    def build(self) -> dict[str, dict[str, Page]]:
        self.build_people()
        self.build_themes()
        self.build_organisations()
        specs = self.page_specs()
        created = {}
        for spec in specs:
            page, created[spec["key"]] = self.create_page(spec)
            self.pages[spec["key"]] = page
        self.build_partnerships()
        for spec in specs:
            if created[spec["key"]]:
                self.complete_page(self.pages[spec["key"]], spec)
        self.link_organisers_to_partners()
        self.translate_all()
        self.date_publications([spec for spec in specs if created[spec["key"]]])
        self.build_site_snippets()
        return {
            language: {
                key: page if language == SOURCE else page.get_translation(self.locales[language]).specific
                for key, page in self.pages.items()
            }
            for language in LANGUAGES
        }


@transaction.atomic
def load(today: datetime.date | None = None) -> dict[str, dict[str, Page]]:
    """Create whatever part of the demo is missing: {language: {key: page}}."""
    return DemoBuilder(today or timezone.localdate()).build()
