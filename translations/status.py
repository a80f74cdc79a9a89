"""Where each page's translations stand, for translators (dashboard, edit view, home panel) and readers.

A source page (nb) has, in each other language, one of four states:

- missing: no page in that language (an alias, which only mirrors the Norwegian text, counts as none);
- source changed: the source was published with a change that no version of the translation takes in
  yet. A version takes a change in when it was written after it and, for a translation that
  wagtail-localize keeps, after a sync that read it (`TranslationSource.last_updated_at`): a sync alone
  changes no text, so it settles nothing. Publishes an editor marked as minor (translations.models.MinorEdit)
  are not changes;
- draft: the translation is not live, has changes not yet published, or only its unpublished version
  takes the last change in (readers still have the old text);
- up to date: otherwise: the published text covers the source as it is published.

Every function here reads all pages it is given in a fixed number of queries: the dashboard lists
hundreds of pages and a public page pays for its notice on every view.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db.models import Exists, Max, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale, Page, PageLogEntry, Revision
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail_localize.models import StringSegment, StringTranslation, Translation

MISSING = "missing"
SOURCE_CHANGED = "source_changed"
DRAFT = "draft"
UP_TO_DATE = "up_to_date"

STATE_LABELS = {
    MISSING: _("Missing"),
    SOURCE_CHANGED: _("Source changed"),
    DRAFT: _("Draft"),
    UP_TO_DATE: _("Up to date"),
}

PERSON = "person"
MACHINE = "machine"


def source_changes(page_ids) -> dict[int, datetime]:
    """When each page was last published with a change that matters to translators: its latest
    publish not marked minor."""
    rows = (
        PageLogEntry.objects.filter(page_id__in=page_ids, action="wagtail.publish", revision__minor_edit__isnull=True)
        .values("page_id")
        .annotate(changed_at=Max("timestamp"))
    )
    return {row["page_id"]: row["changed_at"] for row in rows}


def last_source_change(page_id):
    """The same for one page, as a subquery (the reader's notice reads it with the rest in one query)."""
    return Subquery(
        PageLogEntry.objects.filter(page_id=page_id, action="wagtail.publish", revision__minor_edit__isnull=True)
        .order_by("-timestamp")
        .values("timestamp")[:1]
    )


def takes_in(changed_at, written_at, synced_at) -> bool:
    """Whether a version of a translation written at `written_at` takes in the source's change published
    at `changed_at`: written after it and, for a translation wagtail-localize keeps (`synced_at` not
    None), from a sync after it. A translation kept by hand in Wagtail's editor has only its own date."""
    if changed_at is None:
        return True
    if written_at is None or written_at < changed_at:
        return False
    return synced_at is None or synced_at >= changed_at


def published_text_written_at(page: Page):
    """When the text readers are served was written: the live revision's date. Read from the
    `published_text_written_at` annotation where a query made one (see `with_text_dates`)."""
    if hasattr(page, "published_text_written_at"):
        return page.published_text_written_at
    return page.live_revision.created_at if page.live_revision_id else page.last_published_at


def with_text_dates(pages):
    """Pages with the date their published text was written, in the same query."""
    return pages.annotate(published_text_written_at=Coalesce("live_revision__created_at", "last_published_at"))


def state_of(translation: Page | None, changed_at, synced_at) -> str:
    if translation is None:
        return MISSING
    latest_written_at = translation.latest_revision_created_at or published_text_written_at(translation)
    if not takes_in(changed_at, latest_written_at, synced_at):
        return SOURCE_CHANGED
    if (
        not translation.live
        or translation.has_unpublished_changes
        or not takes_in(changed_at, published_text_written_at(translation), synced_at)
    ):
        return DRAFT
    return UP_TO_DATE


# --- Who may act where, from the user's page permissions read once -------------------------------------


class PageRights:
    """The actions (add, change, publish …) a user holds on any page, from their group page permissions
    read once (Wagtail's per-page tester may query again for every page it is asked about)."""

    def __init__(self, user):
        self.user = user
        self.is_superuser = bool(user.is_active and user.is_superuser)
        self.grants = [] if self.is_superuser else list(PagePermissionPolicy().get_cached_permissions_for_user(user))

    def actions_on(self, page: Page) -> set[str]:
        return {
            grant.permission.codename.rsplit("_", 1)[0]
            for grant in self.grants
            if page.path.startswith(grant.page.path)
        }

    def can_edit(self, page: Page) -> bool:
        if self.is_superuser:
            return True
        actions = self.actions_on(page)
        return "change" in actions or ("add" in actions and page.owner_id == self.user.pk)

    def can_add_under(self, page: Page) -> bool:
        return self.is_superuser or "add" in self.actions_on(page)


# --- The matrix ----------------------------------------------------------------------------------------


@dataclass
class Cell:
    locale: Locale
    state: str
    page: Page | None = None
    action: str = ""  # "translate", "update" or "edit"
    action_url: str = ""

    @property
    def label(self):
        return STATE_LABELS[self.state]

    @property
    def action_label(self):
        return ACTION_LABELS.get(self.action, "")


ACTION_LABELS = {
    "translate": _("Translate"),
    "update": _("Sync from source"),
    "edit": _("Edit translation"),
}


@dataclass
class Row:
    source: Page
    cells: list[Cell] = field(default_factory=list)

    def cell_for(self, code: str) -> Cell | None:
        return next((cell for cell in self.cells if cell.locale.language_code == code), None)


def target_locales() -> list[Locale]:
    return [locale for locale in Locale.objects.order_by("pk") if locale.language_code != settings.LANGUAGE_CODE]


def translation_matrix(sources, user, locales=None) -> list[Row]:
    """A row per source page (in the order given), a cell per target language, each with the action
    that fixes it where `user` may take it, in the languages `locales` (all by default). Rights are
    judged over every target language whichever are shown: the sync action needs rights in each
    language the source is translated into, on a filtered dashboard and a translator's panel too.
    Seven queries, whatever the number of pages."""
    sources = list(sources)
    every_locale = target_locales()
    locales = every_locale if locales is None else locales
    if not sources:
        return []
    ancestor_paths = {
        source.path[:end] for source in sources for end in range(Page.steplen * 2, len(source.path), Page.steplen)
    }
    ancestors = {page.path: page for page in Page.objects.filter(path__in=ancestor_paths)} if ancestor_paths else {}
    keys = {page.translation_key for page in [*sources, *ancestors.values()]}
    versions: dict = {}
    for page in with_text_dates(
        Page.objects.filter(translation_key__in=keys, locale__in=every_locale, alias_of__isnull=True).select_related(
            "locale"
        )
    ):
        versions[page.translation_key, page.locale_id] = page
    syncs: dict = {}
    targets: dict = {}
    for translation in Translation.objects.filter(
        source__object_id__in=[source.translation_key for source in sources],
        source__locale_id=sources[0].locale_id,
        enabled=True,
    ).select_related("source"):
        key = translation.source.object_id
        syncs[key, translation.target_locale_id] = translation.source
        targets.setdefault(key, []).append(translation.target_locale_id)
    changes = source_changes([source.pk for source in sources])
    rights = PageRights(user)

    def anchor(source, locale):
        """The translation, or the nearest translated ancestor the translation would be created under."""
        if (source.translation_key, locale.pk) in versions:
            return versions[source.translation_key, locale.pk]
        for end in range(len(source.path) - Page.steplen, Page.steplen, -Page.steplen):
            ancestor = ancestors.get(source.path[:end])
            if ancestor is not None and (ancestor.translation_key, locale.pk) in versions:
                return versions[ancestor.translation_key, locale.pk]
        return None

    def may_translate(source, locale) -> bool:
        target = anchor(source, locale)
        if target is None:
            return rights.is_superuser
        if (source.translation_key, locale.pk) in versions:
            return rights.can_edit(target)
        return rights.can_add_under(target)

    rows = []
    for source in sources:
        row = Row(source)
        for locale in locales:
            translation = versions.get((source.translation_key, locale.pk))
            sync = syncs.get((source.translation_key, locale.pk))
            changed_at = changes.get(source.pk)
            state = state_of(translation, changed_at, sync.last_updated_at if sync else None)
            cell = Cell(locale, state, translation)
            if may_translate(source, locale):
                if state == MISSING:
                    cell.action = "translate"
                    cell.action_url = reverse("wagtail_localize:submit_page_translation", args=[source.pk])
                elif (
                    state == SOURCE_CHANGED
                    and sync is not None
                    and sync.last_updated_at < changed_at  # once synced, what is left is translating
                    and all(
                        may_translate(source, other)
                        for other in every_locale
                        if other.pk in targets.get(sync.object_id, [])
                    )
                ):
                    # A sync reads the source anew for every language (one TranslationSource), so it
                    # needs rights in each.
                    cell.action = "update"
                    cell.action_url = reverse("wagtail_localize:update_translations", args=[sync.pk])
                else:
                    cell.action = "edit"
                    cell.action_url = reverse("wagtailadmin_pages:edit", args=[translation.pk])
            row.cells.append(cell)
        rows.append(row)
    return rows


# --- What readers are told -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ReaderNotice:
    origin: str  # PERSON or MACHINE
    source_changed_at: datetime | None  # set only when the source changed after the translation took its text


def reader_notice(page: Page) -> ReaderNotice | None:
    """How a translated page was made, and whether its Norwegian source changed since; None for a page in
    the source language or one that is no translation of a source page. One query.

    Machine translated, not yet reviewed: at least one string of the source's current text is, in the
    page's language, a translation a machine translator made that no person has saved since (the
    translation editor records a person's save as a manual translation). Otherwise by a person."""
    if page.locale.language_code == settings.LANGUAGE_CODE:
        return None
    enabled_translation = Translation.objects.filter(
        source__object_id=page.translation_key,
        source__locale_id=OuterRef("locale_id"),
        target_locale_id=page.locale_id,
        enabled=True,
    )
    machine_strings = StringTranslation.objects.filter(
        locale_id=page.locale_id,
        translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE,
        translation_of_id=OuterRef("string_id"),
        context_id=OuterRef("context_id"),
    )
    unreviewed = StringSegment.objects.filter(
        source__object_id=page.translation_key, source__locale_id=OuterRef("locale_id")
    ).filter(Exists(machine_strings))
    source = (
        Page.objects.filter(translation_key=page.translation_key, locale__language_code=settings.LANGUAGE_CODE)
        .annotate(
            changed_at=last_source_change(OuterRef("pk")),
            synced_at=Subquery(enabled_translation.values("source__last_updated_at")[:1]),
            machine=Exists(unreviewed),
            # The served page's live revision, read in the same query.
            written_at=Subquery(Revision.objects.filter(pk=page.live_revision_id).values("created_at")[:1]),
        )
        .values("changed_at", "synced_at", "machine", "written_at")
        .first()
    )
    if source is None:
        return None
    written_at = source["written_at"] or page.last_published_at
    covered = takes_in(source["changed_at"], written_at, source["synced_at"])
    changed_at = None if covered else source["changed_at"]
    # Machine-made strings tell how the page was made only while wagtail-localize keeps it; once the
    # translation is stopped, a person edits the page in Wagtail's own editor.
    machine = source["machine"] and source["synced_at"] is not None
    return ReaderNotice(MACHINE if machine else PERSON, changed_at)
