import pytest

pytestmark = pytest.mark.django_db


def test_homes_are_live_in_every_language_at_their_address(client, homes):
    for code, home in homes.items():
        assert home.live and home.locale.language_code == code
        assert client.get(f"/{code}/").status_code == 200
