import pytest


@pytest.fixture
def stories(homes):
    """A story, live in nb, uk and en under a partnerships index: {language: story page}."""
    from home.factories import publish_translation
    from partnerships.factories import PartnershipsIndexPageFactory, StoryPageFactory

    index = PartnershipsIndexPageFactory(parent=homes["nb"], slug="samarbeid")
    story = StoryPageFactory(parent=index, title="Skoler i Lyngdal og Kryvyi Rih", slug="skoler")
    result = {"nb": story}
    for code in ("uk", "en"):
        publish_translation(index, code)
        result[code] = publish_translation(story, code, title={"uk": "Школи", "en": "Schools"}[code])
    return result
