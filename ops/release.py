"""Which release this process serves, and since when: /healthz shows both, so that a restart or a
deploy can be checked from outside (docs/deployment.md), and the page cache keys its entries on the
release so that pages built by another one are never served.

The release is RELEASE from the environment (the deploy sets it: a tag, a date), else the git commit
of the code the process runs, else empty."""

import functools
import subprocess

from django.conf import settings
from django.utils import timezone

# When this process loaded the site (ops' AppConfig.ready imports this module): a gunicorn worker
# started by a restart or a reload (HUP) shows a later time than the one it replaced.
STARTED_AT = timezone.now()


def current_release() -> str:
    return settings.RELEASE or git_commit()


@functools.cache
def git_commit() -> str:
    """The commit checked out in the project folder; empty without git or outside a checkout."""
    try:
        found = subprocess.run(  # noqa: S603 - a fixed command, no input from anyone
            ["git", "rev-parse", "--short=12", "HEAD"],  # noqa: S607 - git from the PATH, as an operator runs it
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return found.stdout.strip() if found.returncode == 0 else ""
