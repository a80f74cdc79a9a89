from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("News")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from taggit.models import Tag

        from django.db.models.signals import post_migrate, post_save

        from home import content_cache
        from outbox.kinds import register_mail_kind
        from privacy.erasure import register_eraser

        from . import comments, front_page, workflow
        from .models import tags

        comments.register_commentable_pages()
        register_eraser("comments", comments.erase_comments)
        register_mail_kind(comments.MODERATOR_MAIL, comments.render_moderator_mail)
        front_page.register()
        content_cache.watch(comments.PageComment, comments.shown_on_page)
        post_migrate.connect(workflow.assign_after_migrate, sender=self)
        for model in workflow.moderated_section_models():
            post_save.connect(workflow.assign_to_new_section, sender=model)
        post_save.connect(tags.name_new_tag, sender=Tag, dispatch_uid="news:name-new-tag")
