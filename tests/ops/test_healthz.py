"""/healthz: what a load balancer asks each app server."""

import datetime
import subprocess
from unittest import mock

import pytest

from django.db import OperationalError
from django.utils import timezone

pytestmark = pytest.mark.django_db


PARTS = ("status", "database", "cache")


def parts(response) -> dict:
    return {name: response.json()[name] for name in PARTS}


def test_healthy_server_answers_200_with_every_part_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert parts(response) == {"status": "ok", "database": "ok", "cache": "ok"}


def test_unreachable_database_answers_503_naming_the_database(client):
    with mock.patch("ops.views.connection.cursor", side_effect=OperationalError("connection refused")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert parts(response) == {"status": "error", "database": "error", "cache": "ok"}


def test_failing_cache_answers_503_naming_the_cache(client):
    with mock.patch("ops.views.cache.set", side_effect=ConnectionError("redis down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert parts(response) == {"status": "error", "database": "ok", "cache": "error"}


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


def test_it_reports_the_release_named_by_the_deploy(client, settings):
    settings.RELEASE = "2026-12-08.1"
    assert client.get("/healthz").json()["release"] == "2026-12-08.1"


def test_without_a_release_name_it_reports_the_commit_it_runs(client, settings):
    settings.RELEASE = ""
    commit = subprocess.run(
        ["git", "rev-parse", "--short=12", "HEAD"], cwd=settings.BASE_DIR, capture_output=True, text=True, check=True
    ).stdout.strip()
    assert client.get("/healthz").json()["release"] == commit


def test_it_reports_since_when_this_process_serves(client):
    started = datetime.datetime.fromisoformat(client.get("/healthz").json()["started"])
    assert started <= timezone.now()
