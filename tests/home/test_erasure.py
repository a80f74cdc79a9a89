"""manage.py erase_person reaches every app through the registry in home.erasure."""

import pytest

from django.core.management import call_command

from home import erasure

pytestmark = pytest.mark.django_db


def test_every_registered_eraser_runs_and_the_address_is_not_echoed(monkeypatch, capsys):
    seen = []
    monkeypatch.setattr(erasure, "_erasers", {**erasure.registered_erasers()})
    erasure.register_eraser("letters", lambda email: seen.append(email) or {"letters": 2})
    call_command("erase_person", email=" Someone@Example.org ")
    assert seen == ["someone@example.org"]
    output = capsys.readouterr().out
    assert "letters: 2" in output and "registrations: 0" in output and "interest cases: 0" in output
    assert "someone" not in output.lower()


def test_the_apps_register_their_erasers():
    assert {"registrations", "interest cases"} <= set(erasure.registered_erasers())
