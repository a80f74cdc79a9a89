"""The way in for municipalities: a call to action that leads to the partnership interest form."""

from django import template
from django.conf import settings
from django.db.models import Q

from wagtail.models import Site

from home import content_cache
from home.i18n import active_language, default_locale, link_in_language, live_translations

from ..models import InterestFormPage
from ..models.pages import describe_partnerships

register = template.Library()


@register.inclusion_tag("components/partnerships/interest_call_to_action.html", takes_context=True)
def interest_form_call_to_action(context, heading_level: int = 2):
    """A box leading to this site's live interest form in the reader's language, or to the Norwegian
    one with the usual notice when it is not translated; nothing when no form is live. Cached like the
    navigation: no query on a warm cache, rebuilt whenever a page is saved or published."""
    request = context["request"]
    site = Site.find_for_request(request)
    language = active_language()
    link = None
    if site is not None:
        link = content_cache.get_or_set(
            f"interest-form:{site.pk}", language, lambda: interest_form_link(site, language, request)
        )
    return {"link": link, "heading_level": heading_level}


def interest_form_link(site: Site, language: str, request=None) -> dict | None:
    """{"url", "translated"} of the interest form a reader of `language` should follow, or None."""
    homes = live_translations(site.root_page).values()
    in_site = Q()
    for home in homes:
        in_site |= Q(path__startswith=home.path)
    versions: dict[str, dict] = {}
    for form in InterestFormPage.objects.live().public().filter(in_site).select_related("locale").order_by("path"):
        versions.setdefault(form.translation_key, {}).setdefault(form.locale.language_code, form)
    # One form per partnerships index; with several, the first that exists in the source language.
    groups = list(versions.values())
    forms = next((group for group in groups if settings.LANGUAGE_CODE in group), groups[0] if groups else None)
    if forms is None:
        return None
    url, translated = link_in_language(forms, language, request)
    return {"url": url, "translated": translated}


@register.simple_tag
def partnership_cards(partnership) -> list:
    """For a partnership's preview: the card readers see on both partners' pages, in the source
    language; none until both pages are live, as for readers. Themes are the saved ones (a preview
    saves nothing)."""
    return describe_partnerships([partnership], default_locale()) if partnership.pk else []
