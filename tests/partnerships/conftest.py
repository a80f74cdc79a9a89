import pytest


@pytest.fixture
def forms(homes, themes):
    """The interest form, live in nb, uk and en under a partnerships index, linking a privacy page
    and sending to sekretariat@s2pu.example: {language: form page}."""
    from home.factories import StandardPageFactory, publish_translation
    from partnerships.factories import InterestFormPageFactory, PartnershipsIndexPageFactory

    privacy = StandardPageFactory(parent=homes["nb"], title="Personvern", slug="personvern")
    index = PartnershipsIndexPageFactory(parent=homes["nb"], slug="samarbeid")
    form = InterestFormPageFactory(
        parent=index, slug="meld-interesse", privacy_page=privacy, to_address="sekretariat@s2pu.example"
    )
    result = {"nb": form}
    for code in ("uk", "en"):
        publish_translation(privacy, code)
        publish_translation(index, code)
        result[code] = publish_translation(form, code)
    return result
