"""/healthz: what a load balancer asks each app server."""

from unittest import mock

import pytest

from django.db import OperationalError

pytestmark = pytest.mark.django_db


def test_healthy_server_answers_200_with_every_part_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


def test_unreachable_database_answers_503_naming_the_database(client):
    with mock.patch("home.views.connection.cursor", side_effect=OperationalError("connection refused")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "error", "cache": "ok"}


def test_failing_cache_answers_503_naming_the_cache(client):
    with mock.patch("home.views.cache.set", side_effect=ConnectionError("redis down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "ok", "cache": "error"}


def test_answer_is_never_stored(client):
    assert "no-store" in client.get("/healthz")["Cache-Control"]


def test_no_cookie_is_set(client):
    response = client.get("/healthz", HTTP_ACCEPT_LANGUAGE="uk")
    assert not response.cookies
    assert "Set-Cookie" not in response


def test_not_redirected_into_a_language(client):
    response = client.get("/healthz", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200


def test_head_is_answered_and_post_refused(client):
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405
