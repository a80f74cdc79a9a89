"""The map and figures and the story timeline: markers that stay apart and keep their category in every
language, organisations counted as organisations, signed partnerships counted by year, and a timeline
that shows each milestone's date and says each label once."""

import datetime
import itertools
import math
import xml.etree.ElementTree as ET
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from pytest_django.asserts import assertInHTML

from django.template.loader import render_to_string

from home.factories import publish_translation as translate
from partnerships import map as partner_map
from partnerships.factories import (
    PartnerPageFactory,
    PartnershipFactory,
    PartnershipsIndexPageFactory,
    StoryPageFactory,
    UkrainianPartnerPageFactory,
)
from partnerships.models import (
    Country,
    PartnerKind,
    PartnerPage,
    PartnershipStatus,
)

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"
OSLO_A = (Decimal("59.9139"), Decimal("10.7522"))
OSLO_B = (Decimal("59.925"), Decimal("10.715"))
# Markers are 5 units in radius (circles; squares of the same area): closer centres overlap.
MARKER_DIAMETER = 10


@pytest.fixture
def index(homes):
    return PartnershipsIndexPageFactory(parent=homes["nb"], title="Testsamarbeid", slug="")


def translated_everywhere(index) -> dict:
    """`index` and its partner pages translated into uk and en: {language: index}."""
    indexes = {"nb": index}
    for code in ("uk", "en"):
        indexes[code] = translate(index, code)
        for partner in PartnerPage.objects.child_of(index):
            translate(partner, code)
    return indexes


def markers(html: str) -> list[dict]:
    """Each partner marker of the map: its title, category and centre."""
    start = html.index('<svg class="partner-map__svg"')
    svg = ET.fromstring(html[start : html.index("</svg>", start) + len("</svg>")])
    found = []
    for element in svg.iter():
        classes = element.get("class", "").split()
        if "partner-map__point" not in classes:
            continue
        category = next(c.removeprefix("partner-map__point--") for c in classes if c.startswith("partner-map__point--"))
        if element.tag == SVG + "circle":
            centre = (float(element.get("cx")), float(element.get("cy")))
        else:
            side = float(element.get("width"))
            centre = (float(element.get("x")) + side / 2, float(element.get("y")) + side / 2)
        found.append({"title": element.find(SVG + "title").text, "category": category, "centre": centre})
    return found


def overview_html(client, index) -> str:
    response = client.get(index.subpage_url("overview_view"))
    assert response.status_code == 200
    return response.content.decode()


def assert_apart(found: list[dict]):
    for a, b in itertools.combinations(found, 2):
        assert math.dist(a["centre"], b["centre"]) >= MARKER_DIAMETER, (a["title"], b["title"])


@pytest.mark.parametrize("count", [2, 3, 5, 8])
def test_markers_at_one_point_are_spread_so_that_none_covers_another(count):
    points = [partner_map.Point(100.0, 100.0, f"P{n}", "no", "/", key=str(n)) for n in range(count)]
    partner_map.spread(points)
    for a, b in itertools.combinations(points, 2):
        assert math.dist((a.x, a.y), (b.x, b.y)) >= MARKER_DIAMETER + 1
    assert all(p.is_offset and (p.anchor_x, p.anchor_y) == (100.0, 100.0) for p in points)


def test_a_marker_alone_stays_where_it_is():
    lone = partner_map.Point(10.0, 10.0, "A", "no", "/", key="a")
    far = partner_map.Point(200.0, 10.0, "B", "ua", "/", key="b")
    partner_map.spread([lone, far])
    assert (lone.x, lone.y, lone.is_offset) == (10.0, 10.0, False)


