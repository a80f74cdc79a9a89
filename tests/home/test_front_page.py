"""The front page: sections provided by the apps (home.front_page), arranged by the editor with
section blocks or shown all in their order, each in the home page's language, within the query budget
however many events, stories, partners and partnerships there are."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import Site

from events.factories import EventDayFactory, EventIndexPageFactory, EventPageFactory, RegistrationPageFactory
from events.models import RegistrationPage
from home.factories import SiteSettingsFactory, publish_translation
from home.front_page import registered_sections, section_choices
from partnerships.factories import (
    InterestFormPageFactory,
    PartnerPageFactory,
    PartnershipFactory,
    PartnershipsIndexPageFactory,
    StoryPageFactory,
    UkrainianPartnerPageFactory,
)
from partnerships.models import PartnershipStatus

pytestmark = pytest.mark.django_db

HOME_QUERY_BUDGET = 12
TODAY = timezone.localdate()


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page.specific


def add_event(index, title, start, *, registration=True, opens_at=None, closes_at=None):
    event = EventPageFactory(parent=index, title=title, start_date=start, end_date=start + datetime.timedelta(days=1))
    EventDayFactory(page=event, date=start)
    if registration:
        RegistrationPageFactory(parent=event, title=f"Påmelding {title}", opens_at=opens_at, closes_at=closes_at)
    return event


def translate_event(event, code):
    translated = publish_translation(event, code, title=f"{event.title} ({code})")
    for registration in RegistrationPage.objects.child_of(event):
        publish_translation(registration, code, title=f"{registration.title} ({code})")
    return translated


@pytest.fixture
def site(homes):
    """Events, partnerships, stories and the interest form under the home pages in nb, uk and en, and
    the site's settings (which a first request would otherwise create, emptying the cache)."""
    SiteSettingsFactory(site=Site.objects.get(is_default_site=True))
    events_nb = EventIndexPageFactory(parent=homes["nb"], title="Konferanse", slug="konferanse")
    partnerships_nb = PartnershipsIndexPageFactory(parent=homes["nb"], title="Samarbeid", slug="samarbeid")
    form_nb = InterestFormPageFactory(parent=partnerships_nb, slug="meld-interesse")
    result = {"homes": homes, "events": {"nb": events_nb}, "partnerships": {"nb": partnerships_nb}}
    result["forms"] = {"nb": form_nb}
    for code in ("uk", "en"):
        result["events"][code] = publish_translation(events_nb, code)
        result["partnerships"][code] = publish_translation(partnerships_nb, code)
        result["forms"][code] = publish_translation(form_nb, code, title=f"Interest {code}")
    return result


def add_partnerships(site, count, status=PartnershipStatus.AGREEMENT_SIGNED):
    index = site["partnerships"]["nb"]
    made = []
    for _ in range(count):
        norwegian = PartnerPageFactory(parent=index)
        ukrainian = UkrainianPartnerPageFactory(parent=index)
        for code in ("uk", "en"):
            publish_translation(norwegian, code)
            publish_translation(ukrainian, code)
        date_signed = datetime.date(2023, 5, 1) if status == PartnershipStatus.AGREEMENT_SIGNED else None
        made.append(
            PartnershipFactory(
                norwegian_partner=norwegian, ukrainian_partner=ukrainian, status=status, date_signed=date_signed
            )
        )
    return made


def add_stories(site, count, *, first_date=datetime.date(2024, 1, 1), batch=""):
    stories = []
    for n in range(count):
        story = StoryPageFactory(
            parent=site["partnerships"]["nb"],
            title=f"Historie {batch}{n}",
            date=first_date + datetime.timedelta(days=n),
        )
        stories.append({"nb": story, "uk": publish_translation(story, "uk", title=f"Історія {batch}{n}")})
    return stories


def set_body(home, blocks):
    home.body = json.dumps([{"type": "front_page_section", "value": value} for value in blocks])
    return publish(home)


def section_keys(soup) -> list[str]:
    return [
        section["aria-labelledby"].removesuffix("-heading")
        for section in soup.select(".front-page section[aria-labelledby]")
    ]


# --- The registry ------------------------------------------------------------------------------


def test_the_apps_register_their_sections_in_order():
    keys = [section.key for section in registered_sections()]
    assert keys[:1] == ["next-conference"]
    assert {"latest-stories", "figures-and-map", "find-a-partner"} <= set(keys)
    assert keys.index("latest-stories") < keys.index("figures-and-map") < keys.index("find-a-partner")


def test_the_section_block_offers_every_registered_section():
    assert [key for key, _label in section_choices()] == [section.key for section in registered_sections()]


# --- Automatic or arranged by the editor -------------------------------------------------------


