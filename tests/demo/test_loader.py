"""The demo: built from the data files in three languages, translated through wagtail-localize so that
editors can sync it, with a next conference that is open for registration, and safe to load again."""

import datetime

import pytest

from django.core.management import call_command
from django.utils import timezone
from django.utils.translation import gettext

from wagtail.models import Page, Site
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from demo import data
from demo.loader import LANGUAGES, load
from events.models import EventPage, ProgrammeSession
from events.places import places_left
from home.models import Footer, HomePage, NavigationMenu, Person
from partnerships.models import InterestFormPage, Theme

pytestmark = pytest.mark.django_db


def test_every_demo_page_is_live_in_every_language_or_scheduled(demo_site):
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage) and site.root_page.locale.language_code == "nb"
    specs = [spec for section in data.SECTIONS for spec in data.source(section).get("pages", [])]
    keys = {spec["key"] for spec in specs}
    scheduled = {spec["key"] for spec in specs if "go_live_at" in spec}
    assert scheduled == {"news-scheduled-report"}
    for code in LANGUAGES:
        assert set(demo_site[code]) == keys
        for key, page in demo_site[code].items():
            if key in scheduled:
                assert not page.live, (code, key)
                assert page.approved_schedule and page.go_live_at > timezone.now(), (code, key)
                continue
            assert page.live, (code, key)
            assert page.locale.language_code == code
            assert page.get_url().startswith(f"/{code}/")
    assert not Page.objects.filter(title__startswith="Welcome to your new Wagtail site").exists()


@pytest.mark.parametrize("model", [Person, Theme, NavigationMenu, Footer])
def test_demo_snippets_exist_in_every_language(demo_site, model):
    source = model.objects.filter(locale__language_code="nb")
    assert source.exists()
    for item in source:
        assert {obj.locale.language_code for obj in model.objects.filter(translation_key=item.translation_key)} == set(
            LANGUAGES
        )


@pytest.mark.parametrize("code", ["uk", "en"])
def test_every_translation_is_one_wagtail_localize_knows_with_every_string_translated(demo_site, code):
    sources = {source.object_id: source for source in TranslationSource.objects.all()}
    assert demo_site["nb"], "the demo has no page to check"
    for key, page in demo_site["nb"].items():
        source = sources.get(page.translation_key)
        assert source is not None, f"{key} has no translation source"
        translation = Translation.objects.get(source=source, target_locale__language_code=code)
        # In the admin's language, as Wagtail and our catalogue word it.
        assert translation.get_status_display() == gettext("Up to date"), key
        segments = StringSegment.objects.filter(source=source)
        translated = StringTranslation.objects.filter(
            locale__language_code=code, translation_of__in=segments.values("string")
        )
        assert translated.count() >= segments.values("string", "context").distinct().count() > 0


def test_editing_the_norwegian_page_and_syncing_updates_the_translations(
    admin_client, demo_site, django_capture_on_commit_callbacks
):
    about = demo_site["nb"]["about"]
    about.intro = "Ny ingress skrevet av en redaktør."
    about.save_revision().publish()
    source = TranslationSource.objects.get(object_id=about.translation_key)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/admin/localize/update/{source.pk}/", {"publish_translations": "on"})
    assert response.status_code == 302
    uk_about = Page.objects.get(pk=demo_site["uk"]["about"].pk).specific
    assert uk_about.title == demo_site["uk"]["about"].title, "what was translated stays translated"
    assert uk_about.intro == "Ny ingress skrevet av en redaktør.", "new source text waits for its translation"
    assert uk_about.slug == demo_site["uk"]["about"].slug


def test_the_next_conference_is_ahead_with_registration_open(demo_site):
    event = demo_site["nb"]["conference-next"]
    today = timezone.localdate()
    assert datetime.timedelta(days=56) <= event.start_date - today < datetime.timedelta(days=63)
    assert event.start_date.weekday() == 1 and event.end_date == event.start_date + datetime.timedelta(days=1)
    assert str(event.start_date.year) in event.title and event.is_example_content
    registration = demo_site["nb"]["registration-next"]
    for code in LANGUAGES:
        page = demo_site[code]["registration-next"]
        assert page.is_open(), code
        assert page.event_days()
        assert places_left([day.translation_key for day in page.event_days()]) == dict(
            zip([day.translation_key for day in page.event_days()], [120, 80], strict=True)
        ), "the places are the nb form's, for every language"
    assert not demo_site["nb"]["registration-2023"].is_open(), "2023 stays the past event"
    # One value for all languages: copied by wagtail-localize, not typed three times.
    for code in ("uk", "en"):
        translated = demo_site[code]["registration-next"]
        assert (translated.opens_at, translated.closes_at) == (registration.opens_at, registration.closes_at)
        assert [d.date for d in demo_site[code]["conference-next"].days.all()] == [d.date for d in event.days.all()]


