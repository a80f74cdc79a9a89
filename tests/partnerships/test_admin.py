"""Editors create partners, stories and partnerships in the admin."""

import datetime

import pytest

from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from partnerships.factories import PartnerPageFactory, ThemeFactory, UkrainianPartnerPageFactory
from partnerships.models import PartnerPage, Partnership, PartnershipsIndexPage, StoryPage
from tests.roles import sign_in


# The demo comes from the fixture the other demo modules share: loaded once per process and copied
# back in under a second, where loading it here cost half a minute.
@pytest.mark.usefixtures("_demo_site_ids")
class TestPartnershipsInAdmin(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = PartnershipsIndexPage.objects.get(locale__language_code="nb")
        cls.theme = ThemeFactory(name="Vann", slug="vann-admin")

    def setUp(self):
        sign_in(self.client, self.create_test_user())

    def test_editor_creates_a_partner_with_themes(self):
        self.assertCanCreate(
            self.index,
            PartnerPage,
            nested_form_data(
                {
                    "title": "Zhytomyr",
                    "slug": "zhytomyr",
                    "kind": "ua_municipality",
                    "country": "UA",
                    "region": "Zhytomyrska oblast",
                    "summary": "",
                    "description": streamfield([]),
                    "looking_for_partner": "on",
                }
            )
            | {"themes_needed": [self.theme.pk]},
        )
        partner = PartnerPage.objects.get(slug="zhytomyr")
        assert list(partner.themes_needed.all()) == [self.theme]
        assert partner.looking_for_partner

    def test_editor_creates_a_story_with_a_timeline(self):
        partnership = Partnership.objects.first()
        self.assertCanCreate(
            self.index,
            StoryPage,
            nested_form_data(
                {
                    "title": "Vann til skolen",
                    "slug": "vann-til-skolen",
                    "partnership": partnership.pk,
                    "date": "2024-03-01",
                    "summary": "Kort.",
                    "body": streamfield(
                        [
                            ("paragraph", rich_text("<p>Tekst.</p>")),
                            (
                                "timeline",
                                {
                                    "title": "Milepæler",
                                    "milestones": streamfield(
                                        [
                                            (
                                                "item",
                                                {"stage": "first_contact", "date": "", "title": "Møte", "text": ""},
                                            ),
                                        ]
                                    ),
                                },
                            ),
                        ]
                    ),
                }
            )
            | {"themes": [self.theme.pk]},
        )
        story = StoryPage.objects.get(slug="vann-til-skolen")
        assert list(story.themes.all()) == [self.theme]
        assert story.partnership == partnership and story.date == datetime.date(2024, 3, 1)
        assert story.body[1].value["milestones"][0]["title"] == "Møte"
        html = self.client.get(story.url).content.decode()
        assert "timeline__item--first_contact" in html and "First contact" not in html  # nb label: Første kontakt

    def test_partnership_snippet_admin(self):
        norwegian = PartnerPageFactory(parent=self.index, title="Oslo kommune")
        ukrainian = UkrainianPartnerPageFactory(parent=self.index, title="Lviv")
        response = self.client.post(
            "/admin/snippets/partnerships/partnership/add/",
            {
                "norwegian_partner": norwegian.pk,
                "ukrainian_partner": ukrainian.pk,
                "coordinator": "",
                "name": "",
                "status": "letter_of_intent",
                "date_signed": "",
                "themes": [self.theme.pk],
                "agreement_document": "",
            },
        )
        assert response.status_code == 302, response.content.decode()[-3000:]
        partnership = Partnership.objects.get(norwegian_partner=norwegian)
        assert list(partnership.themes.all()) == [self.theme]
        # Swapped partners fail validation instead of saving.
        response = self.client.post(
            "/admin/snippets/partnerships/partnership/add/",
            {"norwegian_partner": ukrainian.pk, "ukrainian_partner": norwegian.pk, "status": "interest"},
        )
        assert response.status_code == 200
        assert not Partnership.objects.filter(norwegian_partner=ukrainian).exists()
        assert self.client.get("/admin/snippets/partnerships/partnership/").status_code == 200
        assert self.client.get("/admin/snippets/partnerships/theme/").status_code == 200