def test_without_section_blocks_every_section_with_content_is_shown_in_order(client, site):
    add_event(site["events"]["nb"], "Konferansen", TODAY + datetime.timedelta(days=30))
    add_partnerships(site, 1)
    add_stories(site, 1)
    assert section_keys(soup_of(client, "/nb/")) == [
        "front-next-conference",
        "front-latest-stories",
        "map",
        "front-find-a-partner",
    ]


def test_section_blocks_decide_which_sections_and_where(client, site):
    add_event(site["events"]["nb"], "Konferansen", TODAY + datetime.timedelta(days=30))
    add_stories(site, 1)
    set_body(
        site["homes"]["nb"], [{"section": "latest-stories", "heading": "Fra kommunene"}, {"section": "next-conference"}]
    )
    soup = soup_of(client, "/nb/")
    assert section_keys(soup) == ["front-latest-stories", "front-next-conference"]
    assert soup.select_one("#front-latest-stories-heading").get_text(strip=True) == "Fra kommunene"


def test_a_section_with_nothing_to_show_is_left_out(client, site):
    soup = soup_of(client, "/nb/")
    assert soup.select(".front-event, .front-stories") == []


# --- The conference -----------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["nb", "uk", "en"])
def test_the_register_button_leads_to_the_registration_page_in_the_visitors_language(client, site, code):
    event = add_event(site["events"]["nb"], "Konferansen", TODAY + datetime.timedelta(days=30))
    translate_event(event, "uk")
    translate_event(event, "en")
    registration = RegistrationPage.objects.get(locale__language_code=code)
    soup = soup_of(client, f"/{code}/")
    assert [a["href"] for a in soup.select(".front-event__register")] == [registration.url]


def test_no_register_button_once_registration_has_closed(client, site):
    add_event(
        site["events"]["nb"],
        "Konferansen",
        TODAY + datetime.timedelta(days=30),
        closes_at=timezone.now() - datetime.timedelta(hours=1),
    )
    soup = soup_of(client, "/nb/")
    assert soup.select(".front-event__register") == []
    assert soup.select_one(".front-event__programme")["href"].startswith("/nb/konferanse/")


def test_no_register_button_before_registration_opens(client, site):
    add_event(
        site["events"]["nb"],
        "Konferansen",
        TODAY + datetime.timedelta(days=30),
        opens_at=timezone.now() + datetime.timedelta(days=1),
    )
    assert soup_of(client, "/nb/").select(".front-event__register") == []


def test_registration_times_come_from_the_norwegian_page(client, site):
    event = add_event(site["events"]["nb"], "Konferansen", TODAY + datetime.timedelta(days=30))
    translate_event(event, "uk")
    # A translation that was not synced yet says "open"; the source page has closed registration.
    RegistrationPage.objects.filter(locale__language_code="nb").update(closes_at=timezone.now())
    assert soup_of(client, "/uk/").select(".front-event__register") == []


def test_the_next_conference_is_shown_rather_than_the_one_after_or_the_last(client, site):
    index = site["events"]["nb"]
    add_event(index, "Forrige", TODAY - datetime.timedelta(days=300))
    add_event(index, "Neste", TODAY + datetime.timedelta(days=20))
    add_event(index, "Senere", TODAY + datetime.timedelta(days=400))
    assert soup_of(client, "/nb/").select_one(".front-event__title").get_text(strip=True) == "Neste"


def test_the_last_conference_without_a_button_when_none_is_coming(client, site):
    index = site["events"]["nb"]
    add_event(index, "Eldre", TODAY - datetime.timedelta(days=700))
    add_event(index, "Forrige", TODAY - datetime.timedelta(days=300))  # registration never closed
    soup = soup_of(client, "/nb/")
    assert soup.select_one(".front-event__title").get_text(strip=True) == "Forrige"
    assert soup.select(".front-event__register") == []
    assert soup.select_one(".front-event__programme") is not None


def test_the_conference_is_shown_in_the_home_pages_language_only(client, site):
    event = add_event(site["events"]["nb"], "Konferansen", TODAY + datetime.timedelta(days=30))
    translate_event(event, "uk")
    assert soup_of(client, "/uk/").select_one(".front-event__title").get_text(strip=True) == "Konferansen (uk)"
    assert soup_of(client, "/en/").select(".front-event") == []


def test_a_pinned_event_replaces_the_next_one(client, site):
    index = site["events"]["nb"]
    add_event(index, "Neste", TODAY + datetime.timedelta(days=20))
    pinned = add_event(index, "Festet", TODAY - datetime.timedelta(days=300))
    set_body(site["homes"]["nb"], [{"section": "next-conference", "pinned": pinned.pk}])
    assert soup_of(client, "/nb/").select_one(".front-event__title").get_text(strip=True) == "Festet"