def test_two_organisations_in_oslo_both_show_on_the_map(client, index):
    ks = PartnerPageFactory(
        parent=index, title="KS", kind=PartnerKind.ORGANISATION, latitude=OSLO_A[0], longitude=OSLO_A[1]
    )
    embassy = PartnerPageFactory(
        parent=index,
        title="Ambassaden",
        kind=PartnerKind.ORGANISATION,
        country=Country.UKRAINE,
        latitude=OSLO_B[0],
        longitude=OSLO_B[1],
    )
    twin = PartnerPageFactory(parent=index, title="Tvilling", latitude=OSLO_A[0], longitude=OSLO_A[1])
    html = overview_html(client, index)
    found = markers(html)
    assert sorted(m["title"] for m in found) == sorted([ks.title, embassy.title, twin.title])
    assert_apart(found)
    # Each moved marker is tied by a line to where the partner really is.
    assert html.count('class="partner-map__leader"') == 3


def test_marker_category_comes_from_the_kind_of_the_source_page(client, index):
    PartnerPageFactory(parent=index, title="Kommunen", kind=PartnerKind.NO_MUNICIPALITY)
    UkrainianPartnerPageFactory(parent=index, title="Hromadaen")
    PartnerPageFactory(
        parent=index,
        title="Ambassaden",
        kind=PartnerKind.ORGANISATION,
        country=Country.UKRAINE,
        latitude=OSLO_B[0],
        longitude=OSLO_B[1],
    )
    PartnerPageFactory(parent=index, title="Bedriften", kind=PartnerKind.BUSINESS, country=Country.UKRAINE)
    expected = {"Kommunen": "no", "Hromadaen": "ua", "Ambassaden": "organisation", "Bedriften": "organisation"}
    nb = {m["title"]: m["category"] for m in markers(overview_html(client, index))}
    assert nb == expected

    uk_index = translate(index, "uk")
    for partner in PartnerPage.objects.child_of(index):
        copy = translate(partner, "uk")
        copy.title = f"{partner.title} (uk)"
        # A translation out of step with its source must not draw the partner differently.
        copy.kind = PartnerKind.UA_MUNICIPALITY
        copy.save_revision().publish()
    uk = {m["title"]: m["category"] for m in markers(overview_html(client, uk_index))}
    assert uk == {f"{title} (uk)": category for title, category in expected.items()}


class Lists(HTMLParser):
    """The text of each heading of the "partners on the map" lists, with the names listed under it."""

    def __init__(self, html):
        super().__init__()
        self.groups: dict[str, list[str]] = {}
        self._heading = None
        self._in = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        classes = dict(attrs).get("class", "") or ""
        if tag == "h4" and "map-partners__heading" in classes:
            self._in, self._heading = "heading", ""
        elif tag == "a" and self._heading is not None and self._in is None:
            self._in = "name"
            self.groups[self._heading].append("")

    def handle_endtag(self, tag):
        if tag == "h4" and self._in == "heading":
            self._heading = self._heading.strip()
            self.groups[self._heading] = []
            self._in = None
        elif tag == "a" and self._in == "name":
            self._in = None

    def handle_data(self, data):
        if self._in == "heading":
            self._heading += data
        elif self._in == "name":
            self.groups[self._heading][-1] += data


def test_organisations_are_listed_as_organisations_not_as_municipalities(client, index):
    PartnerPageFactory(parent=index, title="Kommunen", kind=PartnerKind.NO_MUNICIPALITY)
    UkrainianPartnerPageFactory(parent=index, title="Hromadaen")
    PartnerPageFactory(
        parent=index,
        title="Ambassaden",
        kind=PartnerKind.ORGANISATION,
        country=Country.UKRAINE,
        latitude=OSLO_B[0],
        longitude=OSLO_B[1],
    )
    html = overview_html(client, index)
    start = html.index('<div class="map-partners">')
    groups = Lists(html[start : html.index("</section>", start)]).groups
    assert groups == {
        "Norske kommuner og fylkeskommuner (1)": ["Kommunen"],
        "Ukrainske kommuner (hromadaer) og oblaster (1)": ["Hromadaen"],
        "Organisasjoner og bedrifter (1)": ["Ambassaden"],
    }


