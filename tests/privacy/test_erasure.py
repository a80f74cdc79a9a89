"""manage.py erase_person reaches every app through the registry in privacy.erasure."""

import pytest

from django.core.management import call_command

from privacy import erasure

pytestmark = pytest.mark.django_db


@pytest.fixture
def erased(monkeypatch, capsys):
    """erase_person run with an extra eraser registered: {"seen": addresses it got, "output": …}."""
    seen = []
    monkeypatch.setattr(erasure, "_erasers", {**erasure.registered_erasers()})
    erasure.register_eraser("letters", lambda email: seen.append(email) or {"letters": 2})
    call_command("erase_person", email=" Someone@Example.org ")
    return {"seen": seen, "output": capsys.readouterr().out}


def test_every_registered_eraser_gets_the_normalised_address(erased):
    assert erased["seen"] == ["someone@example.org"]


def test_the_command_reports_what_each_eraser_removed(erased):
    missing = [line for line in ("letters: 2", "registrations: 0", "interest cases: 0") if line not in erased["output"]]
    assert missing == [], erased["output"]


def test_the_command_does_not_echo_the_address(erased):
    assert "someone" not in erased["output"].lower()


def test_the_apps_register_their_erasers():
    assert {"registrations", "interest cases"} <= set(erasure.registered_erasers())