# --- Stories ------------------------------------------------------------------------------------


def test_the_latest_stories_newest_first_in_the_pages_language(client, site):
    add_stories(site, 5)
    StoryPageFactory(parent=site["partnerships"]["nb"], title="Bare på norsk", date=datetime.date(2030, 1, 1))
    titles = [a.get_text(strip=True) for a in soup_of(client, "/uk/").select(".story-card__title a")]
    assert titles == ["Історія 4", "Історія 3", "Історія 2"]


def test_a_pinned_story_comes_first(client, site):
    stories = add_stories(site, 5)
    set_body(site["homes"]["uk"], [{"section": "latest-stories", "pinned": stories[0]["nb"].pk}])
    titles = [a.get_text(strip=True) for a in soup_of(client, "/uk/").select(".story-card__title a")]
    assert titles == ["Історія 0", "Історія 4", "Історія 3"]


def test_a_section_cannot_pin_a_page_of_another_kind(site):
    from wagtail.blocks import StructBlockValidationError

    from home.blocks import FrontPageSectionBlock

    block = FrontPageSectionBlock()
    value = block.to_python({"section": "next-conference", "heading": "", "pinned": site["forms"]["nb"].pk})
    with pytest.raises(StructBlockValidationError):
        block.clean(value)


# --- Figures and map ----------------------------------------------------------------------------


def figures_of(soup) -> dict[str, str]:
    return {dd["data-figure"]: dd.get_text(strip=True) for dd in soup.select("[data-figure]")}


@pytest.mark.parametrize("code", ["nb", "uk"])
def test_the_figures_are_those_of_the_partnerships_overview(client, site, code):
    add_partnerships(site, 2)
    add_partnerships(site, 1, status=PartnershipStatus.INTEREST)
    index = site["partnerships"][code]
    home = figures_of(soup_of(client, f"/{code}/"))
    overview = figures_of(soup_of(client, index.url + index.reverse_subpage("overview_view")))
    assert home == overview == {"partnerships-signed": "2", "municipalities": "6"}


def test_the_map_shows_a_marker_for_each_partner(client, site):
    add_partnerships(site, 2)
    soup = soup_of(client, "/nb/")
    assert len(soup.select(".front-figures .partner-map__point")) == 4


def test_a_changed_partnership_changes_the_figures_at_once(client, site):
    (partnership,) = add_partnerships(site, 1, status=PartnershipStatus.INTEREST)
    assert figures_of(soup_of(client, "/nb/"))["partnerships-signed"] == "0"
    partnership.status = PartnershipStatus.ACTIVE
    partnership.save()
    assert figures_of(soup_of(client, "/nb/"))["partnerships-signed"] == "1"


# --- The way in ---------------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["nb", "uk", "en"])
def test_the_way_in_leads_to_the_interest_form_in_the_pages_language(client, site, code):
    soup = soup_of(client, f"/{code}/")
    assert [a["href"] for a in soup.select(".cta--interest a.button")] == [site["forms"][code].url]


# --- Query budget -------------------------------------------------------------------------------


def furnish(site, count, batch):
    index = site["events"]["nb"]
    for n in range(count):
        event = add_event(index, f"Konferanse {batch}-{n}", TODAY + datetime.timedelta(days=10 + n))
        translate_event(event, "uk")
        add_event(index, f"Tidligere {batch}-{n}", TODAY - datetime.timedelta(days=10 + n), registration=False)
    add_partnerships(site, count)
    add_stories(site, count, batch=batch)


def queries_for(client, url, *, warm=True) -> int:
    client.get(url)
    if not warm:
        cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("code", ["nb", "uk"])
def test_the_front_page_stays_within_the_query_budget_and_flat(client, site, code):
    furnish(site, 1, "a")
    few = queries_for(client, f"/{code}/")
    furnish(site, 3, "b")
    many = queries_for(client, f"/{code}/")
    assert few <= HOME_QUERY_BUDGET
    assert many == few


def test_building_the_sections_costs_the_same_for_few_and_many_items(client, site):
    furnish(site, 1, "a")
    few = queries_for(client, "/uk/", warm=False)
    furnish(site, 3, "b")
    assert queries_for(client, "/uk/", warm=False) == few


def test_a_section_blocks_name_is_not_search_text(homes):
    from home.blocks import FrontPageSectionBlock

    block = FrontPageSectionBlock()
    assert block.get_searchable_content(block.to_python({"section": "latest-stories", "heading": ""})) == []
    value = block.to_python({"section": "latest-stories", "heading": "Fra kommunene"})
    assert block.get_searchable_content(value) == ["Fra kommunene"]
