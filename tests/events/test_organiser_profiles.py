import pytest
from pytest_django.asserts import assertContains

from events.models import Organisation
from partnerships.factories import PartnerPageFactory, PartnershipsIndexPageFactory

from .conftest import translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def embassy_profile(homes):
    """A partner profile, live in nb and uk, that the spring conference's organiser points to:
    {language: profile}."""
    index = PartnershipsIndexPageFactory(parent=homes["nb"], slug="samarbeid")
    profile = PartnerPageFactory(parent=index, title="Ambassaden", slug="ambassaden")
    translate(index, "uk")
    return {"nb": profile, "uk": translate(profile, "uk")}


def test_organisers_link_to_their_partner_profile_in_the_readers_language(client, spring_conference, embassy_profile):
    Organisation.objects.update(partner_page=embassy_profile["nb"], url="https://example.org/org")
    response = client.get(spring_conference["uk"].url)
    assertContains(response, f'<a href="{embassy_profile["uk"].url}">Посольство України в Норвегії</a>', html=True)


def test_organiser_without_profile_keeps_its_own_address(client, spring_conference):
    Organisation.objects.update(partner_page=None, url="https://example.org/org")
    response = client.get(spring_conference["nb"].url)
    assertContains(response, '<a href="https://example.org/org">Ukrainas ambassade i Norge</a>', html=True)