def chart_rows(html: str, chart_id: str) -> list[tuple[str, str]]:
    start = html.index(f'id="{chart_id}"')
    figure = html[start : html.index("</figure>", start)]
    if "<tbody>" not in figure:
        return []
    body = figure[figure.index("<tbody>") : figure.index("</tbody>")]

    class Rows(HTMLParser):
        def __init__(self):
            super().__init__()
            self.rows, self._cell = [], None

        def handle_starttag(self, tag, attrs):
            if tag == "tr":
                self.rows.append([])
            elif tag in ("th", "td"):
                self._cell = ""

        def handle_endtag(self, tag):
            if tag in ("th", "td"):
                self.rows[-1].append(self._cell.strip())
                self._cell = None

        def handle_data(self, data):
            if self._cell is not None:
                self._cell += data

    parser = Rows()
    parser.feed(body)
    return [tuple(row) for row in parser.rows]


def test_signed_partnerships_count_by_year_also_without_a_date(client, index):
    def pair(**fields):
        return PartnershipFactory(
            norwegian_partner=PartnerPageFactory(parent=index),
            ukrainian_partner=UkrainianPartnerPageFactory(parent=index),
            **fields,
        )

    pair(status=PartnershipStatus.AGREEMENT_SIGNED, date_signed=None)
    pair(status=PartnershipStatus.ACTIVE, date_signed=None)
    pair(status=PartnershipStatus.ACTIVE, date_signed=datetime.date(2023, 5, 1))
    pair(status=PartnershipStatus.ENDED, date_signed=datetime.date(2022, 9, 1))
    pair(status=PartnershipStatus.INTEREST, date_signed=None)
    pair(status=PartnershipStatus.LETTER_OF_INTENT, date_signed=None)
    html = overview_html(client, index)
    assert chart_rows(html, "chart-year") == [("2022", "1"), ("2023", "1"), ("Dato ikke registrert", "2")]


def test_signed_partnerships_are_counted_alike_in_every_language(client, index):
    for date_signed in (None, datetime.date(2023, 5, 1)):
        PartnershipFactory(
            norwegian_partner=PartnerPageFactory(parent=index),
            ukrainian_partner=UkrainianPartnerPageFactory(parent=index),
            status=PartnershipStatus.AGREEMENT_SIGNED,
            date_signed=date_signed,
        )
    indexes = translated_everywhere(index)
    assert set(indexes) == {"nb", "uk", "en"}
    for code, translated_index in indexes.items():
        counts = [count for _label, count in chart_rows(overview_html(client, translated_index), "chart-year")]
        assert counts == ["1", "1"], code


def test_map_markers_stay_apart_with_the_same_category_in_every_language(client, index):
    for title in ("KS", "Tvilling"):  # both at one point in Oslo
        PartnerPageFactory(
            parent=index, title=title, kind=PartnerKind.ORGANISATION, latitude=OSLO_A[0], longitude=OSLO_A[1]
        )
    PartnerPageFactory(parent=index, title="Nabo", latitude=OSLO_B[0], longitude=OSLO_B[1])
    UkrainianPartnerPageFactory(parent=index, title="Hromadaen")
    by_language = {}
    for code, translated_index in translated_everywhere(index).items():
        found = markers(overview_html(client, translated_index))
        assert len(found) == 4, code
        assert_apart(found)
        by_language[code] = sorted((m["centre"], m["category"]) for m in found)
    assert by_language["nb"] == by_language["uk"] == by_language["en"]


def clusters(html: str) -> list[dict]:
    """Each numbered marker of the map: its number, title and centre."""
    start = html.index('<svg class="partner-map__svg"')
    svg = ET.fromstring(html[start : html.index("</svg>", start) + len("</svg>")])
    return [
        {
            "count": int(group.find(SVG + "text").text),
            "title": group.find(SVG + "title").text,
            "centre": (float(group.find(SVG + "circle").get("cx")), float(group.find(SVG + "circle").get("cy"))),
        }
        for group in svg.iter(SVG + "g")
        if group.get("class") == "partner-map__cluster"
    ]


