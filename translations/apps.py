from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save


def grant_translator_snippet_permissions_after_migrate(sender, **kwargs) -> None:
    from .permissions import grant_translator_snippet_permissions

    grant_translator_snippet_permissions()


def grant_translator_rights_on_new_home(sender, instance, created, raw=False, **kwargs) -> None:
    """A language's home page gets its translators' page rights when it is made: on a fresh database the
    groups (a data migration) exist before any page does."""
    if created and not raw and instance.depth == 2:
        from .permissions import grant_translator_page_permissions

        grant_translator_page_permissions(instance)


class TranslationsConfig(AppConfig):
    """The translation workflow on top of wagtail-localize: who may translate and publish where, the
    guard in front of its views, where each page's translations stand, and what readers are told."""

    name = "translations"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.apps import apps

        # After every app's migrate, not only ours: a snippet model's permissions exist once its own app is done.
        post_migrate.connect(grant_translator_snippet_permissions_after_migrate)
        post_save.connect(grant_translator_rights_on_new_home, sender=apps.get_model("home", "HomePage"))
