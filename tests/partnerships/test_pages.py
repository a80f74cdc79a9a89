"""Partner and story pages: tree rules, filters, query counts, open data, the map and three languages."""

import csv
import io
import json
import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pytest_django.asserts import assertContains, assertInHTML

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from wagtail.models import Site

from home.factories import SiteSettingsFactory
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
    PartnerKind,
    PartnerPage,
    Partnership,
    PartnershipStatus,
    Theme,
)
from privacy.exports import neutralise
from tests.events.conftest import translate
from tests.partnerships.test_map_and_timeline import chart_rows
from tests.performance import capture

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(homes):
    # Saved up front: the first request would create the site's settings, and that save empties the
    # navigation cache in the middle of a query count.
    SiteSettingsFactory(site=Site.objects.get(is_default_site=True))
    return PartnershipsIndexPageFactory(parent=homes["nb"], title="Testsamarbeid", slug="")


def translate_titled(page, code, **fields):
    """A live translation of `page` in `code` with the texts a translator wrote."""
    copy = translate(page, code)
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save_revision().publish()
    copy.refresh_from_db()  # the slug follows the translated title
    return copy


@pytest.fixture
def agreement(index):
    """Lyngdal and Kryvyi Rih in a named agreement on education, with a story about it; the index,
    partners, story and theme translated into uk and en:
    {"partnership": …, language: {"index": …, "norwegian": …, "ukrainian": …, "story": …}}."""
    education = ThemeFactory(name="Utdanning", slug="utdanning")
    ThemeFactory(name="Освіта", slug="utdanning", locale__language_code="uk", translation_key=education.translation_key)
    norwegian = PartnerPageFactory(parent=index, title="Lyngdal", region="Agder", slug="")
    ukrainian = UkrainianPartnerPageFactory(parent=index, title="Kryvyi Rih", region="Dnipropetrovsk oblast", slug="")
    partnership = PartnershipFactory(
        norwegian_partner=norwegian,
        ukrainian_partner=ukrainian,
        name="Solidaritet og partnerskap",
        name_translations={"uk": "Солідарність і партнерство", "en": "Solidarity and Partnership"},
    )
    partnership.themes.set([education])
    story = StoryPageFactory(parent=index, title="Nettbrett til skolene", partnership=partnership, slug="")
    result = {"partnership": partnership, "nb": {"index": index, "norwegian": norwegian, "ukrainian": ukrainian}}
    result["nb"]["story"] = story
    texts = {
        "uk": {"norwegian": "Люнгдал", "ukrainian": "Кривий Ріг", "story": "Планшети для шкіл"},
        "en": {"norwegian": "Lyngdal", "ukrainian": "Kryvyi Rih", "story": "Tablets for the schools"},
    }
    regions = {"uk": "Дніпропетровська область", "en": "Dnipropetrovsk Oblast"}
    for code, titles in texts.items():
        result[code] = {"index": translate(index, code)}
        result[code]["norwegian"] = translate_titled(norwegian, code, title=titles["norwegian"])
        result[code]["ukrainian"] = translate_titled(ukrainian, code, title=titles["ukrainian"], region=regions[code])
        result[code]["story"] = translate_titled(story, code, title=titles["story"])
    return result


def data_url(index, name, fmt):
    return index.url + index.reverse_subpage(f"{name}_data_view", args=[fmt])


def listed(html: str, css_class: str) -> list[str]:
    return re.findall(rf'<h3 class="{css_class}"><a href="[^"]*">([^<]+)</a>', html)


@pytest.fixture
def filterable_partners(index):
    """Oslo (offers energy), Agder fylke (a county) and Kyiv (needs energy, looking for a partner), with
    Oslo and Kyiv in an active partnership."""
    energy = ThemeFactory(name="Energi", slug="energi-test")
    oslo = PartnerPageFactory(parent=index, title="Oslo", region="Oslo", kind=PartnerKind.NO_MUNICIPALITY)
    oslo.themes_offered.set([energy])
    oslo.save_revision().publish()
    PartnerPageFactory(parent=index, title="Agder fylke", region="Agder", kind=PartnerKind.NO_COUNTY)
    kyiv = UkrainianPartnerPageFactory(parent=index, title="Kyiv", region="Kyiv", looking_for_partner=True)
    kyiv.themes_needed.set([energy])
    kyiv.save_revision().publish()
    PartnershipFactory(norwegian_partner=oslo, ukrainian_partner=kyiv, status=PartnershipStatus.ACTIVE)
    return index


