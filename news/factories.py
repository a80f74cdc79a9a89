import factory

from django.utils import timezone

from .models import PageComment


class PageCommentFactory(factory.django.DjangoModelFactory):
    """A reader's comment waiting for moderation on `page` (required), in the page's language."""

    user_name = factory.Sequence(lambda n: f"Leser {n}")
    user_email = factory.Sequence(lambda n: f"leser{n}@example.org")
    comment = "Takk for en god artikkel."
    submit_date = factory.LazyFunction(timezone.now)
    is_public = False
    is_removed = False
    site_id = 1
    content_type = factory.LazyAttribute(lambda o: _content_type(o.page))
    object_pk = factory.LazyAttribute(lambda o: str(o.page.pk))
    language = factory.LazyAttribute(lambda o: o.page.locale.language_code)

    class Meta:
        model = PageComment


def _content_type(page):
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(page)
