"""Who may translate into which language, and who may publish a translation there.

wagtail-localize checks only the global "submit translation" permission in its submit and update
views, and publishes whatever it copies when asked, so a translator with rights in one tree could
create and publish pages in the others, and an editor without publish rights could put an unapproved
draft live in every language. The rule here closes that, for every page type and translatable snippet:

- translating into a language needs add/edit rights in that language's tree: for a page, edit rights
  on its existing translation, or the right to add a page under the nearest translated ancestor; for
  a snippet, the model's change permission plus edit rights on that language's home page (the one
  place that says which languages a group works in, so no per-language snippet permission is needed);
- publishing a translation needs publish rights there, and a live, public source: a draft or private
  source page is never copied into a tree whose readers may not see it (wagtail-localize copies the
  page's own view restriction, not one inherited from an ancestor);
- a submitted translation always starts as a draft (WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE is
  False), so publishing it is always a separate, checked act.

translations/guard.py applies it to every wagtail-localize URL; translations/views.py to its forms.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.utils.functional import cached_property

from wagtail.models import DraftStateMixin, GroupPagePermission, Locale, Page, Site, TranslatableMixin
from wagtail.snippets.models import get_snippet_models

TRANSLATOR_GROUPS = {"uk": "Translators (uk)", "en": "Translators (en)"}
TRANSLATOR_PAGE_PERMISSIONS = ("add_page", "change_page")


def home_page_of(locale) -> Page | None:
    """The top of a language's tree: the default site's root page in that language."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return None
    return site.root_page.get_translation_or_none(locale)


def _is_superuser(user) -> bool:
    return bool(user and user.is_active and user.is_superuser)


def works_in(user, locale) -> bool:
    """Whether a language is one the user translates into: they may edit its home page."""
    if _is_superuser(user):
        return True
    home = home_page_of(locale)
    return bool(user and user.is_authenticated and home and home.permissions_for_user(user).can_edit())


class PageTarget:
    """Where a source page's translation into `locale` lives or would be created."""

    def __init__(self, source: Page, locale: Locale):
        self.source = source
        self.locale = locale

    @cached_property
    def page(self) -> Page | None:
        return self.source.get_translation_or_none(self.locale)

    @cached_property
    def anchor(self) -> Page | None:
        """The existing translation, or else the nearest ancestor already translated into the locale,
        under which wagtail-localize would create the copy."""
        if self.page is not None:
            return self.page
        for ancestor in self.source.get_ancestors(inclusive=False).filter(depth__gt=1).order_by("-depth"):
            translated = ancestor.get_translation_or_none(self.locale)
            if translated is not None:
                return translated
        return None

    def may_translate(self, user) -> bool:
        if _is_superuser(user):
            return True
        if self.anchor is None:
            return False
        permissions = self.anchor.permissions_for_user(user)
        return permissions.can_edit() if self.page is not None else permissions.can_add_subpage()

    def may_publish(self, user) -> bool:
        if not self.source.live or not self.readers_are_limited_as_in_source():
            return False
        if _is_superuser(user):
            return True
        if self.anchor is None:
            return False
        permissions = self.anchor.permissions_for_user(user)
        return permissions.can_publish() if self.page is not None else permissions.can_publish_subpage()

    def readers_are_limited_as_in_source(self) -> bool:
        if not self.source.get_view_restrictions().exists():
            return True
        if self.source.view_restrictions.exists():
            return True  # wagtail-localize copies the page's own restriction to the translation
        return self.anchor is not None and self.anchor.get_view_restrictions().exists()


def may_translate(user, source, locale) -> bool:
    """Whether `user` may create or change the translation of `source` (a page or snippet) in `locale`."""
    if isinstance(source, Page):
        return PageTarget(source.specific, locale).may_translate(user)
    return may_change_snippet_in(user, type(source), locale)


def may_publish_translation(user, source, locale) -> bool:
    """Whether `user` may put the translation of `source` into `locale` live."""
    if isinstance(source, Page):
        return PageTarget(source.specific, locale).may_publish(user)
    if not may_change_snippet_in(user, type(source), locale):
        return False
    if isinstance(source, DraftStateMixin):
        publish = f"{source._meta.app_label}.publish_{source._meta.model_name}"
        return bool(source.live and (_is_superuser(user) or user.has_perm(publish)))
    return True


def may_change_snippet_in(user, model, locale) -> bool:
    if not issubclass(model, TranslatableMixin):
        return True
    if _is_superuser(user):
        return True
    opts = model._meta
    has_model_permission = user.has_perm(f"{opts.app_label}.change_{opts.model_name}") or user.has_perm(
        f"{opts.app_label}.add_{opts.model_name}"
    )
    return has_model_permission and works_in(user, locale)


# --- The translator groups -----------------------------------------------------------------------------


def grant_translator_page_permissions(home: Page) -> None:
    """Add and edit (never publish) rights on a language's home page for its translators' group. Called
    when a home page is created, since on a fresh database the groups exist before any page does."""
    group = Group.objects.filter(name=TRANSLATOR_GROUPS.get(home.locale.language_code, "")).first()
    if group is None:
        return
    for codename in TRANSLATOR_PAGE_PERMISSIONS:
        permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
        GroupPagePermission.objects.get_or_create(group=group, page=home, permission=permission)


def grant_translator_snippet_permissions() -> None:
    """Change rights on every translatable snippet model for the translators' groups (which language
    they may change is decided by `may_change_snippet_in`). Run after every migrate, so a snippet model
    added later is covered too."""
    groups = Group.objects.filter(name__in=TRANSLATOR_GROUPS.values())
    if not groups:
        return
    permissions = []
    for model in get_snippet_models():
        if issubclass(model, TranslatableMixin):
            content_type = ContentType.objects.get_for_model(model)
            permissions += Permission.objects.filter(
                content_type=content_type, codename__in=[f"change_{model._meta.model_name}"]
            )
    for group in groups:
        group.permissions.add(*permissions)
