"""Every task queue has a worker wherever the site runs: `make run`, the systemd units and the commands
docs/deployment.md gives for one machine each start one `db_worker` per queue in TASK_QUEUES, so that
no queue is left without a worker and no worker serves mail beside the other tasks."""

import re
import shlex
from pathlib import Path

import pytest

from django.conf import settings

from outbox.delivery import send_outbound_email
from tests.config.test_systemd_units import read_unit, services

ROOT = Path(__file__).resolve().parents[2]
# A command line that starts a worker (prose that names the command in passing is not one).
QUEUE = re.compile(r"^[\t @]*(?:\S*python )?\S*manage\.py db_worker\b[^\n]*?--queue-name[ =]([\w*,-]+)", re.M)


def queues_started_by(text: str) -> list[str]:
    return QUEUE.findall(text)


def unit_queues() -> list[str]:
    found = []
    for path in services():
        words = shlex.split(read_unit(path)["Service"].get("ExecStart", ""))
        if "db_worker" in words:
            assert "--queue-name" in words, f"{path.name} runs a worker without naming its queue"
            found.append(words[words.index("--queue-name") + 1])
    return found


def make_run_recipe() -> str:
    makefile = (ROOT / "Makefile").read_text()
    return (
        re.search(r"^run:.*?(?=^\S)", makefile, re.M | re.S).group(0).replace("$(MANAGE)", ".venv/bin/python manage.py")
    )


@pytest.mark.parametrize(
    "started",
    [
        pytest.param(unit_queues, id="systemd units"),
        pytest.param(lambda: queues_started_by(make_run_recipe()), id="make run"),
        pytest.param(lambda: queues_started_by((ROOT / "docs" / "deployment.md").read_text()), id="deployment.md"),
    ],
)
def test_one_worker_for_each_queue(started):
    assert sorted(started()) == sorted(settings.TASK_QUEUES)


def test_mail_has_a_queue_of_its_own():
    assert send_outbound_email.queue_name in settings.TASK_QUEUES
    assert send_outbound_email.queue_name != "default"  # Wagtail's tasks go to "default"
    assert settings.TASKS["default"]["QUEUES"] == settings.TASK_QUEUES
