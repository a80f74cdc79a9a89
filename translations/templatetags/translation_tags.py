from django import template
from django.conf import settings
from django.template.context_processors import csrf

from wagtail.models import Page

from home import content_cache
from home.dates import iso_day, long_date
from home.i18n import live_translations

from ..dashboard import status_on_edit_view
from ..status import MACHINE, reader_notice

register = template.Library()


@register.inclusion_tag("components/translation_notice.html", takes_context=True)
def translation_notice(context, page):
    """On a translated page: whether a person or a machine translated it, a link to the Norwegian source,
    and, when the source changed after the translation took its text, since when."""
    if page.locale.language_code == settings.LANGUAGE_CODE:
        return {}
    # Kept with the site's content cache, whose cache any page save empties (a sync, a publish) as does a
    # minor edit: readers meet the notice of the published translation without a query of its own.
    notice = content_cache.get_or_set(
        f"translation-notice:{page.pk}", page.locale.language_code, lambda: reader_notice(page)
    )
    if not notice:
        return {}
    source = live_translations(page).get(settings.LANGUAGE_CODE)
    return {
        "notice": notice,
        "is_machine": notice.origin == MACHINE,
        "source": source,
        "source_url": source.get_url(request=context.get("request")) if source else "",
        "source_language": settings.LANGUAGE_CODE,
        "updated_on": long_date(notice.source_changed_at),
        "updated_day": iso_day(notice.source_changed_at),
    }


@register.inclusion_tag("translations/admin/translation_status_on_edit.html", takes_context=True)
def translation_status_on_edit(context, instance):
    """In the status side panel of a page's edit view: the state of its translations (translations/status.py)."""
    if not isinstance(instance, Page):
        return {}
    request = context["request"]
    # Wagtail draws the side panels with a context of their own, without the CSRF token of the page:
    # the "minor change" form takes it from the request, as a template rendered with one would.
    return {**status_on_edit_view(instance, request.user), **csrf(request), "request": request}
