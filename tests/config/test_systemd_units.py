"""The example systemd units in docs/systemd/ run commands that exist, and the docs name units that
exist: an operator copying them gets no "Unknown command" at three in the morning."""

import configparser
import re
import shlex
from pathlib import Path

import pytest

from django.core.management import get_commands

ROOT = Path(__file__).resolve().parents[2]
UNITS = ROOT / "docs" / "systemd"
DOCS = [ROOT / "docs" / "ops.md", ROOT / "docs" / "deployment.md"]


def read_unit(path: Path) -> configparser.ConfigParser:
    unit = configparser.ConfigParser(interpolation=None, strict=False)
    unit.optionxform = str  # systemd keys are case-sensitive
    unit.read_string(path.read_text())
    return unit


def services():
    return sorted(UNITS.glob("*.service"))


def test_the_folder_holds_the_worker_and_the_jobs():
    commands = {command for path in services() for command in managed_commands(path)}
    expected = {"db_worker", "send_pending_mail", "anonymise_registrations", "erase_closed_interest_cases"}
    assert commands >= expected | {"backup"}


def managed_commands(path: Path) -> list[str]:
    found = []
    for line in read_unit(path)["Service"].get("ExecStart", "").splitlines():
        words = shlex.split(line)
        if "manage.py" in words:
            found.append(words[words.index("manage.py") + 1])
    return found


@pytest.mark.parametrize(
    ("unit", "command"), [(path.name, command) for path in services() for command in managed_commands(path)]
)
def test_every_command_a_unit_runs_is_a_management_command(unit, command):
    assert command in get_commands(), f"{unit} runs manage.py {command}, which does not exist"


@pytest.mark.parametrize("path", services(), ids=lambda path: path.name)
def test_every_manage_py_unit_uses_the_production_settings(path):
    if managed_commands(path):
        assert "DJANGO_SETTINGS_MODULE=config.settings.production" in read_unit(path)["Service"]["Environment"]


@pytest.mark.parametrize("path", sorted(UNITS.glob("*.timer")), ids=lambda path: path.name)
def test_every_timer_starts_a_service_that_exists(path):
    timer = read_unit(path)["Timer"]
    assert (UNITS / timer.get("Unit", path.with_suffix(".service").name)).is_file()
    assert "OnCalendar" in timer


def test_every_unit_file_the_docs_name_exists():
    named = set()
    for doc in DOCS:
        named |= set(re.findall(r"\]\((systemd/[\w.@-]+)\)", doc.read_text()))
    assert named, "the docs link the unit files"
    missing = sorted(name for name in named if not (ROOT / "docs" / name).is_file())
    assert not missing, f"docs link unit files that do not exist: {missing}"


def test_every_unit_file_is_named_in_the_docs():
    text = "".join(doc.read_text() for doc in DOCS)
    unnamed = sorted(path.name for path in UNITS.iterdir() if f"systemd/{path.name}" not in text)
    assert not unnamed, f"unit files no doc mentions: {unnamed}"