@pytest.mark.parametrize(
    ("params", "names"),
    [
        ({}, ["Agder fylke", "Kyiv", "Oslo"]),
        ({"theme": "energi-test"}, ["Kyiv", "Oslo"]),
        ({"region": "Agder"}, ["Agder fylke"]),
        ({"country": Country.UKRAINE}, ["Kyiv"]),
        ({"kind": PartnerKind.NO_COUNTY}, ["Agder fylke"]),
        ({"looking": "on"}, ["Kyiv"]),
        ({"status": PartnershipStatus.ACTIVE}, ["Kyiv", "Oslo"]),
        ({"status": PartnershipStatus.ENDED}, []),
        ({"theme": "energi-test", "country": Country.NORWAY}, ["Oslo"]),
        ({"country": "ZZ", "kind": PartnerKind.NO_COUNTY}, ["Agder fylke"]),  # an unknown value drops that filter
    ],
)
def test_partner_filters_work_without_javascript(client, filterable_partners, params, names):
    response = client.get(filterable_partners.url, params)
    assert response.status_code == 200
    assert sorted(listed(response.content.decode(), "partner-card__title")) == names


def test_partner_filter_form_is_a_get_form_showing_the_chosen_values(client, filterable_partners):
    html = client.get(filterable_partners.url, {"region": "Agder"}).content.decode()
    assert re.search(r'<form[^>]* method="get"', html)
    assertInHTML('<option value="Agder" selected>Agder</option>', html)


@pytest.fixture
def filterable_stories(index):
    """Two stories: «Nettbrett til skolene» (education, from an active partnership with a hromada in
    Kyivska oblast) and «Uten partnerskap»."""
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
    return index


@pytest.mark.parametrize(
    ("params", "titles"),
    [
        ({}, ["Nettbrett til skolene", "Uten partnerskap"]),
        ({"theme": "skole-test"}, ["Nettbrett til skolene"]),
        ({"status": PartnershipStatus.ACTIVE}, ["Nettbrett til skolene"]),
        ({"status": PartnershipStatus.ENDED}, []),
        ({"region": "Kyivska oblast"}, ["Nettbrett til skolene"]),
    ],
)
def test_story_filters(client, filterable_stories, params, titles):
    html = client.get(filterable_stories.subpage_url("stories_view"), params).content.decode()
    assert sorted(listed(html, "story-card__title")) == titles


@pytest.mark.parametrize("view", ["partners_view", "stories_view"])
def test_an_unfiltered_list_draws_its_filter_form_once_and_offers_a_new_theme_at_once(client, filterable_stories, view):
    url = filterable_stories.subpage_url(view)
    form_template = "components/partnerships/filter_form.html"
    first = client.get(url)
    assert form_template in [t.name for t in first.templates]
    again = client.get(url, {"page": "1"})
    assert form_template not in [t.name for t in again.templates]
    assert again.content == first.content
    # A filtered list draws its own form, with the choice selected.
    filtered = client.get(url, {"theme": "skole-test"}).content.decode()
    assertInHTML('<option value="skole-test" selected>Skole</option>', filtered)
    # A saved theme empties the cache: the next visitor is offered it.
    ThemeFactory(name="Helse", slug="helse-test")
    assertInHTML('<option value="helse-test">Helse</option>', client.get(url).content.decode())


@pytest.fixture
def two_pages_of_partners(index):
    from partnerships import views

    for n in range(views.PARTNERS_PER_PAGE + 2):
        PartnerPageFactory(parent=index, title=f"Kommune {n:02d}", region="Agder")
    return index


def test_partner_list_is_paginated(client, two_pages_of_partners):
    from partnerships import views

    first = client.get(two_pages_of_partners.url, {"region": "Agder"}).content.decode()
    second = client.get(two_pages_of_partners.url, {"region": "Agder", "page": 2}).content.decode()
    assert len(listed(first, "partner-card__title")) == views.PARTNERS_PER_PAGE
    assert len(listed(second, "partner-card__title")) == 2


def test_the_next_page_link_keeps_the_filters(client, two_pages_of_partners):
    html = client.get(two_pages_of_partners.url, {"region": "Agder"}).content.decode()
    assertInHTML('<a href="?region=Agder&amp;page=2" rel="next">Neste side</a>', html)


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


@pytest.fixture
def formula_like_partners(index):
    """A partnership whose partners' names and region start like spreadsheet formulas."""
    evil = PartnerPageFactory(parent=index, title='=HYPERLINK("http://evil")', region="+Agder")
    other = UkrainianPartnerPageFactory(parent=index, title="@Kyiv")
    PartnershipFactory(norwegian_partner=evil, ukrainian_partner=other)
    return index


