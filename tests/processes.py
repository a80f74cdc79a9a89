"""Python (`manage.py` mostly) in a process of its own: settings, migrations and servers that must not
touch the test process's own, run from the project folder with the output kept for the assertion."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE in this process; a server never has it.
TEST_PROCESS_ONLY = frozenset({"DJANGO_ALLOW_ASYNC_UNSAFE"})


def environment(*, without=(), **values) -> dict:
    """This process's environment less what only a test process has and the names in `without`,
    with `values` set."""
    dropped = TEST_PROCESS_ONLY | set(without)
    return {name: value for name, value in os.environ.items() if name not in dropped} | values


def python(*arguments: str, env: dict, cwd: Path = ROOT, timeout: float | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *arguments], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def manage(*arguments: str, env: dict, cwd: Path = ROOT, timeout: float | None = None) -> subprocess.CompletedProcess:
    return python("manage.py", *arguments, env=env, cwd=cwd, timeout=timeout)
