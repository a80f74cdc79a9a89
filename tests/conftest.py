import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _reset_language():
    """Keep one test's active language from leaking into the next."""
    yield
    translation.activate("nb")
    translation.deactivate()


@pytest.fixture
def demo_site(db):
    """The whole demo tree in nb, uk and en, as `make run` builds it."""
    from home import demo

    return demo.load()