def test_partners_as_json_keep_the_names_as_written(client, formula_like_partners):
    response = client.get(data_url(formula_like_partners, "partners", "json"))
    assert response["Content-Type"].startswith("application/json")
    rows = json.loads(response.content)["results"]
    assert {row["name"] for row in rows} == {'=HYPERLINK("http://evil")', "@Kyiv"}
    assert {row["country"] for row in rows} == {"NO", "UA"}


def test_partners_as_csv_are_a_download_no_spreadsheet_runs_as_formulas(client, formula_like_partners):
    response = client.get(data_url(formula_like_partners, "partners", "csv"))
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    table = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert {row["name"] for row in table} == {'\'=HYPERLINK("http://evil")', "'@Kyiv"}
    assert {row["region"] for row in table} >= {"'+Agder"}


def test_partnerships_as_json_name_both_partners(client, formula_like_partners):
    partnerships = json.loads(client.get(data_url(formula_like_partners, "partnerships", "json")).content)["results"]
    assert [(p["norwegian_partner"], p["ukrainian_partner"]) for p in partnerships] == [
        ('=HYPERLINK("http://evil")', "@Kyiv")
    ]


def test_partnerships_as_csv_give_the_status_and_neutralise_formulas(client, formula_like_partners):
    response = client.get(data_url(formula_like_partners, "partnerships", "csv"))
    table = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert table[0]["status"] == PartnershipStatus.AGREEMENT_SIGNED
    assert table[0]["norwegian_partner"].startswith("'=")


def test_open_data_in_an_unknown_format_is_not_found(client, index):
    assert client.get(data_url(index, "partners", "xml")).status_code == 404


