import datetime

import pytest

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from events.factories import EventDayFactory, EventIndexPageFactory, EventPageFactory
from events.models import EventIndexPage, EventPage
from home.models import HomePage


class TestEventTree(WagtailPageTestCase):
    def test_index_lives_under_home_and_holds_events(self):
        self.assertAllowedParentPageTypes(EventIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(EventIndexPage, {EventPage})

    def test_event_lives_under_the_index(self):
        self.assertAllowedParentPageTypes(EventPage, {EventIndexPage})


@pytest.mark.django_db
def test_index_lists_upcoming_and_past_events_in_its_language(client, demo_site):
    index = EventIndexPageFactory(parent=demo_site["nb"]["home"], title="Arrangementer", slug="")
    past = EventPageFactory(parent=index, title="Kommunekonferansen 2023")
    soon = datetime.date.today() + datetime.timedelta(days=30)
    upcoming = EventPageFactory(parent=index, title="Neste konferanse", start_date=soon, end_date=soon)
    for event in (past, upcoming):
        EventDayFactory(page=event)
    html = client.get(index.url).content.decode()
    assert html.index("Neste konferanse") < html.index("Kommunekonferansen 2023")
    assert client.get(past.url).status_code == 200


@pytest.mark.django_db
def test_index_query_count_does_not_grow_with_events(client, demo_site, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    index = EventIndexPageFactory(parent=demo_site["nb"]["home"], title="Arrangementer", slug="")

    def count():
        client.get(index.url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(index.url).status_code == 200
        return len(captured)

    EventPageFactory(parent=index)
    few = count()
    for _ in range(8):
        EventPageFactory(parent=index)
    assert count() == few
    assert Page.objects.type(EventPage).count() == 9
