"""The error pages: 404 in the language of the address, 500 static and in every language."""

import pytest

from django.template import Context, engines
from django.test import Client, override_settings

SERVER_ERROR = {
    "nb": "Noe gikk galt",
    "uk": "Щось пішло не так",
    "en": "Something went wrong",
}


@pytest.mark.parametrize("language", ["nb", "uk", "en"])
def test_a_missing_page_answers_404_in_the_language_of_its_address(client, homes, language):
    response = client.get(f"/{language}/finnes-ikke/")
    assert response.status_code == 404
    assert f'<html lang="{language}"' in response.content.decode()


def test_the_404_page_speaks_english_under_en(client, homes):
    assert "Page not found" in client.get("/en/finnes-ikke/").content.decode()


@pytest.mark.parametrize("language", ["nb", "uk", "en"])
@override_settings(ROOT_URLCONF="tests.config.error_urls")
def test_a_failing_view_answers_500_with_the_static_page_in_every_language(homes, language):
    response = Client(raise_request_exception=False).get(f"/{language}/broken/")
    assert response.status_code == 500
    assert SERVER_ERROR[language] in response.content.decode()


def test_the_500_page_renders_from_a_plain_context_without_the_database(django_assert_max_num_queries, db):
    # The server error page must show when the database is what failed.
    template = engines["django"].engine.get_template("500.html")
    with django_assert_max_num_queries(0):
        html = template.render(Context())
    assert all(text in html for text in SERVER_ERROR.values())
