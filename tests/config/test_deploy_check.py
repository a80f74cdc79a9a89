"""`manage.py check --deploy` with the production settings: no issue, and none of the checks that
apply is silenced to get there (docs/security.md)."""

import subprocess
from pathlib import Path

from tests.processes import environment, python

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": "a-long-random-production-key-" + "k" * 40,
    "ALLOWED_HOSTS": "s2pu.example",
    "PUBLIC_BASE_URL": "https://s2pu.example",
}


def run_in_production(*args: str) -> subprocess.CompletedProcess:
    return python(*args, env=environment(without={"DATABASE_URL"}, **PRODUCTION_ENV))


def test_deploy_check_reports_no_issue_at_all():
    result = run_in_production("manage.py", "check", "--deploy", "--fail-level", "DEBUG")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_silences_no_system_check():
    code = "import django; django.setup(); from django.conf import settings; print(settings.SILENCED_SYSTEM_CHECKS)"
    result = run_in_production("-c", code)
    assert result.stdout.strip() == "[]", result.stderr
