import pytest

pytestmark = pytest.mark.django_db


def test_homes_are_one_per_language(homes):
    assert set(homes) == {"nb", "uk", "en"}


@pytest.mark.parametrize("code", ["nb", "uk", "en"])
def test_homes_are_live_in_every_language_at_their_address(client, homes, code):
    home = homes[code]
    assert home.live and home.locale.language_code == code
    assert client.get(f"/{code}/").status_code == 200
