"""Where each page type may stand in the tree, checked with Wagtail's own page test assertions.

Django TestCases of their own module: one closes the database connection when it ends, which the
module transaction that other modules build their shared pages in (tests/module_data.py) cannot
survive."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from events.models import EventIndexPage, EventPage, RegistrationPage
from home.models import HomePage, StandardPage
from news.models import NewsIndexPage, NewsPage
from partnerships.models import InterestFormPage, PartnerPage, PartnershipsIndexPage, StoryPage


class TestPageTree(WagtailPageTestCase):
    def test_home_page_sits_only_at_the_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_home_page_children(self):
        self.assertAllowedSubpageTypes(HomePage, {StandardPage, EventIndexPage, PartnershipsIndexPage, NewsIndexPage})

    def test_standard_page_parents_and_children(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})


class TestEventTree(WagtailPageTestCase):
    def test_index_lives_under_home_and_holds_events(self):
        self.assertAllowedParentPageTypes(EventIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(EventIndexPage, {EventPage})

    def test_event_lives_under_the_index(self):
        self.assertAllowedParentPageTypes(EventPage, {EventIndexPage})


class TestEventPageTree(WagtailPageTestCase):
    def test_event_holds_only_its_registration_page(self):
        self.assertAllowedSubpageTypes(EventPage, {RegistrationPage})
        self.assertAllowedParentPageTypes(RegistrationPage, {EventPage})


class TestRegistrationTree(WagtailPageTestCase):
    def test_registration_page_lives_under_its_event(self):
        self.assertAllowedParentPageTypes(RegistrationPage, {EventPage})
        self.assertAllowedSubpageTypes(EventPage, {RegistrationPage})
        self.assertAllowedSubpageTypes(RegistrationPage, set())


class TestPartnershipsTree(WagtailPageTestCase):
    def test_index_lives_under_home(self):
        self.assertAllowedParentPageTypes(PartnershipsIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(PartnershipsIndexPage, {PartnerPage, StoryPage, InterestFormPage})
        self.assertAllowedParentPageTypes(InterestFormPage, {PartnershipsIndexPage})
        self.assertAllowedSubpageTypes(InterestFormPage, set())

    def test_partners_and_stories_live_under_the_index_and_have_no_children(self):
        self.assertAllowedParentPageTypes(PartnerPage, {PartnershipsIndexPage})
        self.assertAllowedSubpageTypes(PartnerPage, set())
        self.assertAllowedParentPageTypes(StoryPage, {PartnershipsIndexPage})
        self.assertAllowedSubpageTypes(StoryPage, set())


class TestNewsTree(WagtailPageTestCase):
    def test_news_index_sits_under_the_home_page_and_holds_articles(self):
        self.assertAllowedParentPageTypes(NewsIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(NewsIndexPage, {NewsPage})

    def test_article_sits_under_a_news_index_only_and_has_no_children(self):
        self.assertAllowedParentPageTypes(NewsPage, {NewsIndexPage})
        self.assertAllowedSubpageTypes(NewsPage, set())
