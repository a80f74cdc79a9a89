"""Partner and story pages: tree rules, filters, query counts, open data, the map and three languages."""

import csv
import io
import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from wagtail.test.utils import WagtailPageTestCase

from home.exports import neutralise
from home.models import HomePage
from partnerships.factories import (
    PartnerPageFactory,
    PartnershipFactory,
    PartnershipsIndexPageFactory,
    StoryPageFactory,
    ThemeFactory,
    UkrainianPartnerPageFactory,
)
from partnerships.models import (
    Country,
    InterestFormPage,
    PartnerKind,
    PartnerPage,
    Partnership,
    PartnershipsIndexPage,
    PartnershipStatus,
    StoryPage,
    Theme,
)

pytestmark = pytest.mark.django_db


class TestPartnershipsTree(WagtailPageTestCase):
    def test_index_lives_under_home(self):
        self.assertAllowedParentPageTypes(PartnershipsIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(PartnershipsIndexPage, {PartnerPage, StoryPage, InterestFormPage})
        self.assertAllowedParentPageTypes(InterestFormPage, {PartnershipsIndexPage})
        self.assertAllowedSubpageTypes(InterestFormPage, set())

    def test_partners_and_stories_live_under_the_index_and_have_no_children(self):
        for model in (PartnerPage, StoryPage):
            self.assertAllowedParentPageTypes(model, {PartnershipsIndexPage})
            self.assertAllowedSubpageTypes(model, set())


@pytest.fixture
def index(demo_site):
    return PartnershipsIndexPageFactory(parent=demo_site["nb"]["home"], title="Testsamarbeid", slug="")


def data_url(index, name, fmt):
    return index.url + index.reverse_subpage(f"{name}_data_view", args=[fmt])


def listed(html: str, css_class: str) -> list[str]:
    return re.findall(rf'<h3 class="{css_class}"><a href="[^"]*">([^<]+)</a>', html)


def test_partner_filters_work_without_javascript(client, index):
    energy = ThemeFactory(name="Energi", slug="energi-test")
    oslo = PartnerPageFactory(parent=index, title="Oslo", region="Oslo", kind=PartnerKind.NO_MUNICIPALITY)
    oslo.themes_offered.set([energy])
    oslo.save_revision().publish()
    PartnerPageFactory(parent=index, title="Agder fylke", region="Agder", kind=PartnerKind.NO_COUNTY)
    kyiv = UkrainianPartnerPageFactory(parent=index, title="Kyiv", region="Kyiv", looking_for_partner=True)
    kyiv.themes_needed.set([energy])
    kyiv.save_revision().publish()
    PartnershipFactory(norwegian_partner=oslo, ukrainian_partner=kyiv, status=PartnershipStatus.ACTIVE)

    def names(**params):
        response = client.get(index.url, params)
        assert response.status_code == 200
        return sorted(listed(response.content.decode(), "partner-card__title"))

    assert names() == ["Agder fylke", "Kyiv", "Oslo"]
    assert names(theme="energi-test") == ["Kyiv", "Oslo"]
    assert names(region="Agder") == ["Agder fylke"]
    assert names(country=Country.UKRAINE) == ["Kyiv"]
    assert names(kind=PartnerKind.NO_COUNTY) == ["Agder fylke"]
    assert names(looking="on") == ["Kyiv"]
    assert names(status=PartnershipStatus.ACTIVE) == ["Kyiv", "Oslo"]
    assert names(status=PartnershipStatus.ENDED) == []
    assert names(theme="energi-test", country=Country.NORWAY) == ["Oslo"]
    # An unknown value drops that one filter instead of failing.
    assert names(country="ZZ", kind=PartnerKind.NO_COUNTY) == ["Agder fylke"]
    html = client.get(index.url, {"region": "Agder"}).content.decode()
    assert 'method="get"' in html and '<option value="Agder" selected>' in html


def test_story_filters(client, index):
    education = ThemeFactory(name="Skole", slug="skole-test")
    partnership = PartnershipFactory(
        norwegian_partner=PartnerPageFactory(parent=index, region="Agder"),
        ukrainian_partner=UkrainianPartnerPageFactory(parent=index, region="Kyivska oblast"),
        status=PartnershipStatus.ACTIVE,
    )
    school = StoryPageFactory(parent=index, title="Nettbrett til skolene", partnership=partnership)
    school.themes.set([education])
    school.save_revision().publish()
    StoryPageFactory(parent=index, title="Uten partnerskap")
    stories_url = index.sub_url("stories_view")

    def titles(**params):
        return sorted(listed(client.get(stories_url, params).content.decode(), "story-card__title"))

    assert titles() == ["Nettbrett til skolene", "Uten partnerskap"]
    assert titles(theme="skole-test") == ["Nettbrett til skolene"]
    assert titles(status=PartnershipStatus.ACTIVE) == ["Nettbrett til skolene"]
    assert titles(status=PartnershipStatus.ENDED) == []
    assert titles(region="Kyivska oblast") == ["Nettbrett til skolene"]


def test_lists_are_paginated_and_keep_the_filters(client, index):
    from partnerships import views

    for n in range(views.PARTNERS_PER_PAGE + 2):
        PartnerPageFactory(parent=index, title=f"Kommune {n:02d}", region="Agder")
    html = client.get(index.url, {"region": "Agder"}).content.decode()
    assert len(listed(html, "partner-card__title")) == views.PARTNERS_PER_PAGE
    assert "?region=Agder&amp;page=2" in html
    second = client.get(index.url, {"region": "Agder", "page": 2}).content.decode()
    assert len(listed(second, "partner-card__title")) == 2


def queries_for(client, url) -> int:
    client.get(url)  # warm the per-process caches a running server has
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def add_pairs(index, count, theme):
    for _ in range(count):
        norwegian = PartnerPageFactory(parent=index)
        ukrainian = UkrainianPartnerPageFactory(parent=index)
        for partner in (norwegian, ukrainian):
            partner.themes_offered.set([theme])
            partner.themes_needed.set([theme])
            partner.save()
        partnership = PartnershipFactory(norwegian_partner=norwegian, ukrainian_partner=ukrainian)
        partnership.themes.set([theme])
        story = StoryPageFactory(parent=index, partnership=partnership)
        story.themes.set([theme])
        story.save()


@pytest.mark.parametrize(
    ("route", "args"),
    [
        ("partners_view", []),
        ("stories_view", []),
        ("overview_view", []),
        ("partners_data_view", ["json"]),
        ("partnerships_data_view", ["csv"]),
    ],
)
def test_query_count_does_not_grow_with_items(client, index, route, args):
    url = index.url + index.reverse_subpage(route, args=args)
    theme = ThemeFactory()
    add_pairs(index, 1, theme)  # 2 partners
    few = queries_for(client, url)
    add_pairs(index, 5, theme)  # 12 partners
    assert PartnerPage.objects.child_of(index).count() == 12
    assert queries_for(client, url) == few


def test_partner_page_query_count_does_not_grow_with_partnerships(client, index):
    theme = ThemeFactory()
    hub = PartnerPageFactory(parent=index)

    def add(count):
        for _ in range(count):
            partnership = PartnershipFactory(
                norwegian_partner=hub, ukrainian_partner=UkrainianPartnerPageFactory(parent=index)
            )
            partnership.themes.set([theme])
            StoryPageFactory(parent=index, partnership=partnership)

    add(1)
    few = queries_for(client, hub.url)
    add(6)
    assert queries_for(client, hub.url) == few


def test_open_data_as_json_and_csv(client, index):
    evil = PartnerPageFactory(parent=index, title='=HYPERLINK("http://evil")', region="+Agder")
    other = UkrainianPartnerPageFactory(parent=index, title="@Kyiv")
    PartnershipFactory(norwegian_partner=evil, ukrainian_partner=other)

    response = client.get(data_url(index, "partners", "json"))
    assert response["Content-Type"].startswith("application/json")
    rows = json.loads(response.content)["results"]
    assert {row["name"] for row in rows} == {evil.title, "@Kyiv"}
    assert {row["country"] for row in rows} == {"NO", "UA"}

    response = client.get(data_url(index, "partners", "csv"))
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    table = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert {row["name"] for row in table} == {'\'=HYPERLINK("http://evil")', "'@Kyiv"}
    assert {row["region"] for row in table} >= {"'+Agder"}

    partnerships = json.loads(client.get(data_url(index, "partnerships", "json")).content)["results"]
    assert [(p["norwegian_partner"], p["ukrainian_partner"]) for p in partnerships] == [(evil.title, "@Kyiv")]
    table = list(csv.DictReader(io.StringIO(client.get(data_url(index, "partnerships", "csv")).content.decode())))
    assert table[0]["status"] == PartnershipStatus.AGREEMENT_SIGNED
    assert table[0]["norwegian_partner"].startswith("'=")
    assert client.get(data_url(index, "partners", "xml")).status_code == 404


@pytest.mark.parametrize(
    ("value", "expected"),
    [("=1+1", "'=1+1"), ("+47", "'+47"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"), ("Oslo", "Oslo"), (5, "5")],
)
def test_neutralise(value, expected):
    assert neutralise(value) == expected


def test_map_has_a_line_per_partnership_and_an_accessible_list(client, demo_site):
    index = PartnershipsIndexPage.objects.get(locale__language_code="en")
    html = client.get(index.url + "overview/").content.decode()
    svg = re.search(r"<svg class=\"partner-map__svg\".*?</svg>", html, re.S).group(0)
    assert 'role="img"' in svg and 'aria-labelledby="map-heading map-description"' in svg
    assert 'id="map-heading"' in html
    assert svg.count('<line class="partner-map__link') == Partnership.objects.count() == 2
    assert (
        svg.count('class="partner-map__point ')
        == PartnerPage.objects.live().filter(locale=index.locale, latitude__isnull=False).count()
    )
    assert "style=" not in html and "<script>" not in html
    listing = re.search(r'<ul class="partnership-list".*?</ul>', html, re.S).group(0)
    assert "Kristiansand" in listing and "Mykolaiv" in listing and "Kryvyi Rih" in listing
    # Coordinates are never written with a decimal comma, whatever the language's number format.
    nb_html = client.get(PartnershipsIndexPage.objects.get(locale__language_code="nb").sub_url("overview_view")).content
    assert re.search(r'(cx|cy|x1|y1|x2|y2|width)="[^"]*,', nb_html.decode()) is None
    assert "Agreement signed" in html and "Dnipropetrovsk Oblast" in html


@pytest.mark.parametrize("code", ["nb", "uk", "en"])
def test_every_partnership_page_renders_in_each_language(client, demo_site, code):
    index = PartnershipsIndexPage.objects.get(locale__language_code=code)
    for url in [index.url, index.sub_url("stories_view"), index.sub_url("overview_view")]:
        response = client.get(url)
        assert response.status_code == 200
        assert f'<html lang="{code}"' in response.content.decode()
    pages = list(PartnerPage.objects.live().filter(locale=index.locale)) + list(
        StoryPage.objects.live().filter(locale=index.locale)
    )
    assert len(pages) == 12
    for page in pages:
        html = client.get(page.url).content.decode()
        assert f'<html lang="{code}"' in html, page.url


def test_partnership_shows_on_both_partners_pages_in_their_language(client, demo_site):
    index = PartnershipsIndexPage.objects.get(locale__language_code="uk")
    pages = {p.title: p for p in PartnerPage.objects.live().filter(locale=index.locale)}
    for name in ("Люнгдал", "Кривий Ріг"):
        html = client.get(pages[name].url).content.decode()
        assert "Люнгдал</a> – <a" in html and "Кривий Ріг</a>" in html
        assert "Солідарність і партнерство" in html  # the agreement's name, in Ukrainian
        assert "Приклад: планшети для шкіл" in html  # its story, in Ukrainian
        assert "Освіта" in html  # the theme, in Ukrainian


def test_theme_falls_back_to_the_source_language(client, index):
    theme = ThemeFactory(name="Vannforsyning", slug="vann-test")
    assert Theme.objects.labels("uk")[theme.pk].name == "Vannforsyning"
    ThemeFactory(
        name="Водопостачання", slug="vann-test", locale__language_code="uk", translation_key=theme.translation_key
    )
    assert Theme.objects.labels("uk")[theme.pk].name == "Водопостачання"
    with translation.override("en"):
        assert Theme.objects.labels()[theme.pk].name == "Vannforsyning"


def test_story_shows_partnership_timeline_and_related_stories(client, demo_site):
    story = StoryPage.objects.live().get(locale__language_code="en", title__startswith="Example: tablets")
    html = client.get(story.url).content.decode()
    assert "notice--example" in html
    assert 'class="timeline__list"' in html and "Letter of intent" not in html.split("timeline__list")[0][-200:]
    assert "Lyngdal</a> – <a" in html
    assert "First contact" in html


def test_partnership_must_pair_norway_and_ukraine(index):
    from django.core.exceptions import ValidationError

    norwegian = PartnerPageFactory(parent=index)
    with pytest.raises(ValidationError):
        Partnership(norwegian_partner=norwegian, ukrainian_partner=norwegian).full_clean()


PARAMETERS = ["theme", "region", "country", "kind", "status", "looking", "page"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    params=st.dictionaries(
        st.sampled_from(PARAMETERS),
        st.one_of(st.text(max_size=30), st.sampled_from(["NO", "UA", "agder", "education", "0", "-1", "999"])),
        max_size=5,
    ),
    where=st.sampled_from(["partners_view", "stories_view"]),
)
def test_any_filter_parameters_give_a_page_never_an_error(client, demo_site, params, where):
    index = PartnershipsIndexPage.objects.get(locale__language_code="nb")
    params = {key: value.replace("\x00", "") for key, value in params.items()}
    assert client.get(index.url + index.reverse_subpage(where), params).status_code == 200


def test_the_agreement_name_is_shown_in_the_readers_language(client, index):
    norwegian = PartnerPageFactory(parent=index, title="Lyngdal", slug="")
    partnership = PartnershipFactory(
        norwegian_partner=norwegian,
        ukrainian_partner=UkrainianPartnerPageFactory(parent=index, slug=""),
        name="Solidaritet og partnerskap",
        name_translations={"uk": "Солідарність"},
    )
    assert partnership.name_in("nb") == "Solidaritet og partnerskap"
    assert partnership.name_in("uk") == "Солідарність"
    assert partnership.name_in("en") == "Solidaritet og partnerskap", "a missing translation falls back to the source"
    html = client.get(norwegian.url).content.decode()
    assert "Solidaritet og partnerskap" in html and "Solidarity and Partnership" not in html


def test_editors_give_the_agreement_name_in_every_language(admin_client, index):
    partnership = PartnershipFactory(
        norwegian_partner=PartnerPageFactory(parent=index, slug=""),
        ukrainian_partner=UkrainianPartnerPageFactory(parent=index, slug=""),
        name="Solidaritet og partnerskap",
    )
    url = f"/admin/snippets/partnerships/partnership/edit/{partnership.pk}/"
    html = admin_client.get(url).content.decode()
    assert 'name="name_uk"' in html and 'name="name_en"' in html
    from wagtail.admin.panels import get_edit_handler

    form_class = get_edit_handler(type(partnership)).get_form_class()
    form = form_class(
        instance=partnership,
        data={
            "norwegian_partner": partnership.norwegian_partner_id,
            "ukrainian_partner": partnership.ukrainian_partner_id,
            "name": "Solidaritet og partnerskap",
            "name_uk": "Солідарність і партнерство",
            "name_en": " Solidarity and Partnership ",
            "status": partnership.status,
        },
    )
    assert form.is_valid(), form.errors
    form.save()
    partnership.refresh_from_db()
    assert partnership.name_translations == {"uk": "Солідарність і партнерство", "en": "Solidarity and Partnership"}
