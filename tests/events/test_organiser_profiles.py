import pytest

from events.models import EventPage, Organisation

pytestmark = pytest.mark.django_db

EVENT = {"nb": "s2pU Kommunekonferansen 2023", "uk": "Муніципальна конференція s2pU 2023"}


def event_in(language):
    return EventPage.objects.get(locale__language_code=language, title=EVENT[language])


def test_organisers_link_to_their_partner_profile_in_the_readers_language(client, demo_site):
    html = client.get(event_in("uk").url).content.decode()
    organisers = html[html.index('class="organisers"') :]
    organisers = organisers[: organisers.index("</ul>")]
    assert 'href="/uk/spivpratsia/' in organisers, organisers
    assert "Посольство України в Норвегії</a>" in organisers


def test_organiser_without_profile_keeps_its_own_address(client, demo_site):
    Organisation.objects.update(partner_page=None, url="https://example.org/org")
    html = client.get(event_in("nb").url).content.decode()
    assert 'href="https://example.org/org"' in html