def test_many_partners_close_together_show_as_one_numbered_marker_in_every_language(client, index):
    """A ring of markers grows with its members (a hundred would cover half of Norway, and weigh a
    title each on the front page): from CLUSTER_FROM on, one numbered marker stands for them."""
    many = partner_map.CLUSTER_FROM + 2
    ukrainian = UkrainianPartnerPageFactory(parent=index, title="Hromadaen")
    for n in range(many):
        partner = PartnerPageFactory(parent=index, title=f"Kommune {n:02}", latitude=OSLO_A[0], longitude=OSLO_A[1])
        PartnershipFactory(norwegian_partner=partner, ukrainian_partner=ukrainian, status=PartnershipStatus.ACTIVE)
    PartnerPageFactory(parent=index, title="Nabo", latitude=Decimal("63.43"), longitude=Decimal("10.39"))
    indexes = translated_everywhere(index)
    assert set(indexes) == {"nb", "uk", "en"}
    for code, translated_index in indexes.items():
        html = overview_html(client, translated_index)
        (numbered,) = clusters(html)
        assert numbered["count"] == many, code
        assert numbered["title"].count("Kommune") == partner_map.CLUSTER_NAMES, code
        assert str(many - partner_map.CLUSTER_NAMES) in numbered["title"], code
        assert len(markers(html)) == 2, code
        # The partnerships between the numbered marker and the hromada share one line.
        assert html.count('class="partner-map__link partner-map__link--active"') == 1, code
        assert "legend--cluster" in html


def test_fewer_partners_close_together_are_spread_not_numbered():
    near = [
        type("Partner", (), {"longitude": OSLO_A[1], "latitude": OSLO_A[0], "title": f"P{n}", "kind": "no_municipality",
                             "url": "/", "translation_key": n})()
        for n in range(partner_map.CLUSTER_FROM - 1)
    ]  # fmt: skip
    drawn = partner_map.build_map(near, [])
    assert drawn["clusters"] == []
    assert len(drawn["points"]) == partner_map.CLUSTER_FROM - 1
    assert all(point.is_offset for point in drawn["points"])
    html = render_to_string("components/partnerships/map.html", {"map": drawn})
    assert "partner-map__cluster" not in html and "legend--cluster" not in html


def timeline_story(index, milestones):
    story = StoryPageFactory(parent=index, title="Tidslinje")
    story.body = [("timeline", {"title": "Milepæler", "milestones": milestones})]
    story.save_revision().publish()
    return story


def timeline_items(html: str) -> list[str]:
    """The text of each milestone, whitespace collapsed."""
    start = html.index('class="timeline__list"')
    items = html[start : html.index("</ol>", start)].split('<li class="timeline__item')[1:]

    class Text(HTMLParser):
        def __init__(self):
            super().__init__()
            self.text = ""

        def handle_data(self, data):
            self.text += data

    texts = []
    for item in items:
        parser = Text()
        parser.feed('<li class="' + item)
        texts.append(" ".join(parser.text.split()))
    return texts


def test_timeline_shows_each_date_and_each_label_once(client, index):
    story = timeline_story(
        index,
        [
            {"stage": "first_contact", "date": datetime.date(2022, 6, 14), "title": "Første kontakt", "text": ""},
            {"stage": "agreement", "date": datetime.date(2023, 1, 25), "title": "Avtalen i rådhuset", "text": ""},
            {"stage": "other", "date": None, "title": "Besøk", "text": ""},
        ],
    )
    html = client.get(story.url).content.decode()
    assert timeline_items(html) == [
        "14. juni 2022 Første kontakt",
        "25. januar 2023 · Avtale Avtalen i rådhuset",
        "Besøk",
    ]
    assertInHTML('<time datetime="2022-06-14">14. juni 2022</time>', html)

    # Untranslated titles in the Ukrainian copy: the stage label (in Ukrainian) now says something new.
    translate(index, "uk")
    uk_html = client.get(translate(story, "uk").url).content.decode()
    assert timeline_items(uk_html)[:2] == [
        "14 червня 2022 · Перший контакт Første kontakt",
        "25 січня 2023 · Угода Avtalen i rådhuset",
    ]
