"""What the README, docs and .env.example say agrees with the code."""

import re
from pathlib import Path

import pytest

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]


def test_readme_links_every_doc_once():
    links = re.findall(r"\]\((docs/[\w.-]+\.md)\)", (ROOT / "README.md").read_text())
    assert len(links) == len(set(links)), "a doc is listed twice"
    assert set(links) == {f"docs/{path.name}" for path in (ROOT / "docs").glob("*.md")}


def test_env_example_states_the_cache_the_code_uses_by_default():
    text = (ROOT / ".env.example").read_text()
    comment = text[: text.index("#REDIS_URL=")].rsplit("\n\n", 1)[-1]
    from config.settings import base

    assert base.CACHES["default"]["BACKEND"].endswith("FileBasedCache")
    assert "file cache" in comment and "local memory" not in comment


def test_env_example_states_the_language_cookie_names_the_code_uses():
    text = (ROOT / ".env.example").read_text()
    comment = text[: text.index("#LANGUAGE_COOKIE_NAME=")].rsplit("\n\n", 1)[-1]
    assert settings.LANGUAGE_COOKIE_NAME in comment  # the default outside production
    production = (ROOT / "config" / "settings" / "production.py").read_text()
    default = re.search(r'LANGUAGE_COOKIE_NAME", "([^"]+)"', production).group(1)
    assert default in comment and "always" not in comment, "production reads the variable too"


# A path in a doc or comment: folders and a file name with an extension; not part of a URL or an
# absolute path, not a pattern.
NAMED_PATH = re.compile(
    r"(?<![\w/.:*<{$-])((?:[\w-]+/)+[\w.-]+\.(?:py|md|html|txt|vcl|yaml|toml|service|timer|css|js|po|json))\b"
)
MIGRATION = re.compile(r"(?<![\w/.-])(\d{4}_\w+\.py)\b")
TEXT_FILES = ("*.py", "*.md", "*.html", "*.txt", "*.toml", "*.vcl", "*.service", "*.timer", "Makefile", "run")
# Made by running the site or the tests, or outside the repository by design.
GENERATED = ("var/", ".venv/", "node_modules/", "test-results/")


def named_paths():
    for pattern in TEXT_FILES:
        for path in sorted(ROOT.rglob(pattern)):
            relative = path.relative_to(ROOT)
            if relative.parts[0] in (".venv", "var", ".git", "node_modules", "tests") or "migrations" in relative.parts:
                continue
            text = path.read_text(errors="ignore")
            for match in NAMED_PATH.finditer(text):
                yield relative, match.group(1)
            for match in MIGRATION.finditer(text):
                yield relative, match.group(1)


def exists(source: Path, named: str) -> bool:
    from django.template import TemplateDoesNotExist
    from django.template.loader import get_template

    if named.startswith(GENERATED):
        return True
    if MIGRATION.fullmatch(named):
        return any(ROOT.glob(f"*/migrations/{named}"))
    if named.endswith((".html", ".txt")):  # a template, wherever the loaders find it
        try:
            get_template(named)
            return True
        except TemplateDoesNotExist:
            pass
    places = [ROOT, ROOT / source.parent, ROOT / source.parts[0], ROOT / "docs", ROOT / "static", ROOT / "home"]
    return any((place / named).exists() for place in places)


def test_every_file_a_doc_or_comment_names_exists():
    missing = sorted({f"{source} names {named}" for source, named in named_paths() if not exists(source, named)})
    assert missing == []


# The last commit before the project wrote subjects of at most 72 characters (README.md).
SHORT_SUBJECTS_SINCE = "6c4e93b"


def test_commit_subjects_fit_in_72_characters():
    """`git log --oneline` and GitHub show a subject whole up to 72 characters; the why goes in the body."""
    import shutil
    import subprocess

    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    known = subprocess.run(["git", "cat-file", "-e", f"{SHORT_SUBJECTS_SINCE}^{{commit}}"], cwd=ROOT).returncode == 0
    span = f"{SHORT_SUBJECTS_SINCE}..HEAD" if known else "HEAD^!"
    log = subprocess.run(
        ["git", "log", "--first-parent", "--format=%h %s", span], cwd=ROOT, capture_output=True, text=True, check=True
    )
    subjects = [line.split(" ", 1) for line in log.stdout.splitlines()]
    assert subjects, "no commit to check"
    assert [f"{sha}: {len(subject)}" for sha, subject in subjects if len(subject) > 72] == []