def test_dates_in_the_data_files_move_with_the_day_the_demo_is_loaded():
    today = datetime.date(2031, 3, 10)  # a Monday
    assert data.resolve_date("today+60d", today) == datetime.date(2031, 5, 9)
    assert data.resolve_date("today>tue", today) == datetime.date(2031, 3, 11)
    assert data.resolve_date("today>mon", today) == today
    assert data.resolve_date("today+56d>tue+1d", today) == datetime.date(2031, 5, 7)
    opens = data.resolve_date("today-1d 08:00", today)
    assert opens.isoformat() == "2031-03-09T08:00:00+01:00"
    assert data.resolve_date(datetime.date(2023, 8, 29), today) == datetime.date(2023, 8, 29)


def test_the_2023_conference_is_told_from_the_facts_and_its_programme_is_flagged(demo_site):
    for code in LANGUAGES:
        event = demo_site[code]["conference-2023"]
        assert (event.start_date.isoformat(), event.end_date.isoformat()) == ("2023-08-29", "2023-08-30")
        assert event.days.count() == 2 and event.organisers.count() == 3 and event.steering_group.count() == 5
        assert not event.is_example_content
    assert not ProgrammeSession.objects.filter(is_example_content=False).exists()
    assert not ProgrammeSession.objects.filter(speakers__isnull=False).exists()  # no invented words for real people


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_home_page_call_to_action_leads_to_the_interest_form_in_the_readers_language(client, demo_site, code):
    form = InterestFormPage.objects.get(locale__language_code=code)
    html = client.get(demo_site[code]["home"].url).content.decode()
    call_to_action = html[html.index('class="cta"') :]
    assert f'href="{form.url}"' in call_to_action[: call_to_action.index("</section>")]


def test_loading_again_changes_nothing(demo_site):
    counts = (Page.objects.count(), EventPage.objects.count(), Person.objects.count(), Translation.objects.count())
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (
        Page.objects.count(),
        EventPage.objects.count(),
        Person.objects.count(),
        Translation.objects.count(),
    ) == counts


def test_a_translation_that_does_not_match_its_source_is_refused(demo_site, monkeypatch):
    from demo.translate import DemoTranslationError, translate

    source = demo_site["nb"]["privacy"]
    demo_site["uk"]["privacy"].delete()
    with pytest.raises(DemoTranslationError):
        translate(source, demo_site["uk"]["home"].locale, {"body": [{"paragraph": "<p>Bare én.</p>"}]})


def test_load_builds_the_same_tree_on_an_empty_database_as_load_demo(demo_site):
    assert set(load()) == set(LANGUAGES)


def test_the_data_files_spell_names_one_way_and_translate_the_agreement():
    """Kryvyi Rih by the official table everywhere; the agreement named in each page's language."""
    for path in data.DATA_DIR.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        assert "Kryvyj" not in text, path
        if path.parent.name in {"nb", "uk"}:
            assert "Solidarity and Partnership" not in text, path
    names = {code: data.read(code, "partnerships") for code in LANGUAGES}
    (source,) = [p for p in names["nb"]["partnerships"] if p["key"] == "lyngdal-kryvyi-rih"]
    assert source["name"] == "Solidaritet og partnerskap"
    assert names["uk"]["partnerships"]["lyngdal-kryvyi-rih"]["name"] == "Солідарність і партнерство"


def test_every_demo_story_dates_its_timeline_milestones(demo_site):
    from partnerships.models import StoryPage

    stories = StoryPage.objects.live()
    assert stories.exists()
    for story in stories:
        milestones = [m for block in story.body if block.block_type == "timeline" for m in block.value["milestones"]]
        assert milestones and all(m["date"] for m in milestones), story.title
