import pytest

from tests.module_data import build_for_module, for_this_test


def build_forms(homes, themes):
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


@pytest.fixture(scope="module")
def _module_forms(request, django_db_blocker, _module_homes, _module_themes):
    return build_for_module(request, django_db_blocker, build_forms, _module_homes, _module_themes)


@pytest.fixture
def forms(_module_forms, homes, themes):
    """The interest form, live in nb, uk and en under a partnerships index, linking a privacy page
    and sending to sekretariat@s2pu.example: {language: form page}."""
    return for_this_test(_module_forms, build_forms, homes, themes)