@pytest.mark.parametrize(
    ("value", "expected"),
    [("=1+1", "'=1+1"), ("+47", "'+47"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"), ("Oslo", "Oslo"), (5, "5")],
)
def test_neutralise(value, expected):
    assert neutralise(value) == expected


def map_svg(html: str) -> ET.Element:
    start = html.index('<svg class="partner-map__svg"')
    return ET.fromstring(html[start : html.index("</svg>", start) + len("</svg>")])


def with_class(svg: ET.Element, css_class: str) -> list[ET.Element]:
    return [element for element in svg.iter() if css_class in element.get("class", "").split()]


@pytest.fixture
def english_overview(client, agreement) -> str:
    """The English map and figures, with a second partnership beside the agreement."""
    index = agreement["nb"]["index"]
    PartnershipFactory(
        norwegian_partner=translate(PartnerPageFactory(parent=index, title="Sokndal", slug=""), "en"),
        ukrainian_partner=translate(UkrainianPartnerPageFactory(parent=index, title="Zhytomyr", slug=""), "en"),
    )
    response = client.get(agreement["en"]["index"].subpage_url("overview_view"))
    assert response.status_code == 200
    return response.content.decode()


def test_map_is_an_image_labelled_by_its_heading_and_description(english_overview):
    svg = map_svg(english_overview)
    assert (svg.get("role"), svg.get("aria-labelledby")) == ("img", "map-heading map-description")
    assertInHTML('<h2 id="map-heading">Map of partners and partnerships</h2>', english_overview)
    assertInHTML(
        '<desc id="map-description">Norway and Ukraine with a marker for each partner and a line for each partnership. '
        "The lists below the map give the same information.</desc>",
        english_overview,
    )


def test_map_draws_a_line_per_partnership(english_overview):
    assert len(with_class(map_svg(english_overview), "partner-map__link")) == Partnership.objects.count() == 2


def test_map_draws_a_point_per_partner_with_coordinates(english_overview):
    assert len(with_class(map_svg(english_overview), "partner-map__point")) == 4


def test_map_needs_no_inline_styles_or_scripts(english_overview):
    assert "style=" not in english_overview and "<script>" not in english_overview


def test_map_lists_each_partnership_in_the_readers_language(english_overview, agreement):
    en = agreement["en"]
    assertInHTML(
        f'<li><a href="{en["norwegian"].url}">Lyngdal</a> (Agder) – <a href="{en["ukrainian"].url}">Kryvyi Rih</a> '
        "(Dnipropetrovsk Oblast): Agreement signed</li>",
        english_overview,
    )


def test_map_coordinates_never_have_a_decimal_comma(client, agreement):
    """Norwegian writes decimals with a comma; SVG coordinates must not."""
    html = client.get(agreement["nb"]["index"].subpage_url("overview_view")).content.decode()
    assert re.search(r'(cx|cy|x1|y1|x2|y2|width)="[^"]*,', html) is None


@pytest.mark.parametrize("code", ["nb", "uk", "en"])
def test_every_partnership_page_renders_in_each_language(client, agreement, code):
    pages = agreement[code]
    index = pages["index"]
    urls = [index.url, index.subpage_url("stories_view"), index.subpage_url("overview_view")]
    urls += [pages[key].url for key in ("norwegian", "ukrainian", "story")]
    responses = {url: client.get(url) for url in urls}
    assert {url: response.status_code for url, response in responses.items()} == dict.fromkeys(urls, 200)
    assert [url for url, response in responses.items() if f'<html lang="{code}"' not in response.content.decode()] == []


@pytest.mark.parametrize("code", ["nb", "uk", "en"])
def test_partnership_pages_neither_group_pages_nor_read_rows_they_do_not_show(client, agreement, code):
    """Counting comments with a COUNT over a join grouped the story list by every selected column, and
    selecting each partnership's partner rows, which only their localized pages replace, tripled the
    columns: compiling those queries was a good part of the pages' CPU."""
    pages = agreement[code]
    urls = [pages["index"].subpage_url("stories_view")] + [pages[key].url for key in ("norwegian", "story")]
    for url in urls:
        response, statements = capture(client, url)
        assert response.status_code == 200, url
        for sql in statements:
            # A subquery may group by the page it counts for, not a list by all its columns.
            for grouped in re.findall(r"GROUP BY ((?:\w*\.?\"\w+\"(?:, )?)+)", sql):
                assert grouped.count(",") < 3, (url, sql)
            # One partner's columns at most: the page itself, or the localized partners.
            assert sql.partition(" FROM ")[0].count('"latitude"') <= 1, (url, sql)
        # Only the story shown reads its body; the stories named around it are titles and links. (Wagtail's
        # routing loads the language's home page whole, body included, to route through it.)
        bodies = [
            sql for sql in statements if '"body"' in sql.partition(" FROM ")[0] and 'FROM "home_homepage"' not in sql
        ]
        assert len(bodies) <= (1 if url == pages["story"].url else 0), (url, bodies)


@pytest.fixture(params=["norwegian", "ukrainian"])
def ukrainian_partner_page(request, client, agreement) -> str:
    """The Ukrainian page of each partner of the agreement."""
    response = client.get(agreement["uk"][request.param].url)
    assert response.status_code == 200
    return response.content.decode()


def test_partner_page_shows_the_partnership_with_both_partners_in_the_readers_language(
    ukrainian_partner_page, agreement
):
    uk = agreement["uk"]
    assertInHTML(
        f'<h3 id="partnership-{agreement["partnership"].pk}" class="partnership-card__title">'
        f'<a href="{uk["norwegian"].url}">Люнгдал</a> – <a href="{uk["ukrainian"].url}">Кривий Ріг</a></h3>',
        ukrainian_partner_page,
    )


def test_partner_page_names_the_agreement_in_the_readers_language(ukrainian_partner_page):
    assertInHTML("<div><dt>Угода</dt><dd>Солідарність і партнерство</dd></div>", ukrainian_partner_page)


def test_partner_page_links_the_partnerships_story_in_the_readers_language(ukrainian_partner_page, agreement):
    assertInHTML(f'<li><a href="{agreement["uk"]["story"].url}">Планшети для шкіл</a></li>', ukrainian_partner_page)


def test_partner_page_names_the_partnerships_themes_in_the_readers_language(ukrainian_partner_page):
    assertInHTML("<div><dt>Теми</dt><dd>Освіта</dd></div>", ukrainian_partner_page)


def test_theme_falls_back_to_the_source_language(client, index):
    theme = ThemeFactory(name="Vannforsyning", slug="vann-test")
    assert Theme.objects.labels("uk")[theme.pk].name == "Vannforsyning"
    ThemeFactory(
        name="Водопостачання", slug="vann-test", locale__language_code="uk", translation_key=theme.translation_key
    )
    assert Theme.objects.labels("uk")[theme.pk].name == "Водопостачання"
    with translation.override("en"):
        assert Theme.objects.labels()[theme.pk].name == "Vannforsyning"


def test_example_story_carries_the_example_notice(client, index):
    story = StoryPageFactory(parent=index, is_example_content=True)
    assertContains(
        client.get(story.url),
        '<div class="notice notice--example" role="note"><details class="notice__details">'
        "<summary><strong>Eksempelinnhold</strong></summary>"
        "<p>Denne teksten viser hvordan nettstedet fungerer, og er ikke en virkelig uttalelse eller hendelse.</p>"
        "</details></div>",
        html=True,
    )


def test_story_shows_its_partnership(client, agreement):
    en = agreement["en"]
    assertContains(
        client.get(en["story"].url),
        f'<h3 id="partnership-{agreement["partnership"].pk}" class="partnership-card__title">'
        f'<a href="{en["norwegian"].url}">Lyngdal</a> – <a href="{en["ukrainian"].url}">Kryvyi Rih</a></h3>',
        html=True,
    )


def test_story_timeline_names_the_stage_of_a_milestone(client, index):
    story = StoryPageFactory(parent=index)
    story.body = [
        (
            "timeline",
            {"title": "", "milestones": [{"stage": "first_contact", "date": None, "title": "Møte", "text": ""}]},
        )
    ]
    story.save_revision().publish()
    assertContains(client.get(story.url), '<p class="timeline__stage">Første kontakt</p>', html=True)


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
def test_any_filter_parameters_give_a_page_never_an_error(client, agreement, params, where):
    index = agreement["nb"]["index"]
    params = {key: value.replace("\x00", "") for key, value in params.items()}
    assert client.get(index.url + index.reverse_subpage(where), params).status_code == 200


@pytest.fixture
def named_partnership(index):
    return PartnershipFactory(
        norwegian_partner=PartnerPageFactory(parent=index, title="Lyngdal", slug=""),
        ukrainian_partner=UkrainianPartnerPageFactory(parent=index, slug=""),
        name="Solidaritet og partnerskap",
        name_translations={"uk": "Солідарність"},
    )


@pytest.mark.parametrize(
    ("language", "name"),
    [("nb", "Solidaritet og partnerskap"), ("uk", "Солідарність"), ("en", "Solidaritet og partnerskap")],
    ids=["source", "translated", "missing-translation-falls-back-to-the-source"],
)
def test_the_agreement_name_in_a_language(named_partnership, language, name):
    assert named_partnership.name_in(language) == name


def test_the_partner_page_names_the_agreement_in_the_readers_language(client, named_partnership):
    html = client.get(named_partnership.norwegian_partner.url).content.decode()
    assertInHTML("<div><dt>Avtale</dt><dd>Solidaritet og partnerskap</dd></div>", html)


def test_the_partnership_editor_has_a_name_box_per_translation(admin_client, named_partnership):
    response = admin_client.get(f"/admin/snippets/partnerships/partnership/edit/{named_partnership.pk}/")
    html = response.content.decode()
    assert re.search(r'<input[^>]* name="name_uk"', html) and re.search(r'<input[^>]* name="name_en"', html)


def test_editors_give_the_agreement_name_in_every_language(named_partnership):
    from wagtail.admin.panels import get_edit_handler

    partnership = named_partnership
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


@pytest.fixture
def three_partnerships_two_a_page(index, monkeypatch):
    from partnerships import views

    monkeypatch.setattr(views, "OVERVIEW_PARTNERSHIPS_PER_PAGE", 2)
    add_pairs(index, 3, ThemeFactory())
    return index.subpage_url("overview_view")


def overview_items(html: str) -> list[str]:
    start = html.index('<ul class="partnership-list"')
    return re.findall(r"<li>", html[start : html.index("</ul>", start)])


def test_overview_lists_partnerships_a_page_at_a_time_and_counts_them_all(client, three_partnerships_two_a_page):
    from partnerships import views

    assert views.OVERVIEW_PARTNERSHIPS_PER_PAGE <= 50
    url = three_partnerships_two_a_page
    first = client.get(url).content.decode()
    second = client.get(url, {"page": 2}).content.decode()
    assert (len(overview_items(first)), len(overview_items(second))) == (2, 1)
    assertInHTML('<a href="?page=2" rel="next">Neste side</a>', first)
    for html in (first, second):
        assert len(with_class(map_svg(html), "partner-map__link")) == 3
        assert sum(int(count) for _label, count in chart_rows(html, "chart-status")) == 3


@pytest.mark.parametrize(("page", "items"), [("abc", 2), ("99", 1)])
def test_overview_page_that_is_not_there_is_the_first_or_the_last(client, three_partnerships_two_a_page, page, items):
    response = client.get(three_partnerships_two_a_page, {"page": page})
    assert response.status_code == 200
    assert len(overview_items(response.content.decode())) == items


def test_overview_query_count_is_the_same_on_a_later_page(client, three_partnerships_two_a_page):
    url = three_partnerships_two_a_page
    assert queries_for(client, url + "?page=2") == queries_for(client, url)
