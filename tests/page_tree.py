"""One live page of every project page type and one of every previewable snippet, built with the
factories (not the demo), for tests that must cover each type: previews, meta descriptions."""

import datetime

from django.utils import timezone

from wagtail.models import Page, Site

from events.factories import (
    EventDayFactory,
    EventIndexPageFactory,
    EventPageFactory,
    OrganisationFactory,
    ProgrammeChangeFactory,
    RegistrationPageFactory,
)
from home.factories import (
    FooterFactory,
    HomePageFactory,
    LocaleFactory,
    NavigationMenuFactory,
    PersonFactory,
    StandardPageFactory,
)
from news.factories import NewsIndexPageFactory, NewsPageFactory, TagNameFactory
from partnerships.factories import (
    InterestFormPageFactory,
    PartnerPageFactory,
    PartnershipFactory,
    PartnershipsIndexPageFactory,
    StoryPageFactory,
    ThemeFactory,
    UkrainianPartnerPageFactory,
)


def build_page_tree() -> dict:
    """{"pages": {model: page}, "snippets": {model: object}}; the home page is the default site's root.

    Intros are left empty where the page has other text, so that the fallbacks get exercised too."""
    locale = LocaleFactory(language_code="nb")
    # An empty slug: the demo's home pages may share the root; the site's root page decides what /nb/ is.
    home = HomePageFactory(parent=Page.get_first_root_node(), slug="", locale=locale)
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    standard = StandardPageFactory(
        parent=home,
        intro="",
        body=[("paragraph", "<p>Kommunene møtes hvert år i Oslo for å finne nye partnere.</p>")],
    )
    event_index = EventIndexPageFactory(parent=home)
    # Ahead, so that its registration form is open (an ended event's form says so instead).
    soon = timezone.localdate() + datetime.timedelta(days=60)
    event = EventPageFactory(parent=event_index, intro="To dager om kommunesamarbeid.", start_date=soon, end_date=soon)
    EventDayFactory(page=event)
    registration = RegistrationPageFactory(parent=event, closes_at=timezone.now() + datetime.timedelta(days=30))
    partnerships_index = PartnershipsIndexPageFactory(parent=home)
    partner = PartnerPageFactory(parent=partnerships_index, summary="En kommune på Sørlandet.")
    story = StoryPageFactory(parent=partnerships_index)
    interest = InterestFormPageFactory(parent=partnerships_index, intro="")
    news_index = NewsIndexPageFactory(parent=home)
    article = NewsPageFactory(parent=news_index, event=event, body=[])
    pages = [
        home,
        standard,
        event_index,
        event,
        registration,
        partnerships_index,
        partner,
        story,
        interest,
        news_index,
        article,
    ]
    menu = NavigationMenuFactory(locale=locale, links=[("link", {"page": standard, "url": "", "label": ""})])
    snippets = [
        menu,
        FooterFactory(locale=locale),
        PersonFactory(locale=locale),
        OrganisationFactory(locale=locale),
        ThemeFactory(locale=locale),
        TagNameFactory(locale=locale),
        ProgrammeChangeFactory(event=event),
        PartnershipFactory(
            norwegian_partner=partner,
            ukrainian_partner=UkrainianPartnerPageFactory(parent=partnerships_index, locale=locale),
        ),
    ]
    return {"pages": {type(page): page for page in pages}, "snippets": {type(obj): obj for obj in snippets}}
