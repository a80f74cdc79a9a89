"""The sections of the front page, which the feature apps provide and the core arranges.

The core knows no feature app, so each app registers its sections from its `AppConfig.ready()`:

    register_front_page_section(
        "next-conference", _("Next conference"), build_next_conference,
        "events/front_page/next_conference.html", order=10, pin_types=["events.EventPage"],
    )

`build_context(home, request, pinned)` receives the home page being shown (its language is the
section's language), the request, and the page the editor pinned in the section block (already in
the home page's language, or None). It returns the template's context, or None when the section has
nothing to show (it is then left out). The editor arranges the sections with `FrontPageSectionBlock`
(home.blocks) in the home page's body; a body without one shows every section in `order`.

What a section shows is built once and kept in the content cache (home.content_cache), so that
the front page stays within its query budget however many events, stories and partners there are.
The cache is emptied whenever a page, menu or site changes, and when a model a section names in
`depends_on` changes; the key carries the date, so "next" and "last" turn over at midnight.
Whatever must be decided at the moment of the request (is registration open now?) is decided in
the section's template from the objects the context carries.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.apps import apps
from django.db.models.signals import post_delete, post_save
from django.template.loader import render_to_string
from django.utils import timezone

from wagtail.models import Page

from . import content_cache

BuildContext = Callable[[Page, object, Page | None], dict | None]


@dataclass(frozen=True)
class FrontPageSection:
    key: str
    label: str
    build_context: BuildContext
    template: str
    order: int = 100
    pin_types: tuple[str, ...] = ()
    depends_on: tuple[str, ...] = ()

    def can_pin(self, page: Page) -> bool:
        label = f"{page.specific_class._meta.app_label}.{page.specific_class.__name__}"
        return label.lower() in {name.lower() for name in self.pin_types}


_sections: dict[str, FrontPageSection] = {}


def register_front_page_section(
    key: str,
    label: str,
    build_context: BuildContext,
    template: str,
    *,
    order: int = 100,
    pin_types: Iterable[str] = (),
    depends_on: Iterable[str] = (),
) -> FrontPageSection:
    """Offer a section to the front page. `pin_types` ("app.Model") are the pages an editor may pin
    in it; `depends_on` ("app.Model") are models other than pages whose changes it shows. Registering
    the same key again replaces the section (ready() may run more than once in tests)."""
    section = FrontPageSection(key, label, build_context, template, order, tuple(pin_types), tuple(depends_on))
    _sections[key] = section
    for model_label in section.depends_on:
        model = apps.get_model(model_label)
        post_save.connect(_content_changed, sender=model, dispatch_uid=f"front-page:{model_label}:save")
        post_delete.connect(_content_changed, sender=model, dispatch_uid=f"front-page:{model_label}:delete")
    return section


def _content_changed(sender, **kwargs):
    content_cache.invalidate()


def registered_sections() -> list[FrontPageSection]:
    return sorted(_sections.values(), key=lambda section: (section.order, section.key))


def section_for(key: str) -> FrontPageSection | None:
    return _sections.get(key)


def section_choices() -> list[tuple[str, str]]:
    """The choices of the section block: every registered section, in its order."""
    return [(section.key, section.label) for section in registered_sections()]


def pinned_in_language(pinned: Page | None, home: Page) -> Page | None:
    """The pinned page in the home page's language when that version is live; None otherwise (the
    section then shows its automatic choice: a front page shows its own language only)."""
    if pinned is None:
        return None
    if pinned.locale_id == home.locale_id:
        version = pinned
    else:
        version = Page.objects.filter(translation_key=pinned.translation_key, locale_id=home.locale_id).first()
    if version is None or not version.live:
        return None
    return version.specific


def section_context(section: FrontPageSection, home: Page, request, pinned: Page | None = None) -> dict | None:
    """What `section` shows on `home`, from the cache when it was built today."""
    name = f"front-page:{section.key}:{home.pk}:{pinned.pk if pinned else ''}:{timezone.localdate().isoformat()}"

    def build():
        return section.build_context(home, request, pinned_in_language(pinned, home)) or None

    return content_cache.get_or_set(name, home.locale.language_code, build)


def render_section(
    key: str, home: Page, request, *, heading: str = "", pinned: Page | None = None, anchor: str = ""
) -> str:
    """The section's HTML on `home`; empty when the section is not registered or has nothing to show."""
    section = section_for(key)
    if section is None or home is None:
        return ""
    context = section_context(section, home, request, pinned)
    if context is None:
        return ""
    context = {
        **context,
        "page": home,
        "request": request,
        "heading": heading,
        "section_id": f"front-{anchor or key}",
    }
    return render_to_string(section.template, context, request=request)


def default_home(request=None) -> Page | None:
    """The site's home page in the active language: where a section block previewed in the admin
    (which has no page around it) takes its content from."""
    from wagtail.models import Site

    site = Site.find_for_request(request) if request is not None else None
    site = site or Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return None
    return site.root_page.localized.specific


def automatic_sections(home: Page, request) -> list[str]:
    """Every registered section with something to show, in order: the front page when the editor
    placed no section block."""
    rendered = (render_section(section.key, home, request) for section in registered_sections())
    return [html for html in rendered if html]
