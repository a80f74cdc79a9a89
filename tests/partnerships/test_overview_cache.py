"""The overview's map, its lists and figures are drawn once per language and kept in the content cache:
with a couple of hundred partners, drawing them was nearly the whole cost of the page. Any published
change draws them again."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Site

from home.factories import SiteSettingsFactory
from partnerships import figures
from partnerships.factories import (
    PartnerPageFactory,
    PartnershipFactory,
    PartnershipsIndexPageFactory,
    UkrainianPartnerPageFactory,
)
from tests.partnerships.test_pages import map_svg, with_class

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(homes):
    """A partnerships index with two partnerships."""
    SiteSettingsFactory(site=Site.objects.get(is_default_site=True))
    index = PartnershipsIndexPageFactory(parent=homes["nb"], title="Testsamarbeid", slug="")
    for _pair in range(2):
        PartnershipFactory(
            norwegian_partner=PartnerPageFactory(parent=index),
            ukrainian_partner=UkrainianPartnerPageFactory(parent=index),
        )
    return index


@pytest.fixture
def overview_url(index):
    return index.subpage_url("overview_view")


@pytest.fixture
def builds(monkeypatch) -> list:
    """Each time the overview's map, lists and figures are built."""
    calls = []
    build = figures.build_overview_summary

    def counted(*args):
        calls.append(args)
        return build(*args)

    monkeypatch.setattr(figures, "build_overview_summary", counted)
    return calls


def partnership_queries(statements) -> list[str]:
    return [sql for sql in statements if '"partnerships_partnership"' in sql or '"partnerships_partnerpage"' in sql]


def test_the_second_showing_of_the_overview_reuses_the_map_without_a_query(client, overview_url, builds):
    first = client.get(overview_url)
    with CaptureQueriesContext(connection) as captured:
        second = client.get(overview_url)
    assert second.status_code == 200
    assert len(builds) == 1
    assert partnership_queries(query["sql"] for query in captured.captured_queries) == []
    assert second.content == first.content
    assert len(with_class(map_svg(second.content.decode()), "partner-map__point")) == 4


def test_a_published_partner_shows_on_the_overview_at_once(client, index, overview_url, builds):
    draft = PartnerPageFactory(parent=index, title="Nyby", live=False)
    html = client.get(overview_url).content.decode()
    assert "Nyby" not in html
    assert client.get(overview_url).content.decode() == html and len(builds) == 1

    draft.save_revision().publish()
    html = client.get(overview_url).content.decode()
    assert len(builds) == 2
    assert "<title>Nyby</title>" in html  # its marker on the map
    assert ">Nyby</a> (Agder)</li>" in html  # and in the map's text alternative
    assert len(with_class(map_svg(html), "partner-map__point")) == 5
